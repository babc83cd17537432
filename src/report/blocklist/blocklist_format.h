// Blocklist output formats by name, and the one entry point that renders a decided Blocklist in
// any of them (aggregating where the format or the policy asks for it).
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_FORMAT_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

enum class BlocklistFormat : uint8_t {
  kPlain,     // one address or network per line, never aggregated
  kCidr,      // the same, always aggregated
  kNft,       // nftables sets for `nft -f`
  kIpset,     // `ipset restore` input
  kCrowdsec,  // `cscli decisions import` JSON
  kStix,      // STIX 2.1 bundle of indicators and campaigns, to share (stix_bundle.h)
};

// "plain", "cidr", "nft", "ipset", "crowdsec", "stix"; the error lists them.
Result<BlocklistFormat> ParseBlocklistFormat(std::string_view name);
std::string_view BlocklistFormatName(BlocklistFormat format);
// From a file name: .nft, .ipset, .stix.json and .stix (STIX), other .json (CrowdSec), .cidr;
// .txt and .lst are plain. nullopt when the extension says nothing.
std::optional<BlocklistFormat> BlocklistFormatFromPath(std::string_view path);

// The list a format shows: aggregated for cidr always, for nft/ipset/crowdsec/stix when
// policy.aggregate, never for plain.
Blocklist ListForFormat(const Blocklist& list, const BlocklistPolicy& policy,
                        BlocklistFormat format);

// list as DecideBlocklist returned it. REQUIRES: policy.Validate().ok().
std::string RenderBlocklist(const Blocklist& list, const BlocklistPolicy& policy,
                            BlocklistFormat format);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_FORMAT_H_
