#include "detect/finding.h"

namespace spraytrace::detect {

std::string_view RuleName(Rule rule) {
  switch (rule) {
    case Rule::kBruteForce:
      return "brute_force";
    case Rule::kSingleSourceSpray:
      return "single_source_spray";
    case Rule::kDistributedSpray:
      return "distributed_spray";
    case Rule::kAccountTargeted:
      return "account_targeted";
    case Rule::kCompromise:
      return "compromise";
  }
  return "unknown";
}

std::optional<Rule> RuleFromName(std::string_view name) {
  for (Rule rule : kAllRules) {
    if (RuleName(rule) == name) return rule;
  }
  return std::nullopt;
}

}  // namespace spraytrace::detect
