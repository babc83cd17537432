#include "eval/findings_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "simulate/iso_time.h"

namespace spraytrace::eval {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

Status Bad(std::string_view field, std::string_view problem) {
  return Status::InvalidArgument(fmt::format("{}: {}", field, problem));
}

// The member parent.child, nested or dotted; false when absent or null.
bool Find(object o, std::string_view parent, std::string_view child, element* out) {
  element value;
  if (child.empty()) {
    if (o[parent].get(value) != simdjson::SUCCESS) return false;
  } else {
    object inner;
    if (o[parent].get(inner) != simdjson::SUCCESS || inner[child].get(value) != simdjson::SUCCESS) {
      const std::string dotted = fmt::format("{}.{}", parent, child);
      if (o[dotted].get(value) != simdjson::SUCCESS) return false;
    }
  }
  if (value.is_null()) return false;
  *out = value;
  return true;
}

std::string Name(std::string_view parent, std::string_view child) {
  return child.empty() ? std::string(parent) : fmt::format("{}.{}", parent, child);
}

// Reads an optional string member; *present says whether it was there.
Status ReadString(object o, std::string_view parent, std::string_view child, std::string* out,
                  bool* present) {
  element value;
  *present = Find(o, parent, child, &value);
  if (!*present) return Status::Ok();
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return Bad(Name(parent, child), "not a string");
  out->assign(text);
  return Status::Ok();
}

Status ReadTime(object o, std::string_view parent, std::string_view child,
                std::optional<Timestamp>* out) {
  std::string text;
  bool present = false;
  if (Status s = ReadString(o, parent, child, &text, &present); !s.ok() || !present) return s;
  Timestamp time = 0;
  if (!simulate::ParseIsoTime(text, &time)) {
    return Bad(Name(parent, child), fmt::format("'{}' is not an ISO-8601 UTC time", text));
  }
  *out = time;
  return Status::Ok();
}

// Reads a member that is an array of strings or a single string.
Status ReadStrings(object o, std::string_view parent, std::string_view child,
                   std::vector<std::string>* out) {
  element value;
  if (!Find(o, parent, child, &value)) return Status::Ok();
  std::string_view text;
  if (value.get(text) == simdjson::SUCCESS) {
    out->emplace_back(text);
    return Status::Ok();
  }
  simdjson::dom::array items;
  if (value.get(items) != simdjson::SUCCESS) {
    return Bad(Name(parent, child), "not a string or an array of strings");
  }
  for (element item : items) {
    if (item.get(text) != simdjson::SUCCESS) {
      return Bad(Name(parent, child), "holds a value that is not a string");
    }
    out->emplace_back(text);
  }
  return Status::Ok();
}

Status ToIp(std::string_view field, std::string_view text, IpAddress* out) {
  auto ip = IpAddress::Parse(text);
  if (!ip) return Bad(field, fmt::format("'{}' is not an IP address", text));
  *out = *ip;
  return Status::Ok();
}

Status ReadAddresses(object o, FindingRecord* f) {
  std::vector<std::string> texts;
  if (Status s = ReadStrings(o, "related", "ip", &texts); !s.ok()) return s;
  for (const std::string& text : texts) {
    IpAddress ip;
    if (Status s = ToIp("related.ip", text, &ip); !s.ok()) return s;
    f->related_ips.push_back(ip);
  }
  std::string text;
  bool present = false;
  if (Status s = ReadString(o, "source", "ip", &text, &present); !s.ok() || !present) return s;
  IpAddress ip;
  if (Status s = ToIp("source.ip", text, &ip); !s.ok()) return s;
  f->source_ip = ip;
  return Status::Ok();
}

// event.severity (an integer) and spraytrace.confidence (a number), when present.
Status ReadScores(object o, FindingRecord* f) {
  element value;
  if (Find(o, "event", "severity", &value)) {
    int64_t severity = 0;
    if (value.get(severity) != simdjson::SUCCESS || severity < 0 || severity > 100) {
      return Bad("event.severity", "not an integer from 0 to 100");
    }
    f->severity = static_cast<int>(severity);
  }
  if (Find(o, "spraytrace", "confidence", &value)) {
    double confidence = 0;
    if (value.get(confidence) != simdjson::SUCCESS) {
      int64_t whole = 0;  // simdjson keeps integers ("confidence": 1) apart from doubles
      if (value.get(whole) != simdjson::SUCCESS)
        return Bad("spraytrace.confidence", "not a number");
      confidence = static_cast<double>(whole);
    }
    f->confidence = confidence;
  }
  if (Find(o, "spraytrace", "distinct_accounts", &value)) {
    uint64_t accounts = 0;
    if (value.get(accounts) != simdjson::SUCCESS) {
      return Bad("spraytrace.distinct_accounts", "not a non-negative integer");
    }
    f->distinct_accounts = accounts;
  }
  return Status::Ok();
}

Status ReadRequired(object o, FindingRecord* f) {
  bool present = false;
  if (Status s = ReadString(o, "rule", "name", &f->rule_name, &present); !s.ok()) return s;
  if (!present) return Bad("rule.name", "missing");
  std::optional<Timestamp> time;
  if (Status s = ReadTime(o, "@timestamp", "", &time); !s.ok()) return s;
  if (!time) return Bad("@timestamp", "missing");
  f->timestamp = *time;
  return Status::Ok();
}

Status ReadOptional(object o, FindingRecord* f) {
  bool present = false;
  if (Status s = ReadString(o, "rule", "id", &f->rule_id, &present); !s.ok()) return s;
  if (Status s = ReadTime(o, "event", "start", &f->start); !s.ok()) return s;
  if (Status s = ReadTime(o, "event", "end", &f->end); !s.ok()) return s;
  if (Status s = ReadAddresses(o, f); !s.ok()) return s;
  if (Status s = ReadStrings(o, "related", "user", &f->related_users); !s.ok()) return s;
  std::string user;
  if (Status s = ReadString(o, "user", "name", &user, &present); !s.ok()) return s;
  if (present) f->user_name = std::move(user);
  if (Status s = ReadString(o, "spraytrace", "campaign", &f->campaign, &present); !s.ok()) return s;
  if (Status s = ReadString(o, "message", "", &f->message, &present); !s.ok()) return s;
  return ReadScores(o, f);
}

Result<FindingRecord> ParseWith(simdjson::dom::parser* parser, std::string_view line) {
  object root;
  if (auto error = parser->parse(line.data(), line.size()).get(root)) {
    return Status::InvalidArgument(
        fmt::format("not a JSON object: {}", simdjson::error_message(error)));
  }
  FindingRecord finding;
  if (Status s = ReadRequired(root, &finding); !s.ok()) return s;
  if (Status s = ReadOptional(root, &finding); !s.ok()) return s;
  return finding;
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

Result<FindingRecord> ParseFindingLine(std::string_view line) {
  simdjson::dom::parser parser;
  return ParseWith(&parser, line);
}

FindingsFile ReadFindings(std::istream& in) {
  FindingsFile file;
  simdjson::dom::parser parser;
  std::string line;
  for (uint64_t number = 1; std::getline(in, line); ++number) {
    if (IsBlank(line)) continue;
    ++file.lines;
    auto finding = ParseWith(&parser, line);
    if (finding) {
      file.findings.push_back(std::move(*finding));
      continue;
    }
    ++file.bad_lines;
    if (file.bad_samples.size() < FindingsFile::kMaxBadSamples) {
      file.bad_samples.push_back({number, finding.error().message()});
    }
  }
  return file;
}

Result<FindingsFile> LoadFindings(const std::string& path) {
  if (path == "-") {
    FindingsFile file = ReadFindings(std::cin);
    if (std::cin.bad()) return Status::IoError("cannot read findings from standard input");
    return file;
  }
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return Status::InvalidArgument(fmt::format("cannot read findings '{}': a folder", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(
        fmt::format("cannot read findings '{}': {}", path, std::strerror(errno)));
  }
  FindingsFile file = ReadFindings(in);
  if (in.bad()) return Status::IoError(fmt::format("cannot read findings '{}'", path));
  return file;
}

}  // namespace spraytrace::eval
