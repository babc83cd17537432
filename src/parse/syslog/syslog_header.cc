#include "parse/syslog/syslog_header.h"

#include <array>

namespace spraytrace::parse {
namespace {

constexpr std::string_view kLastMessageRepeated = "last message repeated ";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A read position in a line; every accessor is bounds-checked.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  std::string_view Rest() const { return text_.substr(pos_); }
  void Skip(size_t count) { pos_ = pos_ + count < text_.size() ? pos_ + count : text_.size(); }

  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  // Reads between min_digits and max_digits decimal digits (as many as present).
  bool Number(int min_digits, int max_digits, int* value) {
    int digits = 0;
    int result = 0;
    while (digits < max_digits && IsDigit(Peek())) {
      result = result * 10 + (text_[pos_] - '0');
      ++pos_;
      ++digits;
    }
    *value = result;
    return digits >= min_digits;
  }

  // Reads "hh:mm:ss" with exactly two digits each.
  bool ClockTime(CivilTime* civil) {
    return Number(2, 2, &civil->hour) && Consume(':') && Number(2, 2, &civil->minute) &&
           Consume(':') && Number(2, 2, &civil->second);
  }

  // Reads an optional ".ddd..." fraction into microseconds (digits past the sixth dropped).
  bool OptionalFraction(int* micros) {
    *micros = 0;
    if (!Consume('.')) return true;
    int digits = 0;
    while (IsDigit(Peek())) {
      if (digits < 6) *micros = *micros * 10 + (text_[pos_] - '0');
      ++digits;
      ++pos_;
    }
    for (int i = digits; i < 6; ++i) *micros *= 10;
    return digits > 0;
  }

