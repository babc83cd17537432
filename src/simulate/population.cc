#include "simulate/population.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace spraytrace::simulate {
namespace {

constexpr std::array<std::string_view, 48> kFirstNames = {
    "james",   "mary",    "john",    "patricia", "robert",  "jennifer", "michael", "linda",
    "david",   "emma",    "william", "susan",    "richard", "jessica",  "joseph",  "sarah",
    "thomas",  "karen",   "carlos",  "nancy",    "daniel",  "lisa",     "matthew", "betty",
    "anthony", "sandra",  "mark",    "ashley",   "paul",    "kimberly", "steven",  "emily",
    "andrew",  "donna",   "kenneth", "michelle", "joshua",  "carol",    "kevin",   "amanda",
    "brian",   "melissa", "george",  "deborah",  "ahmed",   "yuki",     "priya",   "lukas"};
constexpr std::array<std::string_view, 48> kLastNames = {
    "smith",    "johnson",   "williams", "brown",     "jones",    "garcia",   "miller",
    "davis",    "rodriguez", "martinez", "hernandez", "lopez",    "gonzalez", "wilson",
    "anderson", "thomas",    "taylor",   "moore",     "jackson",  "martin",   "lee",
    "perez",    "thompson",  "white",    "harris",    "sanchez",  "clark",    "ramirez",
    "lewis",    "robinson",  "walker",   "young",     "allen",    "king",     "wright",
    "scott",    "torres",    "nguyen",   "hill",      "flores",   "green",    "adams",
    "nelson",   "baker",     "hall",     "rivera",    "campbell", "mitchell"};
constexpr std::array<std::string_view, 24> kGenericNames = {
    "admin",   "administrator", "test",   "user",      "guest",    "info",
    "sales",   "support",       "office", "hr",        "it",       "backup",
    "oracle",  "postgres",      "mysql",  "webmaster", "helpdesk", "service",
    "scanner", "test1",         "demo",   "ftpuser",   "dev",      "marketing"};
constexpr std::array<std::string_view, 6> kServiceNames = {"deploy",  "backup-svc", "ansible",
                                                           "jenkins", "nagios",     "git-mirror"};

std::string PersonName(Rng* rng) {
  const std::string_view first = kFirstNames[rng->Below(kFirstNames.size())];
  const std::string_view last = kLastNames[rng->Below(kLastNames.size())];
  return fmt::format("{}{}", first.front(), last);
}

std::string KeyFingerprint(Rng* rng) {
  static constexpr char kBase64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = rng->Chance(0.7) ? "ED25519 SHA256:" : "RSA SHA256:";
  for (int i = 0; i < 43; ++i) out += kBase64[rng->Below(64)];
  return out;
}

uint32_t NewKey(Rng* rng, Population* p) {
  p->key_fingerprints.push_back(KeyFingerprint(rng));
  return static_cast<uint32_t>(p->key_fingerprints.size() - 1);
}

// suffixes: the next number to try after each base name ("jsmith" -> "jsmith2").
void AddUser(const BenignConfig& config, Rng* rng, std::unordered_map<std::string, int>* suffixes,
             Population* p) {
  const std::string base = PersonName(rng);
  std::string name = base;
  while (p->accounts.Contains(name)) {
    int& next = (*suffixes)[base];
    next = std::max(next, 1) + 1;
    name = fmt::format("{}{}", base, next);
  }
  User user;
  user.account = p->accounts.Add(name, true, static_cast<uint32_t>(1000 + p->users.size()));
  const int computers = rng->Chance(0.4) ? 2 : 1;
  for (int i = 0; i < computers; ++i) {
    Device d;
    d.uses_key = rng->Chance(config.key_share);
    if (d.uses_key) d.key = NewKey(rng, p);
    user.devices.push_back(d);
  }
  if (rng->Chance(config.phone_share)) user.devices.push_back(Device{true, false, 0});
  const uint32_t prefix = p->home_prefixes[rng->Below(p->home_prefixes.size())];
  user.home_v4 = p->addresses.AddUnique([&] { return HostInPrefix16(prefix, rng); });
  if (rng->Chance(config.ipv6_home_share)) {
    user.home_v6 = p->addresses.AddUnique([&] { return ResidentialV6(rng); });
  }
  user.office = rng->Chance(config.office_share);
  if (user.has_phone()) user.mobile = p->mobile_pool[rng->Below(p->mobile_pool.size())];
  p->users.push_back(std::move(user));
}

void AddSharedAddresses(const BenignConfig& config, Rng* rng, Population* p) {
  // The office: a corporate /24 in RIPE space; the NAT's egress addresses are consecutive.
  const auto office24 = static_cast<uint32_t>(0xc1000000 | rng->Below(1 << 16) << 8);
  for (int64_t i = 0; i < config.office_egress_addresses; ++i) {
    const auto host = static_cast<uint32_t>(10 + i);
    p->office_egress.push_back(p->addresses.AddUnique(
        [&] { return IpAddress::FromV4(office24 + host + static_cast<uint32_t>(rng->Below(2))); }));
  }
  // The mobile carrier's public CGNAT pool: a few /24s of one public /16.
  const uint32_t carrier16 = ResidentialPrefix16(rng);
  for (int64_t i = 0; i < config.mobile_pool_size; ++i) {
    p->mobile_pool.push_back(p->addresses.AddUnique([&] {
      const auto third = static_cast<uint32_t>(rng->Below(8));
      const auto fourth = static_cast<uint32_t>(rng->Between(1, 254));
      return IpAddress::FromV4(carrier16 << 16 | third << 8 | fourth);
    }));
  }
  const size_t prefixes = 20 + static_cast<size_t>(config.users / 20);
  for (size_t i = 0; i < prefixes; ++i) p->home_prefixes.push_back(ResidentialPrefix16(rng));
}

void AddServices(const BenignConfig& config, Rng* rng, Population* p) {
  for (int64_t i = 0; i < config.service_accounts; ++i) {
    const size_t kind = static_cast<size_t>(i) % kServiceNames.size();
    std::string name(kServiceNames[kind]);
    if (i >= static_cast<int64_t>(kServiceNames.size())) name += fmt::format("{}", i);
    ServiceAccount s;
    if (p->accounts.Contains(name)) name += "-svc";
    s.account = p->accounts.Add(name, true, static_cast<uint32_t>(900 - i));
    const auto host = static_cast<uint32_t>(0x0a140000 | (i + 10));  // 10.20.0.x
    s.address = p->addresses.AddUnique(
        [&] { return IpAddress::FromV4(host + (static_cast<uint32_t>(rng->Below(200)) << 8)); });
    s.key = NewKey(rng, p);
    s.misconfigured = i >= config.service_accounts - config.misconfigured_service_accounts;
    s.phase_seconds = rng->Between(0, config.service_interval_minutes * 60 - 1);
    p->services.push_back(s);
  }
}

}  // namespace

