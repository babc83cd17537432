#include "parse/syslog/year_tracker.h"

namespace spraytrace::parse {
namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

void YearTracker::Reset(YearHint hint) {
  hint_ = hint;
  started_ = false;
  first_year_ = 0;
  year_ = 0;
  month_ = 0;
}

int YearTracker::YearFor(int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  int year;
  if (!started_) {
    year = !hint_.forced && month > hint_.month ? hint_.year - 1 : hint_.year;
  } else if (month_ - month > kMaxMonthsBack) {
    year = year_ + 1;
  } else if (month - month_ > kMaxMonthsBack && year_ > first_year_) {
    year = year_ - 1;
  } else {
    year = year_;
  }
  if (day > DaysInMonth(year, month)) return 0;
  if (!started_) {
    started_ = true;
    first_year_ = year;
  }
  year_ = year;
  month_ = month;
  return year;
}

}  // namespace spraytrace::parse
