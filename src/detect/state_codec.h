// Encoding of the small plain types several state owners share (source keys, saved events,
// evidence), through the store stage's StateEncoder / StateDecoder. Each state owner's own
// Save / Load sits beside it (source_state_codec.cc, distributed_state_codec.cc,
// known_devices.cc, rate_change.cc). Loads validate what would otherwise index out of range or
// break an invariant, so a damaged file fails with a message, never a crash. Thread-compatible.
#ifndef SPRAYTRACE_DETECT_STATE_CODEC_H_
#define SPRAYTRACE_DETECT_STATE_CODEC_H_

#include "detect/finding.h"
#include "detect/source_state.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

// A key may be an address, a host name, or a network key marked with kNetworkKeyMarker.
void SaveSourceKey(const SourceKey& key, store::StateEncoder* out);
SourceKey LoadSourceKey(store::StateDecoder* in);

void SaveLocation(const EvidenceLocation& where, store::StateEncoder* out);
EvidenceLocation LoadLocation(store::StateDecoder* in);

void SaveSavedEvent(const SavedEvent& event, store::StateEncoder* out);
SavedEvent LoadSavedEvent(store::StateDecoder* in);

void SaveEvidence(const Evidence& evidence, store::StateEncoder* out);
Evidence LoadEvidence(store::StateDecoder* in);

void SaveRateWindow(const RateWindow& window, store::StateEncoder* out);
RateWindow LoadRateWindow(store::StateDecoder* in);

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_STATE_CODEC_H_