uint32_t AccountTable::Add(std::string name, bool exists, uint32_t uid) {
  const auto id = static_cast<uint32_t>(names_.size());
  ids_.emplace(name, id);
  names_.push_back(std::move(name));
  exists_.push_back(exists);
  uids_.push_back(uid);
  return id;
}

uint32_t AccountTable::Intern(std::string_view name) {
  const auto it = ids_.find(std::string(name));
  if (it != ids_.end()) return it->second;
  return Add(std::string(name), false, 0);
}

uint32_t MakeNonexistentName(Rng* rng, AccountTable* accounts) {
  for (;;) {
    const std::string_view first = kFirstNames[rng->Below(kFirstNames.size())];
    const std::string_view last = kLastNames[rng->Below(kLastNames.size())];
    std::string name;
    switch (rng->Below(4)) {
      case 0:
        name = fmt::format("{}.{}", first, last);
        break;
      case 1:
        name = fmt::format("{}{}", last, first.front());
        break;
      case 2:
        name = fmt::format("{}{}{}", first.front(), last, rng->Between(1, 99));
        break;
      default:
        name = fmt::format("{}{}", kGenericNames[rng->Below(kGenericNames.size())],
                           rng->Chance(0.5) ? "" : fmt::format("{}", rng->Between(1, 9)));
    }
    if (!accounts->Contains(name)) return accounts->Add(std::move(name), false, 0);
  }
}

void BuildPopulation(const BenignConfig& config, Rng* rng, Population* population) {
  population->root = population->accounts.Add("root", true, 0);
  AddSharedAddresses(config, rng, population);
  AddServices(config, rng, population);
  population->users.reserve(static_cast<size_t>(config.users));
  std::unordered_map<std::string, int> suffixes;
  for (int64_t i = 0; i < config.users; ++i) AddUser(config, rng, &suffixes, population);
}

}  // namespace spraytrace::simulate
