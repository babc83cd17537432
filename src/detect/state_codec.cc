#include "detect/state_codec.h"

namespace spraytrace::detect {
namespace {

enum class KeyKind : uint8_t { kAddress, kHost, kNetwork };

}  // namespace

void SaveSourceKey(const SourceKey& key, store::StateEncoder* out) {
  if (key.host == kNetworkKeyMarker) {
    out->PutEnum(KeyKind::kNetwork);
    out->PutIp(key.ip);
  } else if (key.host != kNoString) {
    out->PutEnum(KeyKind::kHost);
    out->PutString(key.host);
  } else {
    out->PutEnum(KeyKind::kAddress);
    out->PutIp(key.ip);
  }
}

SourceKey LoadSourceKey(store::StateDecoder* in) {
  switch (in->EnumUpTo(KeyKind::kNetwork)) {
    case KeyKind::kAddress:
      return SourceKey{in->Ip(), kNoString};
    case KeyKind::kHost: {
      const StringId host = in->String();
      if (host == kNoString) in->Fail("source key with an empty host name");
      return SourceKey{IpAddress(), host};
    }
    case KeyKind::kNetwork:
      return SourceKey{in->Ip(), kNetworkKeyMarker};
  }
  return {};
}

void SaveLocation(const EvidenceLocation& where, store::StateEncoder* out) {
  out->PutFile(where.file);
  out->PutU64(where.line);
  out->PutU64(where.offset);
}

EvidenceLocation LoadLocation(store::StateDecoder* in) {
  EvidenceLocation where;
  where.file = in->File();
  where.line = in->U64();
  where.offset = in->U64();
  return where;
}

void SaveSavedEvent(const SavedEvent& event, store::StateEncoder* out) {
  out->PutBool(event.valid);
  if (!event.valid) return;
  out->PutI64(event.time);
  SaveLocation(event.where, out);
  out->PutString(event.user);
  out->PutEnum(event.outcome);
  out->PutEnum(event.reason);
  out->PutEnum(event.method);
}

SavedEvent LoadSavedEvent(store::StateDecoder* in) {
  SavedEvent event;
  event.valid = in->Bool();
  if (!event.valid) return event;
  event.time = in->I64();
  event.where = LoadLocation(in);
  event.user = in->String();
  event.outcome = in->EnumUpTo(kLastOutcome);
  event.reason = in->EnumUpTo(kLastReason);
  event.method = in->EnumUpTo(kLastAuthMethod);
  return event;
}

void SaveEvidence(const Evidence& evidence, store::StateEncoder* out) {
  SaveLocation(evidence.where, out);
  out->PutI64(evidence.time);
  out->PutBytes(evidence.why);
}

Evidence LoadEvidence(store::StateDecoder* in) {
  Evidence evidence;
  evidence.where = LoadLocation(in);
  evidence.time = in->I64();
  evidence.why = in->Bytes();
  return evidence;
}

void SaveRateWindow(const RateWindow& window, store::StateEncoder* out) {
  out->PutI64(window.start);
  out->PutI64(window.end);
  out->PutDouble(window.baseline_per_hour);
  out->PutDouble(window.peak_per_hour);
}

RateWindow LoadRateWindow(store::StateDecoder* in) {
  RateWindow window;
  window.start = in->I64();
  window.end = in->I64();
  window.baseline_per_hour = in->Double();
  window.peak_per_hour = in->Double();
  return window;
}

}  // namespace spraytrace::detect
