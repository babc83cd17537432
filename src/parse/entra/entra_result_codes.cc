#include "parse/entra/entra_result_codes.h"

#include <algorithm>
#include <array>

namespace spraytrace::parse {
namespace {

struct CodeRow {
  uint32_t code;
  EntraCodeMeaning meaning;
};

constexpr EntraCodeMeaning Failure(Reason reason, std::string_view name) {
  return EntraCodeMeaning{Outcome::kFailure, reason, false, name};
}
constexpr EntraCodeMeaning NotAnAttempt(std::string_view name) {
  return EntraCodeMeaning{Outcome::kFailure, Reason::kOther, true, name};
}

// Microsoft Entra "authentication and authorization error codes" (AADSTS), the codes sign-in
// logs carry during sprays and in everyday noise (formats.md section 3). Sorted by code.
// Conditional access (530xx) and app assignment (50105) are evaluated only after the first
// factor succeeded, so they mean the password was right, like MFA prompts and expiry.
constexpr std::array kCodes = {
    CodeRow{0, EntraCodeMeaning{Outcome::kSuccess, Reason::kNone, false, "Success"}},
    CodeRow{16000, NotAnAttempt("InteractionRequired")},  // pick an account: no password yet
    CodeRow{16001, NotAnAttempt("UserAccountSelectionInvalid")},
    CodeRow{50020, Failure(Reason::kUnknownUser, "UserUnauthorized")},  // not in this tenant
    CodeRow{50034, Failure(Reason::kUnknownUser, "UserAccountNotFound")},
    CodeRow{50053, Failure(Reason::kLockedOut, "IdsLocked")},  // smart lockout or bad IP
    CodeRow{50055, Failure(Reason::kExpiredPassword, "InvalidPasswordExpiredPassword")},
    CodeRow{50056, Failure(Reason::kBadPassword, "InvalidPasswordNullPassword")},
    CodeRow{50057, Failure(Reason::kDisabled, "UserDisabled")},
    CodeRow{50058, NotAnAttempt("UserInformationNotProvided")},  // silent SSO found no session
    CodeRow{50064, Failure(Reason::kBadPassword, "CredentialAuthenticationError")},
    CodeRow{50072, Failure(Reason::kMfaRequired, "UserStrongAuthEnrollmentRequiredInterrupt")},
    CodeRow{50074, Failure(Reason::kMfaRequired, "UserStrongAuthClientAuthNRequiredInterrupt")},
    CodeRow{50076, Failure(Reason::kMfaRequired, "UserStrongAuthClientAuthNRequired")},
    CodeRow{50079, Failure(Reason::kMfaRequired, "UserStrongAuthEnrollmentRequired")},
    CodeRow{50089, NotAnAttempt("AuthenticationFailedFlowTokenExpired")},
    CodeRow{50097, NotAnAttempt("DeviceAuthenticationRequired")},
    CodeRow{50105, Failure(Reason::kBlockedAfterPassword, "EntitlementGrantsNotFound")},
    CodeRow{50125, NotAnAttempt("PasswordResetRegistrationRequiredInterrupt")},
    CodeRow{50126, Failure(Reason::kBadPassword, "InvalidUserNameOrPassword")},
    CodeRow{50128, Failure(Reason::kUnknownUser, "InvalidDomainName")},  // no such tenant
    CodeRow{50132, NotAnAttempt("SsoArtifactRevoked")},
    CodeRow{50133, NotAnAttempt("SsoArtifactInvalidOrExpired")},  // session older than password
    CodeRow{50135, Failure(Reason::kExpiredPassword, "PasswordChangeCompromisedPassword")},
    CodeRow{50140, NotAnAttempt("KmsiInterrupt")},  // "keep me signed in?" prompt
    CodeRow{50142, Failure(Reason::kExpiredPassword, "PasswordChangeRequiredConditionalAccess")},
    CodeRow{50144, Failure(Reason::kExpiredPassword, "InvalidPasswordExpiredOnPremPassword")},
    CodeRow{50158, Failure(Reason::kMfaRequired, "ExternalSecurityChallenge")},
    CodeRow{50173, NotAnAttempt("FreshTokenNeeded")},
    CodeRow{50199, NotAnAttempt("CmsiInterrupt")},
    CodeRow{51004, Failure(Reason::kUnknownUser, "UserAccountNotInDirectory")},
    CodeRow{53000, Failure(Reason::kBlockedAfterPassword, "DeviceNotCompliant")},
    CodeRow{53001, Failure(Reason::kBlockedAfterPassword, "DeviceNotDomainJoined")},
    CodeRow{53002, Failure(Reason::kBlockedAfterPassword, "ApplicationUsedIsNotAnApprovedApp")},
    CodeRow{53003, Failure(Reason::kBlockedAfterPassword, "BlockedByConditionalAccess")},
    CodeRow{53004, Failure(Reason::kBlockedAfterPassword, "ProofUpBlockedDueToRisk")},
    CodeRow{70008, NotAnAttempt("ExpiredOrRevokedGrant")},  // refresh token too old
    CodeRow{70043, NotAnAttempt("BadTokenDueToSignInFrequency")},
    CodeRow{70044, NotAnAttempt("SessionExpired")},
    CodeRow{90072, Failure(Reason::kUnknownUser, "PassThroughUserMfaError")},  // guest not found
    CodeRow{500011, Failure(Reason::kOther, "InvalidResourceServicePrincipalNotFound")},
    CodeRow{500121, Failure(Reason::kMfaRequired, "AuthenticationFailedStrongAuthRequest")},
    CodeRow{530032,
            Failure(Reason::kBlockedAfterPassword, "BlockedByConditionalAccessOnSecurityPolicy")},
};

static_assert(std::is_sorted(kCodes.begin(), kCodes.end(),
                             [](const CodeRow& a, const CodeRow& b) { return a.code < b.code; }));

// Seamless SSO / desktop SSO (81001-81016 and the rest of the 81xxx block): the browser's
// Kerberos ticket was refused or missing and the user is sent to the password page.
constexpr bool IsDesktopSso(uint32_t code) { return code >= 81000 && code <= 81999; }

}  // namespace

EntraCodeMeaning EntraResultMeaning(uint32_t code) {
  const auto row = std::lower_bound(kCodes.begin(), kCodes.end(), code,
                                    [](const CodeRow& r, uint32_t c) { return r.code < c; });
  if (row != kCodes.end() && row->code == code) return row->meaning;
  if (IsDesktopSso(code)) return NotAnAttempt("DesktopSsoFailure");
  return Failure(Reason::kOther, {});
}

std::optional<uint32_t> ParseEntraResultCode(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  constexpr std::string_view kPrefix = "aadsts";
  if (text.size() > kPrefix.size()) {
    bool prefixed = true;
    for (size_t i = 0; i < kPrefix.size(); ++i) {
      const char c = text[i];
      const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      if (lower != kPrefix[i]) prefixed = false;
    }
    if (prefixed) text.remove_prefix(kPrefix.size());
  }
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
    if (value > UINT32_MAX) return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

}  // namespace spraytrace::parse
