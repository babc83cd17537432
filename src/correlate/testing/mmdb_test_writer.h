// MmdbTestWriter: builds small MaxMind DB files (format 2.0) for tests and benchmarks, so no
// database is downloaded. Written from the MaxMind DB specification; libmaxminddb reading the
// output back is the check that it is right.
//
// Networks are inserted into a binary trie; a later insert overrides the part of an earlier one
// it covers (insert wide networks first, narrow ones after). In an IPv6 database IPv4 networks
// sit at ::a.b.c.d/96+n, where libmaxminddb looks IPv4 addresses up. Every distinct value is
// written once to the data section; no pointers are used. Test code only.
#ifndef SPRAYTRACE_CORRELATE_TESTING_MMDB_TEST_WRITER_H_
#define SPRAYTRACE_CORRELATE_TESTING_MMDB_TEST_WRITER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "correlate/ip_network.h"

namespace spraytrace::correlate::testing {

// A data-section value: unsigned integers of the MaxMind types, strings, maps and arrays.
struct MmdbValue {
  enum class Type { kUint16, kUint32, kUint64, kString, kMap, kArray };
  Type type = Type::kMap;
  uint64_t number = 0;
  std::string text;
  std::vector<std::pair<std::string, MmdbValue>> map;  // keys in the order given
  std::vector<MmdbValue> array;

  static MmdbValue Uint16(uint16_t v) { return {Type::kUint16, v, {}, {}, {}}; }
  static MmdbValue Uint32(uint32_t v) { return {Type::kUint32, v, {}, {}, {}}; }
  static MmdbValue Uint64(uint64_t v) { return {Type::kUint64, v, {}, {}, {}}; }
  static MmdbValue String(std::string v) { return {Type::kString, 0, std::move(v), {}, {}}; }
  static MmdbValue Map(std::vector<std::pair<std::string, MmdbValue>> v) {
    return {Type::kMap, 0, {}, std::move(v), {}};
  }
  static MmdbValue Array(std::vector<MmdbValue> v) {
    return {Type::kArray, 0, {}, {}, std::move(v)};
  }
};

// The records GeoLite2 databases hold.
MmdbValue AsnRecord(uint32_t asn, const std::string& organization);
MmdbValue CountryRecord(const std::string& iso_code);

class MmdbTestWriter {
 public:
  // ip_version 4 or 6; record_size 24, 28 or 32.
  MmdbTestWriter(int ip_version, std::string database_type, int record_size = 28);
  ~MmdbTestWriter();

  // REQUIRES: an IPv6 network only in an IPv6 database.
  void Insert(const IpNetwork& network, const MmdbValue& value);
  // The whole file.
  std::string Build() const;
  // Writes Build() to path; false on an I/O error.
  bool WriteFile(const std::string& path) const;

 private:
  struct Node;
  int ip_version_;
  std::string database_type_;
  int record_size_;
  std::unique_ptr<Node> root_;
  std::vector<std::string> values_;  // encoded data, by value id
  std::map<std::string, uint32_t> value_ids_;
};

}  // namespace spraytrace::correlate::testing

#endif  // SPRAYTRACE_CORRELATE_TESTING_MMDB_TEST_WRITER_H_
