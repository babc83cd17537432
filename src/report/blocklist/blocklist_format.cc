#include "report/blocklist/blocklist_format.h"

#include <fmt/format.h>

#include "report/blocklist/blocklist_decision.h"
#include "report/blocklist/crowdsec_writer.h"
#include "report/blocklist/ipset_writer.h"
#include "report/blocklist/nft_writer.h"
#include "report/blocklist/plain_writer.h"
#include "report/blocklist/stix_bundle.h"

namespace spraytrace::report {
namespace {

constexpr BlocklistFormat kFormats[] = {BlocklistFormat::kPlain,    BlocklistFormat::kCidr,
                                        BlocklistFormat::kNft,      BlocklistFormat::kIpset,
                                        BlocklistFormat::kCrowdsec, BlocklistFormat::kStix};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view BlocklistFormatName(BlocklistFormat format) {
  switch (format) {
    case BlocklistFormat::kPlain:
      return "plain";
    case BlocklistFormat::kCidr:
      return "cidr";
    case BlocklistFormat::kNft:
      return "nft";
    case BlocklistFormat::kIpset:
      return "ipset";
    case BlocklistFormat::kCrowdsec:
      return "crowdsec";
    case BlocklistFormat::kStix:
      return "stix";
  }
  return "plain";
}

Result<BlocklistFormat> ParseBlocklistFormat(std::string_view name) {
  std::string known;
  for (BlocklistFormat f : kFormats) {
    if (BlocklistFormatName(f) == name) return f;
    known += fmt::format("{}{}", known.empty() ? "" : ", ", BlocklistFormatName(f));
  }
  return Status::InvalidArgument(
      fmt::format("invalid blocklist format '{}': must be one of {}", name, known));
}

std::optional<BlocklistFormat> BlocklistFormatFromPath(std::string_view path) {
  if (EndsWith(path, ".nft")) return BlocklistFormat::kNft;
  if (EndsWith(path, ".ipset")) return BlocklistFormat::kIpset;
  if (EndsWith(path, ".stix.json") || EndsWith(path, ".stix")) return BlocklistFormat::kStix;
  if (EndsWith(path, ".json")) return BlocklistFormat::kCrowdsec;
  if (EndsWith(path, ".cidr")) return BlocklistFormat::kCidr;
  if (EndsWith(path, ".txt") || EndsWith(path, ".lst")) return BlocklistFormat::kPlain;
  return std::nullopt;
}

Blocklist ListForFormat(const Blocklist& list, const BlocklistPolicy& policy,
                        BlocklistFormat format) {
  const bool aggregate =
      format == BlocklistFormat::kCidr || (format != BlocklistFormat::kPlain && policy.aggregate);
  return aggregate ? AggregateBlocklist(list) : list;
}

std::string RenderBlocklist(const Blocklist& list, const BlocklistPolicy& policy,
                            BlocklistFormat format) {
  const Blocklist rendered = ListForFormat(list, policy, format);
  switch (format) {
    case BlocklistFormat::kPlain:
    case BlocklistFormat::kCidr:
      return RenderPlainBlocklist(rendered, policy);
    case BlocklistFormat::kNft:
      return RenderNftBlocklist(rendered, policy);
    case BlocklistFormat::kIpset:
      return RenderIpsetBlocklist(rendered, policy);
    case BlocklistFormat::kCrowdsec:
      return RenderCrowdsecDecisions(rendered);
    case BlocklistFormat::kStix:
      return RenderStixBundle(rendered, policy);
  }
  return {};
}

}  // namespace spraytrace::report
