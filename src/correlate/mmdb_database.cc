#include "correlate/mmdb_database.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace spraytrace::correlate {
namespace {

Status OpenError(const std::string& path, int status) {
  const std::string message =
      fmt::format("cannot open MaxMind database '{}': {}", path, MMDB_strerror(status));
  if (status == MMDB_FILE_OPEN_ERROR) {
    return errno == ENOENT ? Status::NotFound(message) : Status::IoError(message);
  }
  if (status == MMDB_IO_ERROR || status == MMDB_OUT_OF_MEMORY_ERROR) {
    return Status::IoError(message);
  }
  return Status::Corruption(message);
}

// Reads a value at path (a null-terminated key list); false when absent. Errors other than a
// path the record does not have mean the record is damaged.
bool GetValue(MMDB_entry_s* entry, const char* const* path, MMDB_entry_data_s* data, int* error) {
  const int status = MMDB_aget_value(entry, data, path);
  if (status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR) return false;
  if (status != MMDB_SUCCESS) {
    *error = status;
    return false;
  }
  return data->has_data;
}

bool ReadCountry(MMDB_entry_s* entry, const char* const* path, std::array<char, 2>* country,
                 int* error) {
  MMDB_entry_data_s data{};
  if (!GetValue(entry, path, &data, error) || data.type != MMDB_DATA_TYPE_UTF8_STRING ||
      data.data_size != 2) {
    return false;
  }
  auto upper = [](char c) -> char {
    if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
    return c >= 'A' && c <= 'Z' ? c : '\0';
  };
  const char first = upper(data.utf8_string[0]);
  const char second = upper(data.utf8_string[1]);
  if (first == '\0' || second == '\0') return false;
  *country = {first, second};
  return true;
}

}  // namespace

MmdbDatabase::~MmdbDatabase() {
  if (open_) MMDB_close(mmdb_.get());
}

Result<std::unique_ptr<MmdbDatabase>> MmdbDatabase::Open(const std::string& path) {
  std::unique_ptr<MmdbDatabase> db(new MmdbDatabase());
  db->path_ = path;
  db->mmdb_ = std::make_unique<MMDB_s>();
  errno = 0;
  const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, db->mmdb_.get());
  if (status != MMDB_SUCCESS) return OpenError(path, status);
  db->open_ = true;
  if (Status s = db->CheckTree(); !s.ok()) return s;
  return db;
}

// Every node's two records must point at a node, at nothing, or into the data section.
Status MmdbDatabase::CheckTree() const {
  const uint32_t nodes = mmdb_->metadata.node_count;
  MMDB_search_node_s node{};
  for (uint32_t i = 0; i < nodes; ++i) {
    const int status = MMDB_read_node(mmdb_.get(), i, &node);
    if (status != MMDB_SUCCESS || node.left_record_type == MMDB_RECORD_TYPE_INVALID ||
        node.right_record_type == MMDB_RECORD_TYPE_INVALID) {
      return Status::Corruption(fmt::format(
          "MaxMind database '{}' is damaged: search tree node {} of {} points outside the file",
          path_, i, nodes));
    }
  }
  return Status::Ok();
}

std::string_view MmdbDatabase::database_type() const {
  const char* type = mmdb_->metadata.database_type;
  return type ? std::string_view(type) : std::string_view();
}

uint32_t MmdbDatabase::node_count() const { return mmdb_->metadata.node_count; }

Status MmdbDatabase::Lookup(const IpAddress& ip, MmdbAnswer* answer) const {
  *answer = MmdbAnswer{};
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  const sockaddr* address = nullptr;
  if (ip.is_v4()) {
    v4.sin_family = AF_INET;
    std::memcpy(&v4.sin_addr, ip.bytes().data() + 12, 4);
    address = reinterpret_cast<const sockaddr*>(&v4);
  } else {
    if (mmdb_->metadata.ip_version == 4) return Status::Ok();
    v6.sin6_family = AF_INET6;
    std::memcpy(&v6.sin6_addr, ip.bytes().data(), 16);
    address = reinterpret_cast<const sockaddr*>(&v6);
  }
  int error = MMDB_SUCCESS;
  MMDB_lookup_result_s result = MMDB_lookup_sockaddr(mmdb_.get(), address, &error);
  if (error == MMDB_SUCCESS && result.found_entry) {
    answer->found = true;
    static const char* const kAsn[] = {"autonomous_system_number", nullptr};
    static const char* const kOrganization[] = {"autonomous_system_organization", nullptr};
    static const char* const kCountry[] = {"country", "iso_code", nullptr};
    static const char* const kRegistered[] = {"registered_country", "iso_code", nullptr};
    MMDB_entry_data_s data{};
    if (GetValue(&result.entry, kAsn, &data, &error)) {
      if (data.type == MMDB_DATA_TYPE_UINT32) answer->asn = data.uint32;
      if (data.type == MMDB_DATA_TYPE_UINT16) answer->asn = data.uint16;
    }
    if (GetValue(&result.entry, kOrganization, &data, &error) &&
        data.type == MMDB_DATA_TYPE_UTF8_STRING) {
      answer->organization = std::string_view(data.utf8_string, data.data_size);
    }
    if (!ReadCountry(&result.entry, kCountry, &answer->country, &error)) {
      ReadCountry(&result.entry, kRegistered, &answer->country, &error);
    }
  }
  if (error != MMDB_SUCCESS) {
    *answer = MmdbAnswer{};
    return Status::Corruption(fmt::format("MaxMind database '{}', record for {}: {}", path_,
                                          ip.ToString(), MMDB_strerror(error)));
  }
  return Status::Ok();
}

}  // namespace spraytrace::correlate
