#include "detect/detector_config.h"

#include <fmt/format.h>

#include <string_view>

namespace spraytrace::detect {
namespace {

// Largest brute_force.max_failures: the burst window keeps that many failure times per source.
constexpr int kMaxBurstFailures = 10'000;

Status Invalid(std::string_view key, std::string_view value, std::string_view rule) {
  return Status::InvalidArgument(fmt::format("invalid {} '{}': {}", key, value, rule));
}

Status AtLeast(std::string_view key, int value, int minimum) {
  if (value >= minimum) return Status::Ok();
  return Invalid(key, std::to_string(value), fmt::format("must be >= {}", minimum));
}

Status Positive(std::string_view key, Micros value) {
  if (value > 0) return Status::Ok();
  return Invalid(key, FormatDuration(value), "must be > 0");
}

// Also rejects NaN, which compares false with everything.
Status NonNegative(std::string_view key, double value) {
  if (value >= 0) return Status::Ok();
  return Invalid(key, fmt::format("{}", value), "must be >= 0");
}

Status ValidatePrefix(std::string_view key, int value, int bits) {
  if (value < 0 || value > bits) {
    return Invalid(key, std::to_string(value), fmt::format("must be between 0 and {}", bits));
  }
  return Status::Ok();
}

Status ValidateKnownDevices(const KnownDevicesConfig& c) {
  if (Status s = AtLeast("known_devices.max_failures", c.max_failures, 0); !s.ok()) return s;
  if (Status s = Positive("known_devices.memory", c.memory); !s.ok()) return s;
  if (Status s = ValidatePrefix("known_devices.network_v4", c.network_v4, 32); !s.ok()) return s;
  if (Status s = ValidatePrefix("known_devices.network_v6", c.network_v6, 128); !s.ok()) return s;
  return AtLeast("known_devices.max_pairs", c.max_pairs, 0);
}

Status ValidateBruteForce(const BruteForceConfig& c) {
  if (Status s = AtLeast("brute_force.max_failures", c.max_failures, 1); !s.ok()) return s;
  if (c.max_failures > kMaxBurstFailures) {
    return Invalid("brute_force.max_failures", std::to_string(c.max_failures),
                   fmt::format("must be <= {}", kMaxBurstFailures));
  }
  if (Status s = Positive("brute_force.find_window", c.find_window); !s.ok()) return s;
  return NonNegative("brute_force.max_success_ratio", c.max_success_ratio);
}

Status ValidateSpray(const SpraySingleSourceConfig& c) {
  if (Status s = AtLeast("spray.min_failed_accounts", c.min_failed_accounts, 2); !s.ok()) return s;
  if (Status s = Positive("spray.window", c.window); !s.ok()) return s;
  // Every failed account has at least one failure, so a mean limit below 1 could never hold.
  if (!(c.max_failures_per_account >= 1)) {
    return Invalid("spray.max_failures_per_account", fmt::format("{}", c.max_failures_per_account),
                   "must be >= 1");
  }
  return NonNegative("spray.max_success_ratio", c.max_success_ratio);
}

Status ValidateSlow(const SlowSourceConfig& c) {
  // A span needs two failures at least.
  if (Status s = AtLeast("slow.min_failures", c.min_failures, 2); !s.ok()) return s;
  if (Status s = Positive("slow.window", c.window); !s.ok()) return s;
  if (c.min_span < 0) return Invalid("slow.min_span", FormatDuration(c.min_span), "must be >= 0");
  if (c.min_span > c.window) {
    return Invalid("slow.min_span", FormatDuration(c.min_span),
                   fmt::format("must be <= slow.window ({})", FormatDuration(c.window)));
  }
  return NonNegative("slow.max_success_ratio", c.max_success_ratio);
}

Status ValidateEpisodes(const EpisodeConfig& c) {
  if (Status s = Positive("episodes.idle_gap", c.idle_gap); !s.ok()) return s;
  if (Status s = AtLeast("episodes.max_related_users", c.max_related_users, 1); !s.ok()) return s;
  if (Status s = AtLeast("episodes.max_evidence", c.max_evidence, 1); !s.ok()) return s;
  return AtLeast("episodes.max_accounts_per_source", c.max_accounts_per_source, 1);
}

Status ValidateDistributed(const DistributedConfig& c) {
  if (Status s = Positive("distributed.window", c.window); !s.ok()) return s;
  if (Status s = AtLeast("distributed.min_accounts", c.min_accounts, 2); !s.ok()) return s;
  if (Status s = AtLeast("distributed.min_sources", c.min_sources, 2); !s.ok()) return s;
  if (Status s = AtLeast("distributed.hot_sources", c.hot_sources, 2); !s.ok()) return s;
  if (Status s = AtLeast("distributed.min_source_accounts", c.min_source_accounts, 1); !s.ok()) {
    return s;
  }
  if (Status s = Positive("distributed.source_window", c.source_window); !s.ok()) return s;
  if (c.settle < 0) return Invalid("distributed.settle", FormatDuration(c.settle), "must be >= 0");
  if (c.settle >= c.window) {
    return Invalid("distributed.settle", FormatDuration(c.settle),
                   fmt::format("must be < distributed.window ({})", FormatDuration(c.window)));
  }
  if (Status s = Positive("distributed.compromise_lookback", c.compromise_lookback); !s.ok()) {
    return s;
  }
  if (Status s = Positive("distributed.report_every", c.report_every); !s.ok()) return s;
  // Accounts remember at most kMaxHitsPerAccount sources (distributed_state.h).
  if (c.targeted_sources < 2 || c.targeted_sources > 32) {
    return Invalid("distributed.targeted_sources", fmt::format("{}", c.targeted_sources),
                   "must be between 2 and 32");
  }
  if (c.targeted_window > c.source_window) {
    return Invalid("distributed.targeted_window", FormatDuration(c.targeted_window),
                   fmt::format("must be > 0 and <= distributed.source_window ({})",
                               FormatDuration(c.source_window)));
  }
  if (Status s = Positive("distributed.targeted_window", c.targeted_window); !s.ok()) return s;
  return AtLeast("distributed.max_sources", c.max_sources, 1);
}

}  // namespace

Status DetectorConfig::Validate() const {
  if (Status s = ValidateBruteForce(brute_force); !s.ok()) return s;
  if (Status s = ValidateSpray(spray); !s.ok()) return s;
  if (Status s = ValidateSlow(slow); !s.ok()) return s;
  if (Status s = ValidateKnownDevices(known_devices); !s.ok()) return s;
  if (Status s = ValidateDistributed(distributed); !s.ok()) return s;
  return ValidateEpisodes(episodes);
}

}  // namespace spraytrace::detect
