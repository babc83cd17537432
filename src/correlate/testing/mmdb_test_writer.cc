#include "correlate/testing/mmdb_test_writer.h"

#include <array>
#include <fstream>
#include <unordered_map>

namespace spraytrace::correlate::testing {
namespace {

constexpr int kTypeString = 2;
constexpr int kTypeUint16 = 5;
constexpr int kTypeUint32 = 6;
constexpr int kTypeMap = 7;
constexpr int kTypeUint64 = 9;
constexpr int kTypeArray = 11;

// Control byte(s): the type in the top 3 bits (0 and a second byte for extended types), then the
// payload size in 5 bits, with 1-3 more bytes for sizes of 29 and more.
void EncodeControl(int type, size_t size, std::string* out) {
  uint8_t first = type <= 7 ? static_cast<uint8_t>(type << 5) : 0;
  std::string extra;
  if (size < 29) {
    first |= static_cast<uint8_t>(size);
  } else if (size < 29 + 256) {
    first |= 29;
    extra += static_cast<char>(size - 29);
  } else if (size < 285 + 65536) {
    first |= 30;
    const size_t v = size - 285;
    extra += static_cast<char>(v >> 8);
    extra += static_cast<char>(v & 0xff);
  } else {
    first |= 31;
    const size_t v = size - 65821;
    extra += static_cast<char>(v >> 16);
    extra += static_cast<char>((v >> 8) & 0xff);
    extra += static_cast<char>(v & 0xff);
  }
  *out += static_cast<char>(first);
  if (type > 7) *out += static_cast<char>(type - 7);
  *out += extra;
}

void EncodeUnsigned(int type, uint64_t value, std::string* out) {
  std::string bytes;
  for (; value != 0; value >>= 8) bytes.insert(bytes.begin(), static_cast<char>(value & 0xff));
  EncodeControl(type, bytes.size(), out);
  *out += bytes;
}

void Encode(const MmdbValue& v, std::string* out) {
  switch (v.type) {
    case MmdbValue::Type::kUint16:
      EncodeUnsigned(kTypeUint16, v.number, out);
      return;
    case MmdbValue::Type::kUint32:
      EncodeUnsigned(kTypeUint32, v.number, out);
      return;
    case MmdbValue::Type::kUint64:
      EncodeUnsigned(kTypeUint64, v.number, out);
      return;
    case MmdbValue::Type::kString:
      EncodeControl(kTypeString, v.text.size(), out);
      *out += v.text;
      return;
    case MmdbValue::Type::kMap:
      EncodeControl(kTypeMap, v.map.size(), out);
      for (const auto& [key, value] : v.map) {
        Encode(MmdbValue::String(key), out);
        Encode(value, out);
      }
      return;
    case MmdbValue::Type::kArray:
      EncodeControl(kTypeArray, v.array.size(), out);
      for (const MmdbValue& element : v.array) Encode(element, out);
      return;
  }
}

void AppendBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) *out += static_cast<char>((value >> (8 * i)) & 0xff);
}

}  // namespace

MmdbValue AsnRecord(uint32_t asn, const std::string& organization) {
  return MmdbValue::Map({{"autonomous_system_number", MmdbValue::Uint32(asn)},
                         {"autonomous_system_organization", MmdbValue::String(organization)}});
}

MmdbValue CountryRecord(const std::string& iso_code) {
  return MmdbValue::Map(
      {{"continent", MmdbValue::Map({{"code", MmdbValue::String("XX")}})},
       {"country",
        MmdbValue::Map(
            {{"iso_code", MmdbValue::String(iso_code)},
             {"names", MmdbValue::Map({{"en", MmdbValue::String("Country " + iso_code)}})}})}});
}

// A record is a child node, a value (id into values_), or empty.
struct MmdbTestWriter::Node {
  struct Record {
    std::unique_ptr<Node> node;
    int64_t value = -1;
  };
  std::array<Record, 2> records;
};

MmdbTestWriter::MmdbTestWriter(int ip_version, std::string database_type, int record_size)
    : ip_version_(ip_version),
      database_type_(std::move(database_type)),
      record_size_(record_size),
      root_(std::make_unique<Node>()) {}

MmdbTestWriter::~MmdbTestWriter() = default;

