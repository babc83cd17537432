// What a Unified Audit Log record says about a sign-in: whether it is an attempt at all, and its
// outcome and reason.
//
//   UserLoggedIn                            a login (RecordType 15, AzureActiveDirectoryStsLogon)
//   UserLoginFailed                         a failure; the reason from LogonError
//   PasswordLogonInitialAuthUsingPassword   older RecordType 9 logons: ResultStatus decides
//   anything else (mail, files, admin)      not an attempt
//
// A failure's reason comes from ErrorNumber, the Entra (AADSTS) code, through the Entra families'
// table (parse/entra/entra_result_codes.h): codes that mean the password was right (MFA
// required, expired password, conditional access after the password) give reasons
// IsPasswordCorrect() holds for, interrupts ("Keep me signed in", 50140) are no attempt. Records
// without a code the table knows fall back to LogonError, its symbolic name. Pure functions.
#ifndef SPRAYTRACE_PARSE_M365_UAL_OUTCOME_H_
#define SPRAYTRACE_PARSE_M365_UAL_OUTCOME_H_

#include <string_view>

#include "event/auth_event.h"
#include "parse/m365/ual_record.h"

namespace spraytrace::parse {

struct UalVerdict {
  bool attempt = false;  // false: another activity, or a sign-in step that is no attempt
  Outcome outcome = Outcome::kFailure;
  Reason reason = Reason::kNone;
};

UalVerdict JudgeUalSignIn(const UalRecord& record);

// The reason a LogonError name gives; kOther for names not listed (a failed attempt all the same).
Reason ReasonFromLogonError(std::string_view logon_error);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_M365_UAL_OUTCOME_H_
