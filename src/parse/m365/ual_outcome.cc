#include "parse/m365/ual_outcome.h"

#include <array>
#include <utility>

#include "parse/entra/entra_result_codes.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

// LogonError names as the Azure AD STS logon schema writes them (formats.md §3, §4).
constexpr std::array<std::pair<std::string_view, Reason>, 10> kLogonErrors = {{
    {"InvalidUserNameOrPassword", Reason::kBadPassword},
    {"UserAccountNotFound", Reason::kUnknownUser},
    {"IdsLocked", Reason::kLockedOut},
    {"UserDisabled", Reason::kDisabled},
    // The password was right; a second factor or a new password was asked for.
    {"UserStrongAuthClientAuthNRequired", Reason::kMfaRequired},
    {"UserStrongAuthClientAuthNRequiredInterrupt", Reason::kMfaRequired},
    {"UserStrongAuthEnrollmentRequired", Reason::kMfaRequired},
    {"UserStrongAuthEnrollmentRequiredInterrupt", Reason::kMfaRequired},
    {"InvalidPasswordExpiredPassword", Reason::kExpiredPassword},
    {"BlockedByConditionalAccess", Reason::kBlockedAfterPassword},
}};

bool IsSuccessStatus(std::string_view status) {
  return EqualsIgnoringCase(status, "Success") || EqualsIgnoringCase(status, "Succeeded") ||
         EqualsIgnoringCase(status, "True");
}

}  // namespace

Reason ReasonFromLogonError(std::string_view logon_error) {
  for (const auto& [name, reason] : kLogonErrors) {
    if (EqualsIgnoringCase(logon_error, name)) return reason;
  }
  return Reason::kOther;
}

UalVerdict JudgeUalSignIn(const UalRecord& record) {
  UalVerdict verdict;
  const std::string_view operation = record.operation;
  if (EqualsIgnoringCase(operation, "UserLoggedIn")) {
    verdict.attempt = true;
    verdict.outcome = Outcome::kSuccess;
    return verdict;
  }
  bool failed = EqualsIgnoringCase(operation, "UserLoginFailed");
  if (!failed && EqualsIgnoringCase(operation, "PasswordLogonInitialAuthUsingPassword")) {
    failed = !IsSuccessStatus(record.result_status);
    if (!failed) {
      verdict.attempt = true;
      verdict.outcome = Outcome::kSuccess;
      return verdict;
    }
  }
  if (!failed) return verdict;
  // ErrorNumber first, read by the Entra families' code table; LogonError names for records
  // without one, or with a code the table does not know.
  if (const auto code = ParseEntraResultCode(record.error_number); code && *code != 0) {
    const EntraCodeMeaning meaning = EntraResultMeaning(*code);
    if (meaning.not_an_attempt) return verdict;  // an interrupt: no password was judged
    if (!meaning.name.empty()) {
      verdict.attempt = true;
      verdict.reason = meaning.reason == Reason::kNone ? Reason::kOther : meaning.reason;
      return verdict;
    }
  }
  // "Keep me signed in?" is a prompt after the password was accepted, not a verdict.
  if (EqualsIgnoringCase(record.logon_error, "KmsiInterrupt")) return verdict;
  verdict.attempt = true;
  verdict.reason = ReasonFromLogonError(record.logon_error);
  return verdict;
}

}  // namespace spraytrace::parse
