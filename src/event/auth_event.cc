#include "event/auth_event.h"

namespace spraytrace {

std::string_view OutcomeName(Outcome outcome) {
  return outcome == Outcome::kSuccess ? "success" : "failure";
}

std::string_view ReasonName(Reason reason) {
  switch (reason) {
    case Reason::kNone:
      return "none";
    case Reason::kBadPassword:
      return "bad_password";
    case Reason::kUnknownUser:
      return "unknown_user";
    case Reason::kLockedOut:
      return "locked_out";
    case Reason::kDisabled:
      return "disabled";
    case Reason::kExpiredPassword:
      return "expired_password";
    case Reason::kMfaRequired:
      return "mfa_required";
    case Reason::kBlockedByPolicy:
      return "blocked_by_policy";
    case Reason::kAborted:
      return "aborted";
    case Reason::kOther:
      return "other";
    case Reason::kBlockedAfterPassword:
      return "blocked_after_password";
  }
  return "other";
}

std::string_view ServiceName(Service service) {
  switch (service) {
    case Service::kSsh:
      return "ssh";
    case Service::kEntra:
      return "entra";
    case Service::kWindows:
      return "windows";
    case Service::kVpn:
      return "vpn";
    case Service::kOther:
      return "other";
  }
  return "other";
}

std::string_view AuthMethodName(AuthMethod method) {
  switch (method) {
    case AuthMethod::kUnknown:
      return "unknown";
    case AuthMethod::kPassword:
      return "password";
    case AuthMethod::kKeyboardInteractive:
      return "keyboard-interactive";
    case AuthMethod::kPublicKey:
      return "publickey";
    case AuthMethod::kHostBased:
      return "hostbased";
    case AuthMethod::kGssapi:
      return "gssapi-with-mic";
    case AuthMethod::kNone:
      return "none";
  }
  return "unknown";
}

}  // namespace spraytrace
