#include "simulate/address_book.h"

#include <array>

namespace spraytrace::simulate {
namespace {

// First octets of blocks that regional registries gave mostly to consumer ISPs.
constexpr std::array<uint8_t, 60> kResidentialFirstOctets = {
    2,  5,  24, 31, 37, 46,  47,  50,  58,  59,  60,  61,  67,  68,  69,  70,  71,  72,  73,  74,
    75, 76, 77, 78, 79, 80,  81,  82,  83,  84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,
    95, 96, 97, 98, 99, 108, 109, 112, 114, 118, 121, 122, 124, 175, 176, 177, 178, 186, 187, 189};
// Other regions (APNIC, AFRINIC, LACNIC) for travellers.
constexpr std::array<uint8_t, 12> kForeignFirstOctets = {1,   14,  27,  36,  39,  41,
                                                         102, 105, 154, 196, 197, 201};
// ISP /32s (high 32 bits) for residential IPv6: documentation-free, real-looking allocations.
constexpr std::array<uint32_t, 8> kIsp6 = {0x20014ca0, 0x2a020c7f, 0x2600170c, 0x26018a00,
                                           0x2a01e0a0, 0x24090010, 0x2003000a, 0x2a0a0100};

IpAddress FromBytes(const std::array<uint8_t, 16>& bytes) {
  // IpAddress has no byte constructor: go through text once per new address.
  std::string text;
  for (int i = 0; i < 16; i += 2) {
    if (i) text += ':';
    static constexpr char kHex[] = "0123456789abcdef";
    const int word = bytes[i] << 8 | bytes[i + 1];
    text += kHex[(word >> 12) & 15];
    text += kHex[(word >> 8) & 15];
    text += kHex[(word >> 4) & 15];
    text += kHex[word & 15];
  }
  return *IpAddress::Parse(text);
}

bool IsPublicV4(uint32_t a) {
  const uint32_t first = a >> 24;
  if (first == 0 || first == 10 || first == 127 || first >= 224) return false;
  if ((a & 0xffc00000) == 0x64400000) return false;  // 100.64/10 CGNAT
  if ((a & 0xffff0000) == 0xa9fe0000) return false;  // 169.254/16
  if ((a & 0xfff00000) == 0xac100000) return false;  // 172.16/12
  if ((a & 0xffff0000) == 0xc0a80000) return false;  // 192.168/16
  if ((a & 0xffffff00) == 0xc0000000 || (a & 0xffffff00) == 0xc0000200) return false;
  if ((a & 0xfffe0000) == 0xc6120000) return false;  // 198.18/15
  if ((a & 0xffffff00) == 0xc6336400 || (a & 0xffffff00) == 0xcb007100) return false;
  return true;
}

}  // namespace

uint32_t AddressBook::AddNew(const IpAddress& ip) {
  const auto id = static_cast<uint32_t>(addresses_.size());
  if (!ids_.emplace(ip, id).second) return kNoAddress;
  addresses_.push_back(ip);
  texts_.push_back(ip.ToString());
  return id;
}

uint32_t AddressBook::AddUnique(const std::function<IpAddress()>& make) {
  for (;;) {
    const uint32_t id = AddNew(make());
    if (id != kNoAddress) return id;
  }
}

uint32_t ResidentialPrefix16(Rng* rng) {
  const uint32_t first = kResidentialFirstOctets[rng->Below(kResidentialFirstOctets.size())];
  return first << 8 | static_cast<uint32_t>(rng->Below(256));
}

uint32_t ForeignPrefix16(Rng* rng) {
  const uint32_t first = kForeignFirstOctets[rng->Below(kForeignFirstOctets.size())];
  return first << 8 | static_cast<uint32_t>(rng->Below(256));
}

IpAddress HostInPrefix16(uint32_t prefix16, Rng* rng) {
  const auto third = static_cast<uint32_t>(rng->Below(256));
  const auto fourth = static_cast<uint32_t>(rng->Between(1, 254));
  return IpAddress::FromV4(prefix16 << 16 | third << 8 | fourth);
}

IpAddress AnyPublicV4(Rng* rng) {
  for (;;) {
    const auto a = static_cast<uint32_t>(rng->Next() >> 32);
    if (IsPublicV4(a) && (a & 0xff) != 0 && (a & 0xff) != 255) return IpAddress::FromV4(a);
  }
}

IpAddress ResidentialV6(Rng* rng) {
  std::array<uint8_t, 16> bytes{};
  const uint32_t isp = kIsp6[rng->Below(kIsp6.size())];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<uint8_t>(isp >> (24 - 8 * i));
  const uint64_t rest = rng->Next();
  for (int i = 4; i < 7; ++i) bytes[i] = static_cast<uint8_t>(rest >> (8 * i));  // the /56
  const uint64_t iid = rng->Next();
  for (int i = 8; i < 16; ++i) bytes[i] = static_cast<uint8_t>(iid >> (8 * (i - 8)));
  return FromBytes(bytes);
}

IpAddress HostInPrefix64(const IpAddress& prefix, Rng* rng) {
  std::array<uint8_t, 16> bytes = prefix.bytes();
  const uint64_t iid = rng->Next();
  for (int i = 8; i < 16; ++i) bytes[i] = static_cast<uint8_t>(iid >> (8 * (i - 8)));
  return FromBytes(bytes);
}

}  // namespace spraytrace::simulate
