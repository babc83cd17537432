// The result codes Windows Security events carry, and what each says about a password guess.
//
// NTSTATUS codes (4625 Status/SubStatus, 4776 Status) and Kerberos error codes (4768, 4771
// Status) as the events write them: hexadecimal text, any case, with or without leading zeros
// ("0xc000006a", "0xC000006A", "0x00000018", "0x18"). Pure functions over static tables.
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_CODES_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_CODES_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse {

// "0xC000006A" -> 0xC000006A; also accepts plain decimal ("0", "24"). nullopt for "-", "" or junk.
std::optional<uint32_t> ParseStatusCode(std::string_view text);

// What a code means for the attempt: success, or a failure and its reason.
struct CodeMeaning {
  Outcome outcome = Outcome::kFailure;
  Reason reason = Reason::kOther;
  // For Kerberos: the code is part of the normal protocol exchange, not an attempt (0x19,
  // "pre-authentication required", is the KDC's first answer to every client).
  bool not_an_attempt = false;
};

// NTSTATUS as logged by 4625 (the more specific of Status and SubStatus, see
// LogonFailureStatus) and 4776. Unknown codes are failures with Reason::kOther.
CodeMeaning NtStatusMeaning(uint32_t status);
// 4625 writes a generic Status (0xC000006D "logon failure", 0xC000006E "account restriction")
// and the precise one in SubStatus; SubStatus 0x0 means Status is all there is.
uint32_t LogonFailureStatus(std::optional<uint32_t> status, std::optional<uint32_t> sub_status);
// Kerberos KDC error codes (RFC 4120 section 7.5.9) as logged by 4768 and 4771.
CodeMeaning KerberosMeaning(uint32_t code);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_CODES_H_