void MmdbTestWriter::Insert(const IpNetwork& network, const MmdbValue& value) {
  std::string encoded;
  Encode(value, &encoded);
  auto [it, added] = value_ids_.try_emplace(encoded, static_cast<uint32_t>(values_.size()));
  if (added) values_.push_back(encoded);
  const int64_t id = it->second;

  // The key's bits: 128 for IPv6; for IPv4, 32 (IPv4 database) or 96 zeros and 32.
  const std::array<uint8_t, 16>& bytes = network.base.bytes();
  const bool v4 = network.base.is_v4();
  const int skip = v4 ? 96 : 0;                      // bits of the 16-byte form that are not key
  const int lead = v4 && ip_version_ == 6 ? 96 : 0;  // leading zero bits in an IPv6 tree
  const int depth = lead + network.prefix_len;
  auto bit = [&](int i) -> int {
    if (i < lead) return 0;
    const int b = i - lead + skip;
    return (bytes[b / 8] >> (7 - b % 8)) & 1;
  };
  if (depth == 0) {
    for (Node::Record& r : root_->records) {
      r.node.reset();
      r.value = id;
    }
    return;
  }
  Node* node = root_.get();
  for (int i = 0; i < depth; ++i) {
    Node::Record& r = node->records[bit(i)];
    if (i == depth - 1) {
      r.node.reset();
      r.value = id;
      return;
    }
    if (!r.node) {
      // Splitting a wider network's leaf: both halves keep its value.
      r.node = std::make_unique<Node>();
      for (Node::Record& half : r.node->records) half.value = r.value;
      r.value = -1;
    }
    node = r.node.get();
  }
}

std::string MmdbTestWriter::Build() const {
  // Nodes numbered breadth-first; node 0 is the root.
  std::vector<const Node*> order = {root_.get()};
  std::unordered_map<const Node*, uint64_t> index = {{root_.get(), 0}};
  for (size_t i = 0; i < order.size(); ++i) {
    for (const Node::Record& r : order[i]->records) {
      if (!r.node) continue;
      index.emplace(r.node.get(), order.size());
      order.push_back(r.node.get());
    }
  }
  std::string data;
  std::vector<uint64_t> offsets;
  for (const std::string& v : values_) {
    offsets.push_back(data.size());
    data += v;
  }
  const uint64_t node_count = order.size();
  auto record_value = [&](const Node::Record& r) -> uint64_t {
    if (r.node) return index.at(r.node.get());
    if (r.value < 0) return node_count;
    return node_count + 16 + offsets[static_cast<size_t>(r.value)];
  };
  std::string file;
  for (const Node* node : order) {
    const uint64_t left = record_value(node->records[0]);
    const uint64_t right = record_value(node->records[1]);
    if (record_size_ == 24) {
      AppendBigEndian(left, 3, &file);
      AppendBigEndian(right, 3, &file);
    } else if (record_size_ == 28) {
      AppendBigEndian(left & 0xffffff, 3, &file);
      file += static_cast<char>(((left >> 24) & 0x0f) << 4 | ((right >> 24) & 0x0f));
      AppendBigEndian(right & 0xffffff, 3, &file);
    } else {
      AppendBigEndian(left, 4, &file);
      AppendBigEndian(right, 4, &file);
    }
  }
  file += std::string(16, '\0');
  file += data;
  file += "\xab\xcd\xefMaxMind.com";
  const MmdbValue metadata = MmdbValue::Map({
      {"binary_format_major_version", MmdbValue::Uint16(2)},
      {"binary_format_minor_version", MmdbValue::Uint16(0)},
      {"build_epoch", MmdbValue::Uint64(1700000000)},
      {"database_type", MmdbValue::String(database_type_)},
      {"description", MmdbValue::Map({{"en", MmdbValue::String("spraytrace test database")}})},
      {"ip_version", MmdbValue::Uint16(static_cast<uint16_t>(ip_version_))},
      {"languages", MmdbValue::Array({MmdbValue::String("en")})},
      {"node_count", MmdbValue::Uint32(static_cast<uint32_t>(node_count))},
      {"record_size", MmdbValue::Uint16(static_cast<uint16_t>(record_size_))},
  });
  Encode(metadata, &file);
  return file;
}

bool MmdbTestWriter::WriteFile(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const std::string bytes = Build();
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace spraytrace::correlate::testing
