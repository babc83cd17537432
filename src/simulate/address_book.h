// AddressBook: every source address a simulation uses, each with an id and its text, and the
// generators of realistic public addresses (residential ISP /16s, foreign ranges, IPv6 /56s).
//
// An address belongs to one role only (a benign home, a covert node, a noise bot...): AddNew()
// refuses an address already present, so the ground truth never mixes benign and attacking
// traffic on one address. Text is formatted once, here, not per log line. Not thread-safe.
#ifndef SPRAYTRACE_SIMULATE_ADDRESS_BOOK_H_
#define SPRAYTRACE_SIMULATE_ADDRESS_BOOK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "event/ip_address.h"
#include "simulate/rng.h"

namespace spraytrace::simulate {

constexpr uint32_t kNoAddress = UINT32_MAX;

class AddressBook {
 public:
  // Returns the new address's id, or kNoAddress when ip is already in the book.
  uint32_t AddNew(const IpAddress& ip);
  // Draws from make until it yields an address not yet in the book; returns its id.
  uint32_t AddUnique(const std::function<IpAddress()>& make);

  const IpAddress& address(uint32_t id) const { return addresses_[id]; }
  std::string_view text(uint32_t id) const { return texts_[id]; }
  size_t size() const { return addresses_.size(); }

 private:
  std::vector<IpAddress> addresses_;
  std::vector<std::string> texts_;
  std::unordered_map<IpAddress, uint32_t> ids_;
};

// High 16 bits of a /16 in the ranges ISPs hand to homes (cable, DSL, fibre; all continents).
uint32_t ResidentialPrefix16(Rng* rng);
// A /16 in ranges of other regions, for travel (hotels, foreign carriers).
uint32_t ForeignPrefix16(Rng* rng);
// A host address (last octet 1..254) in the /16.
IpAddress HostInPrefix16(uint32_t prefix16, Rng* rng);
// Any public unicast IPv4 address (no private, loopback, multicast or reserved ranges).
IpAddress AnyPublicV4(Rng* rng);
// A residential IPv6 address: a random /56 in an ISP's /32, with a random interface id.
IpAddress ResidentialV6(Rng* rng);
// A random interface id inside the /64 of prefix.
IpAddress HostInPrefix64(const IpAddress& prefix, Rng* rng);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_ADDRESS_BOOK_H_
