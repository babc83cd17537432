#include "simulate/benign_traffic.h"

#include <algorithm>

namespace spraytrace::simulate {
namespace {

constexpr double kHour = static_cast<double>(kMicrosPerHour);

Timestamp AtHour(const Day& day, double hour) {
  return day.start + static_cast<Timestamp>(hour * kHour);
}

double HourOf(const Day& day, Timestamp t) { return static_cast<double>(t - day.start) / kHour; }

uint16_t ClientPort(Rng* rng) { return static_cast<uint16_t>(rng->Between(1024, 65535)); }

}  // namespace

void BenignTraffic::GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) {
  for (User& user : population_->users) UserDay(&user, day, rng, out);
  Services(day, rng, out);
}

void BenignTraffic::UserDay(User* user, const Day& day, Rng* rng, std::vector<Connection>* out) {
  StartEpisodes(user, day, rng);
  StalePhone(user, day, rng, out);
  if (!rng->Chance(day.weekend ? config_.weekend_active_share : config_.weekday_active_share)) {
    return;
  }
  const uint64_t sessions =
      1 + (day.weekend ? rng->Poisson(0.3) : rng->Poisson(config_.sessions_per_active_day - 1));
  const size_t computers = user->devices.size() - (user->has_phone() ? 1 : 0);
  for (uint64_t i = 0; i < sessions; ++i) {
    const Timestamp t = SessionTime(day, rng);
    const bool phone = user->has_phone() && rng->Chance(config_.phone_session_share);
    if (phone && t >= user->stale_from && t < user->stale_until) continue;  // it is failing
    const Device& device = phone ? user->devices.back() : user->devices[rng->Below(computers)];
    Connection c;
    c.start = t;
    c.address = Address(user, device, day, t, rng);
    c.account = user->account;
    c.port = ClientPort(rng);
    if (!device.uses_key) {
      PasswordLogin(c, rng, out);
      continue;
    }
    if (rng->Chance(0.02)) {  // no usable key loaded / Ctrl-C at the prompt, then again
      out->push_back(c);
      c.start += static_cast<Timestamp>(rng->Uniform(5, 40) * kMicrosPerSecond);
      c.port = ClientPort(rng);
    }
    c.ending = Ending::kAcceptedPublicKey;
    c.key = device.key;
    c.session_seconds = SessionSeconds(rng);
    out->push_back(c);
  }
}

void BenignTraffic::StartEpisodes(User* user, const Day& day, Rng* rng) {
  if (user->trip_end <= day.index && rng->Chance(config_.travel_rate)) {
    user->trip_end = day.index + rng->Between(2, std::max<int64_t>(2, 2 * config_.travel_days - 2));
    const uint32_t prefix = ForeignPrefix16(rng);
    user->trip_address =
        population_->addresses.AddUnique([&] { return HostInPrefix16(prefix, rng); });
  }
  if (user->has_phone() && user->stale_until < day.start &&
      rng->Chance(config_.password_change_rate)) {
    user->stale_from = AtHour(day, rng->Uniform(9, 17));
    const double days = config_.stale_phone_days * rng->Uniform(0.67, 1.33);
    user->stale_until = user->stale_from + static_cast<Timestamp>(days * 24 * kHour);
  }
}

Timestamp BenignTraffic::SessionTime(const Day& day, Rng* rng) const {
  const auto start = static_cast<double>(config_.work_start_hour);
  const auto end = static_cast<double>(config_.work_end_hour);
  if (day.weekend) return AtHour(day, rng->Uniform(9, 23.5));
  if (rng->Chance(0.85)) return AtHour(day, rng->Uniform(start, end));
  if (rng->Chance(0.5)) return AtHour(day, rng->Uniform(std::max(0.0, start - 2), start));
  return AtHour(day, rng->Uniform(end, std::max(end, 23.5)));
}