  // Returns the text up to the next space (or the end) and moves past it, not past the space.
  std::string_view Word() {
    const size_t space = text_.find(' ', pos_);
    const size_t end = space == std::string_view::npos ? text_.size() : space;
    const std::string_view word = text_.substr(pos_, end - pos_);
    pos_ = end;
    return word;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

int MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool ClockInRange(const CivilTime& civil) {
  return civil.hour <= 23 && civil.minute <= 59 && civil.second <= 60;
}

int64_t ParsePid(std::string_view text) {
  if (text.empty() || text.size() > 18) return -1;
  int64_t pid = 0;
  for (const char c : text) {
    if (!IsDigit(c)) return -1;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

// Recognises a syslog tag word ("sshd[1]:", "sshd:", "[sshd]:", "[sshd]", "sshd[1]"), without
// the space that follows it. False when the word has no tag shape.
bool ParseTag(std::string_view word, std::string_view* program, int64_t* pid) {
  const bool colon = !word.empty() && word.back() == ':';
  if (colon) word.remove_suffix(1);
  *pid = -1;
  if (word.size() < 2 || word.back() != ']') {
    *program = word;
    return colon && !word.empty();
  }
  if (word.front() == '[') {
    *program = word.substr(1, word.size() - 2);
    return !program->empty();
  }
  const size_t open = word.rfind('[');
  if (open == std::string_view::npos || open == 0) return false;
  *program = word.substr(0, open);
  *pid = ParsePid(word.substr(open + 1, word.size() - open - 2));
  return true;
}

// Splits "[host ]tag msg" (the part after the timestamp and its space) into the record.
void ParseHostAndTag(Cursor cursor, SyslogRecord* record) {
  record->host = {};
  record->program = {};
  record->pid = -1;
  if (cursor.Peek() == kLastMessageRepeated[0] && cursor.Rest().starts_with(kLastMessageRepeated)) {
    record->message = cursor.Rest();
    return;
  }
  Cursor after_first = cursor;
  const std::string_view first = after_first.Word();
  if (ParseTag(first, &record->program, &record->pid)) {
    after_first.Consume(' ');
    record->message = after_first.Rest();
    return;
  }
  // PAN-OS sends its CSV right after the time ("Nov 30 16:09:08 1,2021/03/24 ..."): a word
  // with a comma is never a host name, so the whole rest is the message.
  if (first.find(',') != std::string_view::npos) {
    record->program = {};
    record->pid = -1;
    record->message = cursor.Rest();
    return;
  }
  record->host = first;
  after_first.Consume(' ');
  Cursor after_second = after_first;
  // Cisco's "logging device-id": "host : %ASA-6-113015: ...", the tag after a lone colon.
  if (after_second.Rest().starts_with(": ")) after_second.Skip(2);
  if (ParseTag(after_second.Word(), &record->program, &record->pid)) {
    after_second.Consume(' ');
    record->message = after_second.Rest();
    return;
  }
  record->program = {};
  record->pid = -1;
  record->message = after_first.Rest();
}

// "Mmm dd hh:mm:ss" or "Mmm dd yyyy hh:mm:ss", the month already read.
HeaderStatus ParseRfc3164(Cursor cursor, int month, YearTracker* years, SyslogRecord* record) {
  CivilTime civil;
  civil.month = month;
  while (cursor.Consume(' ')) {
  }
  if (!cursor.Number(1, 2, &civil.day) || !cursor.Consume(' ')) {
    return HeaderStatus::kBadTimestamp;
  }
  Cursor probe = cursor;
  int year = 0;
  const bool explicit_year = probe.Number(4, 4, &year) && probe.Consume(' ');
  if (explicit_year) cursor = probe;
  if (!cursor.ClockTime(&civil) || !cursor.OptionalFraction(&civil.micros)) {
    return HeaderStatus::kBadTimestamp;
  }
  // Cisco ASA without a device id ends its time with a colon: "Dec 13 2013 16:22:38: %ASA-...".
  if (explicit_year && cursor.Rest().starts_with(": ")) cursor.Skip(1);
  if (!cursor.AtEnd() && cursor.Peek() != ' ') return HeaderStatus::kBadTimestamp;
  if (!ClockInRange(civil)) return HeaderStatus::kBadTimestamp;
  civil.year = explicit_year ? year : years->YearFor(civil.month, civil.day);
  if (!IsValidCivil(civil)) return HeaderStatus::kBadTimestamp;
  if (!cursor.Consume(' ') || cursor.AtEnd()) return HeaderStatus::kNotSyslog;
  record->time = ToTimestamp(civil);
  ParseHostAndTag(cursor, record);
  return HeaderStatus::kOk;
}

HeaderStatus ParseIsoSyslog(Cursor cursor, SyslogRecord* record) {
  if (!ParseRfc3339Time(cursor.Word(), &record->time)) return HeaderStatus::kBadTimestamp;
  if (!cursor.Consume(' ') || cursor.AtEnd()) return HeaderStatus::kNotSyslog;
  ParseHostAndTag(cursor, record);
  return HeaderStatus::kOk;
}

// Moves past RFC 5424 STRUCTURED-DATA: "-" or one or more "[id k="v" ...]" elements, where a
// quoted value may hold '[', ']' and backslash escapes ("\]", "\"", "\\").
bool SkipStructuredData(Cursor* cursor) {
  if (cursor->Consume('-')) return true;
  if (cursor->Peek() != '[') return false;
  while (cursor->Consume('[')) {
    bool quoted = false;
    while (true) {
      if (cursor->AtEnd()) return false;
      const char c = cursor->Peek();
      cursor->Skip(1);
      if (quoted && c == '\\') {
        cursor->Skip(1);
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ']') {
        break;
      }
    }
  }
  return true;
}

std::string_view NilToEmpty(std::string_view field) { return field == "-" ? "" : field; }

// "TIMESTAMP HOST APP PROCID MSGID SD [MSG]", after "<PRI>1 ".
HeaderStatus ParseRfc5424(Cursor cursor, SyslogRecord* record) {
  const std::string_view time = cursor.Word();
  if (!cursor.Consume(' ')) return HeaderStatus::kNotSyslog;
  if (!ParseRfc3339Time(time, &record->time)) return HeaderStatus::kBadTimestamp;
  std::string_view fields[4];  // HOSTNAME APP-NAME PROCID MSGID
  for (std::string_view& field : fields) {
    field = cursor.Word();
    if (field.empty() || !cursor.Consume(' ')) return HeaderStatus::kNotSyslog;
  }
  if (!SkipStructuredData(&cursor)) return HeaderStatus::kNotSyslog;
  if (!cursor.AtEnd() && !cursor.Consume(' ')) return HeaderStatus::kNotSyslog;
  std::string_view message = cursor.Rest();
  if (message.starts_with(kUtf8Bom)) message.remove_prefix(kUtf8Bom.size());
  record->host = NilToEmpty(fields[0]);
  record->program = NilToEmpty(fields[1]);
  record->pid = ParsePid(fields[2]);
  record->message = message;
  return HeaderStatus::kOk;
}

bool ParseZone(Cursor* cursor, Micros* offset) {
  *offset = 0;
  if (cursor->AtEnd() || cursor->Consume('Z') || cursor->Consume('z')) return true;
  const char sign = cursor->Peek();
  if (sign != '+' && sign != '-') return false;
  cursor->Skip(1);
  int hours = 0;
  int minutes = 0;
  if (!cursor->Number(2, 2, &hours)) return false;
  cursor->Consume(':');
  if (!cursor->Number(2, 2, &minutes) || hours > 23 || minutes > 59) return false;
  *offset = (hours * kMicrosPerHour + minutes * kMicrosPerMinute) * (sign == '-' ? -1 : 1);
  return true;
}

}  // namespace

bool ParseRfc3339Time(std::string_view text, Timestamp* time) {
  Cursor cursor(text);
  CivilTime civil;
  if (!cursor.Number(4, 4, &civil.year) || !cursor.Consume('-') ||
      !cursor.Number(2, 2, &civil.month) || !cursor.Consume('-') ||
      !cursor.Number(2, 2, &civil.day) || !(cursor.Consume('T') || cursor.Consume('t')) ||
      !cursor.ClockTime(&civil) || !cursor.OptionalFraction(&civil.micros)) {
    return false;
  }
  Micros offset = 0;
  if (!ParseZone(&cursor, &offset) || !cursor.AtEnd() || !IsValidCivil(civil)) return false;
  *time = ToTimestamp(civil) - offset;
  return true;
}

HeaderStatus ParseSyslogHeader(std::string_view line, YearTracker* years, SyslogRecord* record) {
  Cursor cursor(line);
  if (cursor.Consume('<')) {
    int priority = 0;
    if (!cursor.Number(1, 3, &priority) || !cursor.Consume('>')) return HeaderStatus::kNotSyslog;
    if (cursor.Rest().starts_with("1 ")) {
      cursor.Skip(2);
      return ParseRfc5424(cursor, record);
    }
  }
  const std::string_view rest = cursor.Rest();
  if (rest.size() >= 5 && IsDigit(rest[0]) && IsDigit(rest[1]) && IsDigit(rest[2]) &&
      IsDigit(rest[3]) && rest[4] == '-') {
    return ParseIsoSyslog(cursor, record);
  }
  if (rest.size() >= 5 && rest[3] == ' ' && (IsDigit(rest[4]) || rest[4] == ' ')) {
    const int month = MonthFromName(rest.substr(0, 3));
    if (month != 0) {
      cursor.Skip(4);
      return ParseRfc3164(cursor, month, years, record);
    }
  }
  return HeaderStatus::kNotSyslog;
}

}  // namespace spraytrace::parse
