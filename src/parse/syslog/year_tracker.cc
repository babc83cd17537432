#include "parse/syslog/year_tracker.h"

#include "event/timestamp.h"

namespace spraytrace::parse {
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
