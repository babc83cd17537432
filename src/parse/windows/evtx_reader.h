// EvtxReader: reads Windows .evtx files directly (Debian's libevtx) and hands every record to
// the shared WindowsEventMapper, the same rules as every other rendering.
//
// EVTX is a whole-file binary format, so it bypasses the line reader: the scan checks a file's
// first bytes for the "ElfFile\0" magic (IsEvtxFile) and gives such files to this reader.
// Each record's XML (libevtx renders it from the record's templates) is parsed by
// EventXmlParser. Records libevtx recovered from slack space (deleted or overwritten ones) are
// read too, unless a normal record with the same EventRecordID was already read (most are
// copies of live records). Evidence cites the record: `line` is its EventRecordID (what Event
// Viewer shows) and `offset` its byte offset in the file.
//
// Damage: a file libevtx cannot open, one it marks corrupted (a cut or damaged chunk), and each
// live record it cannot read or render are counted kCorruptEvtx; everything readable is still
// used. Unreadable recovered records are slack-space debris and only counted in stats.
// Not thread-safe: one per scan (its mapper keeps the NTLM echo state across files).
#ifndef SPRAYTRACE_PARSE_WINDOWS_EVTX_READER_H_
#define SPRAYTRACE_PARSE_WINDOWS_EVTX_READER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/event_sink.h"
#include "parse/windows/event_xml.h"
#include "parse/windows/windows_mapping.h"

namespace spraytrace::parse {

// True when the file at path starts with the EVTX file header magic "ElfFile\0".
bool IsEvtxFile(const std::string& path);

struct EvtxStats {
  uint64_t records = 0;     // live records read
  uint64_t recovered = 0;   // recovered records read (not copies of live ones)
  uint64_t unreadable = 0;  // live records libevtx could not read or render
  uint64_t unreadable_recovered = 0;
  uint64_t bad_records = 0;  // read, but the mapping could not use them (bad_record)
  uint64_t bytes = 0;        // file sizes
};

class EvtxReader {
 public:
  // REQUIRES: strings and diagnostics outlive the reader.
  EvtxReader(StringPool* strings, Diagnostics* diagnostics);

  // Reads one file; file_id is the FileTable index evidence cites, display_name how
  // diagnostics name it. False when the file could not be opened as EVTX at all (counted
  // kCorruptEvtx).
  bool ReadFile(const std::string& path, uint32_t file_id, std::string_view display_name,
                EventSink* sink);

  const EvtxStats& stats() const { return stats_; }

 private:
  WindowsEventMapper mapper_;
  Diagnostics* diagnostics_;
  EventXmlParser xml_;
  WindowsEvent event_;
  std::string text_;  // a record's XML, reused
  EvtxStats stats_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_EVTX_READER_H_
