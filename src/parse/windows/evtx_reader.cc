#include "parse/windows/evtx_reader.h"

#include <libevtx.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <unordered_set>

#include "parse/windows/windows_time.h"

namespace spraytrace::parse {
namespace {

// libevtx handles, released on every path.
struct FileDeleter {
  void operator()(libevtx_file_t* file) const {
    libevtx_file_close(file, nullptr);
    libevtx_file_free(&file, nullptr);
  }
};
struct RecordDeleter {
  void operator()(libevtx_record_t* record) const { libevtx_record_free(&record, nullptr); }
};
using FileHandle = std::unique_ptr<libevtx_file_t, FileDeleter>;
using RecordHandle = std::unique_ptr<libevtx_record_t, RecordDeleter>;

// libevtx's error text, for the diagnostic's detail; frees the error.
std::string ErrorText(libevtx_error_t** error) {
  std::string text;
  if (*error != nullptr) {
    char buffer[512] = {};
    if (libevtx_error_sprint(*error, buffer, sizeof buffer) > 0) text = buffer;
    libevtx_error_free(error);
  }
  // Keep the last line: libevtx prints its call chain, innermost first.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (const size_t nl = text.rfind('\n'); nl != std::string::npos) text.erase(0, nl + 1);
  return text;
}

// The record's XML as UTF-8 into *out; false when libevtx cannot render it.
bool RecordXml(libevtx_record_t* record, std::string* out) {
  size_t size = 0;
  if (libevtx_record_get_utf8_xml_string_size(record, &size, nullptr) != 1 || size == 0) {
    return false;
  }
  out->resize(size);
  if (libevtx_record_get_utf8_xml_string(record, reinterpret_cast<uint8_t*>(out->data()), size,
                                         nullptr) != 1) {
    return false;
  }
  while (!out->empty() && out->back() == '\0') out->pop_back();
  return true;
}

}  // namespace

bool IsEvtxFile(const std::string& path) {
  if (path == "-") return false;
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  if (!in.read(magic, sizeof magic)) return false;
  return std::string_view(magic, sizeof magic) == std::string_view("ElfFile\0", 8);
}

EvtxReader::EvtxReader(StringPool* strings, Diagnostics* diagnostics)
    : mapper_(strings, diagnostics), diagnostics_(diagnostics) {}

bool EvtxReader::ReadFile(const std::string& path, uint32_t file_id, std::string_view display_name,
                          EventSink* sink) {
  libevtx_error_t* error = nullptr;
  libevtx_file_t* raw = nullptr;
  if (libevtx_file_initialize(&raw, &error) != 1) {
    diagnostics_->Report(DiagnosticKind::kCorruptEvtx, display_name, 0, ErrorText(&error));
    return false;
  }
  FileHandle file(raw);
  if (libevtx_file_open(file.get(), path.c_str(), LIBEVTX_OPEN_READ, &error) != 1) {
    diagnostics_->Report(DiagnosticKind::kCorruptEvtx, display_name, 0,
                         "not a readable EVTX file: " + ErrorText(&error));
    // Not opened: close would fail; free only.
    libevtx_file_t* unopened = file.release();
    libevtx_file_free(&unopened, nullptr);
    return false;
  }
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    if (std::fseek(f, 0, SEEK_END) == 0) stats_.bytes += static_cast<uint64_t>(std::ftell(f));
    std::fclose(f);
  }
  if (libevtx_file_is_corrupted(file.get(), nullptr) == 1) {
    diagnostics_->Report(DiagnosticKind::kCorruptEvtx, display_name, 0,
                         "EVTX file is damaged or cut short; its readable records were read");
  }

  std::unordered_set<uint64_t> seen;  // EventRecordIDs of live records, to skip their copies
  const auto read_record = [&](libevtx_record_t* record, bool recovered) {
    uint64_t identifier = 0;
    libevtx_record_get_identifier(record, &identifier, nullptr);
    if (recovered && seen.count(identifier) != 0) return true;
    if (!recovered) seen.insert(identifier);
    if (!RecordXml(record, &text_)) return false;
    std::string_view problem;
    if (!xml_.Parse(text_, &event_, &problem)) return false;
    off64_t offset = 0;
    libevtx_record_get_offset(record, &offset, nullptr);
    const uint64_t cited = event_.record_id != 0 ? event_.record_id : identifier;
    const RecordContext context{display_name,
                                EvidenceLocation{file_id, cited, static_cast<uint64_t>(offset)}};
    if (!event_.has_time) {
      // The XML always carries SystemTime; fall back to the record header's written time.
      uint64_t filetime = 0;
      if (libevtx_record_get_written_time(record, &filetime, nullptr) == 1 && filetime != 0) {
        event_.time = FromFiletime(filetime);
        event_.has_time = true;
      }
    }
    if (mapper_.Deliver(event_, context, sink) == RecordStatus::kBad) ++stats_.bad_records;
    return true;
  };

  int count = 0;
  libevtx_file_get_number_of_records(file.get(), &count, nullptr);
  for (int i = 0; i < count; ++i) {
    libevtx_record_t* record = nullptr;
    if (libevtx_file_get_record_by_index(file.get(), i, &record, &error) != 1) {
      ++stats_.unreadable;
      diagnostics_->Report(DiagnosticKind::kCorruptEvtx, display_name, 0,
                           "unreadable record: " + ErrorText(&error));
      continue;
    }
    RecordHandle handle(record);
    if (read_record(record, false)) {
      ++stats_.records;
    } else {
      ++stats_.unreadable;
      diagnostics_->Report(DiagnosticKind::kCorruptEvtx, display_name, 0,
                           "record whose XML could not be rendered or parsed");
    }
  }
  int recovered = 0;
  libevtx_file_get_number_of_recovered_records(file.get(), &recovered, nullptr);
  for (int i = 0; i < recovered; ++i) {
    libevtx_record_t* record = nullptr;
    if (libevtx_file_get_recovered_record_by_index(file.get(), i, &record, &error) != 1) {
      libevtx_error_free(&error);
      ++stats_.unreadable_recovered;
      continue;
    }
    RecordHandle handle(record);
    uint64_t identifier = 0;
    libevtx_record_get_identifier(record, &identifier, nullptr);
    const bool copy = seen.count(identifier) != 0;
    if (read_record(record, true)) {
      if (!copy) ++stats_.recovered;
    } else {
      ++stats_.unreadable_recovered;
    }
  }
  mapper_.EndFile(sink);
  return true;
}

}  // namespace spraytrace::parse