uint32_t BenignTraffic::Address(User* user, const Device& device, const Day& day, Timestamp t,
                                Rng* rng) {
  const std::vector<uint32_t>& mobile = population_->mobile_pool;
  if (device.phone) {
    if (rng->Chance(0.5)) user->mobile = mobile[rng->Below(mobile.size())];
    return user->mobile;
  }
  if (day.index < user->trip_end) return user->trip_address;
  const double hour = HourOf(day, t);
  const bool work_hours = hour >= static_cast<double>(config_.work_start_hour) &&
                          hour < static_cast<double>(config_.work_end_hour);
  if (!day.weekend && user->office && work_hours && rng->Chance(config_.office_session_share)) {
    const std::vector<uint32_t>& egress = population_->office_egress;
    return egress[rng->Below(egress.size())];
  }
  if (user->home_v6 != kNoAddress && rng->Chance(0.5)) return user->home_v6;
  return user->home_v4;
}

// Typos: most logins are clean; a typo is usually followed by success on the same connection;
// three typos exhaust the OpenSSH client's three prompts and the person reconnects.
void BenignTraffic::PasswordLogin(const Connection& base, Rng* rng,
                                  std::vector<Connection>* out) const {
  int typos = 0;
  if (rng->Chance(config_.typo_share)) {
    typos = 1;
    if (rng->Chance(0.25)) typos = rng->Chance(0.3) ? 3 : 2;
  }
  Connection c = base;
  if (typos == 3) {
    c.failures = 3;
    c.ending = Ending::kClosed;
    out->push_back(c);
    c.start += static_cast<Timestamp>(rng->Uniform(20, 120) * kMicrosPerSecond);
    c.port = ClientPort(rng);
    typos = rng->Chance(0.3) ? 1 : 0;
  }
  c.failures = static_cast<uint8_t>(typos);
  c.ending = Ending::kAcceptedPassword;
  c.session_seconds = SessionSeconds(rng);
  out->push_back(c);
}

// A phone with the old password saved: one failed try every so often while the person is
// awake, from whatever carrier NAT address it has at the moment, until it is updated.
void BenignTraffic::StalePhone(User* user, const Day& day, Rng* rng, std::vector<Connection>* out) {
  const Timestamp day_end = day.start + 24 * kMicrosPerHour;
  if (user->stale_until <= day.start || user->stale_from >= day_end) return;
  const std::vector<uint32_t>& mobile = population_->mobile_pool;
  const double mean = config_.stale_phone_interval_minutes * 60.0 * kMicrosPerSecond;
  Timestamp t = std::max(day.start, user->stale_from);
  const Timestamp end = std::min(day_end, user->stale_until);
  while ((t += static_cast<Timestamp>(rng->Exponential(mean))) < end) {
    const double hour = HourOf(day, t);
    if (hour < 7 || hour >= 23) continue;
    if (rng->Chance(0.3)) user->mobile = mobile[rng->Below(mobile.size())];
    Connection c;
    c.start = t;
    c.address = user->mobile;
    c.account = user->account;
    c.port = ClientPort(rng);
    c.failures = 1;
    c.human = false;
    c.ending = Ending::kClosed;
    out->push_back(c);
  }
}

void BenignTraffic::Services(const Day& day, Rng* rng, std::vector<Connection>* out) const {
  const Timestamp interval = config_.service_interval_minutes * kMicrosPerMinute;
  const Timestamp day_end = day.start + 24 * kMicrosPerHour;
  for (const ServiceAccount& s : population_->services) {
    for (Timestamp t = day.start + s.phase_seconds * kMicrosPerSecond; t < day_end; t += interval) {
      Connection c;
      c.start = t + static_cast<Timestamp>(rng->Uniform(0.05, 3) * kMicrosPerSecond);
      c.address = s.address;
      c.account = s.account;
      c.port = ClientPort(rng);
      c.human = false;
      if (s.misconfigured) {
        c.failures = 1;
        c.ending = Ending::kClosed;
      } else {
        c.ending = Ending::kAcceptedPublicKey;
        c.key = s.key;
        c.session_seconds = static_cast<uint32_t>(rng->Between(1, 40));
      }
      out->push_back(c);
    }
  }
}

uint32_t BenignTraffic::SessionSeconds(Rng* rng) const {
  const double seconds = rng->Exponential(config_.session_minutes * 60);
  return static_cast<uint32_t>(std::clamp(seconds, 5.0, 10 * 3600.0));
}

}  // namespace spraytrace::simulate
