// The result codes of Microsoft Entra ID sign-ins, and what each says about a password guess.
//
// Entra writes one number per sign-in: `status.errorCode` (Graph, diagnostic settings),
// `ResultType` (Sentinel SigninLogs, diagnostic settings' `resultType`), `ErrorNumber` (the
// Microsoft 365 unified audit log). The numbers are the AADSTS codes ("AADSTS50126" in error
// pages), 0 for success. Shared by every family that reads them (docs/entra.md lists the table).
//
// Three kinds of failure matter to a spray detector and must not be confused:
//   - the guess was wrong (50126 bad password, 50034 no such user, 50053 locked, ...);
//   - the guess was RIGHT but the sign-in did not complete (50076 MFA required, 50055 password
//     expired, 53003 conditional access blocked after the password): IsPasswordCorrect(reason)
//     is true and the detectors count them as logins, so a compromise is raised;
//   - no password was judged at all (50140 "keep me signed in" prompt, 70044 session expired,
//     81010 seamless SSO): interrupts and token housekeeping, not attempts.
// Unknown codes are failures with Reason::kOther: an attempt that did not log in.
#ifndef SPRAYTRACE_PARSE_ENTRA_ENTRA_RESULT_CODES_H_
#define SPRAYTRACE_PARSE_ENTRA_ENTRA_RESULT_CODES_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse {

struct EntraCodeMeaning {
  Outcome outcome = Outcome::kFailure;
  Reason reason = Reason::kOther;
  // An interrupt or session/token condition: no password was checked, so no attempt to count.
  bool not_an_attempt = false;
  // Microsoft's symbolic name ("InvalidUserNameOrPassword"); empty for codes not in the table.
  std::string_view name;

  // The password was right although the sign-in did not complete (MFA, expiry, policy after
  // the password): a hit for a spray, counted as a login by the detectors.
  constexpr bool password_correct() const { return IsPasswordCorrect(reason); }
};

// What `code` means; codes not in the table are failures with Reason::kOther.
EntraCodeMeaning EntraResultMeaning(uint32_t code);

// The code as the logs write it: "50126", " 0 ", "AADSTS50126" (any case). nullopt for "",
// "None", negative or fractional numbers, junk, or a value wider than 32 bits.
std::optional<uint32_t> ParseEntraResultCode(std::string_view text);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_ENTRA_ENTRA_RESULT_CODES_H_
