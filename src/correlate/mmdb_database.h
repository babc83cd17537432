// MmdbDatabase: one MaxMind DB file (GeoLite2-ASN, GeoLite2-Country, GeoLite2-City, or any
// database with the same field names), read with Debian's libmaxminddb through a memory map.
//
// A lookup answers the fields the database has: autonomous_system_number and
// autonomous_system_organization (ASN databases), country.iso_code, else
// registered_country.iso_code (Country and City databases). Open() checks the metadata and walks
// the whole search tree once, so a truncated or corrupt file is an error at start, not in the
// middle of a scan; a damaged data record found by a lookup is an error for that lookup only.
// Immutable after Open(); lookups are safe from several threads (libmaxminddb's rule).
#ifndef SPRAYTRACE_CORRELATE_MMDB_DATABASE_H_
#define SPRAYTRACE_CORRELATE_MMDB_DATABASE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "event/ip_address.h"

struct MMDB_s;

namespace spraytrace::correlate {

struct MmdbAnswer {
  bool found = false;             // the address is in a network the database lists
  uint32_t asn = 0;               // 0: not in this database
  std::string_view organization;  // a view into the mapped file; empty: not given
  std::array<char, 2> country{};  // ISO 3166-1 alpha-2, upper case; {0, 0}: not given
};

class MmdbDatabase {
 public:
  // Errors name the file: kNotFound/kIoError when it cannot be read, kCorruption when it is not
  // a MaxMind DB or its tree is damaged.
  static Result<std::unique_ptr<MmdbDatabase>> Open(const std::string& path);
  ~MmdbDatabase();
  MmdbDatabase(const MmdbDatabase&) = delete;
  MmdbDatabase& operator=(const MmdbDatabase&) = delete;

  // Fills *answer (reset first). An address of a family the database does not hold (IPv6 in an
  // IPv4 database) is not found, not an error. kCorruption when the record is damaged.
  Status Lookup(const IpAddress& ip, MmdbAnswer* answer) const;

  const std::string& path() const { return path_; }
  std::string_view database_type() const;
  uint32_t node_count() const;

 private:
  MmdbDatabase() = default;
  Status CheckTree() const;

  std::string path_;
  std::unique_ptr<MMDB_s> mmdb_;
  bool open_ = false;
};

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_MMDB_DATABASE_H_
