#include "parse/windows/windows_codes.h"

#include <array>

namespace spraytrace::parse {
namespace {

struct CodeRow {
  uint32_t code;
  CodeMeaning meaning;
};

constexpr CodeMeaning Failure(Reason reason) { return CodeMeaning{Outcome::kFailure, reason}; }

// Microsoft "4625(F): An account failed to log on" and "4776(S, F)" documentation. Expired and
// must-change passwords are refused only after the password was checked: the guess was right.
constexpr std::array kNtStatus = {
    CodeRow{0x00000000, CodeMeaning{Outcome::kSuccess, Reason::kNone}},
    CodeRow{0xC000006A, Failure(Reason::kBadPassword)},      // wrong password
    CodeRow{0xC000006D, Failure(Reason::kBadPassword)},      // logon failure, no SubStatus given
    CodeRow{0xC0000064, Failure(Reason::kUnknownUser)},      // no such user
    CodeRow{0xC0000234, Failure(Reason::kLockedOut)},        // account locked out
    CodeRow{0xC0000072, Failure(Reason::kDisabled)},         // account disabled
    CodeRow{0xC0000193, Failure(Reason::kDisabled)},         // account expired
    CodeRow{0xC000006E, Failure(Reason::kDisabled)},         // account restriction, unspecified
    CodeRow{0xC0000071, Failure(Reason::kExpiredPassword)},  // password expired
    CodeRow{0xC0000224, Failure(Reason::kExpiredPassword)},  // must change password at logon
    CodeRow{0xC000006F, Failure(Reason::kBlockedByPolicy)},  // outside authorised hours
    CodeRow{0xC0000070, Failure(Reason::kBlockedByPolicy)},  // unauthorised workstation
    CodeRow{0xC000015B, Failure(Reason::kBlockedByPolicy)},  // logon type not granted
    CodeRow{0xC0000413, Failure(Reason::kBlockedByPolicy)},  // authentication firewall
    CodeRow{0xC0000133, Failure(Reason::kOther)},            // clock skew between DC and client
    CodeRow{0xC000005E, Failure(Reason::kOther)},            // no logon servers available
    CodeRow{0xC0000371, Failure(Reason::kOther)},            // local account store has no secret
};

// RFC 4120 7.5.9 and Microsoft "4768(S, F)" / "4771(F)".
constexpr std::array kKerberos = {
    CodeRow{0x00, CodeMeaning{Outcome::kSuccess, Reason::kNone}},
    CodeRow{0x06, Failure(Reason::kUnknownUser)},      // KDC_ERR_C_PRINCIPAL_UNKNOWN
    CodeRow{0x12, Failure(Reason::kDisabled)},         // KDC_ERR_CLIENT_REVOKED: disabled/locked
    CodeRow{0x17, Failure(Reason::kExpiredPassword)},  // KDC_ERR_KEY_EXPIRED: password right
    CodeRow{0x18, Failure(Reason::kBadPassword)},      // KDC_ERR_PREAUTH_FAILED
    CodeRow{0x0C, Failure(Reason::kBlockedByPolicy)},  // KDC_ERR_POLICY: logon restrictions
    CodeRow{0x19, CodeMeaning{Outcome::kFailure, Reason::kOther, true}},  // PREAUTH_REQUIRED
    CodeRow{0x25, Failure(Reason::kOther)},                               // KRB_AP_ERR_SKEW
};

template <size_t N>
CodeMeaning Lookup(const std::array<CodeRow, N>& table, uint32_t code) {
  for (const CodeRow& row : table) {
    if (row.code == code) return row.meaning;
  }
  return Failure(Reason::kOther);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<uint32_t> ParseStatusCode(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  if (hex) text.remove_prefix(2);
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (const char c : text) {
    const int digit = hex ? HexDigit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
    if (digit < 0) return std::nullopt;
    value = value * (hex ? 16 : 10) + static_cast<uint64_t>(digit);
    if (value > UINT32_MAX) return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

CodeMeaning NtStatusMeaning(uint32_t status) { return Lookup(kNtStatus, status); }

uint32_t LogonFailureStatus(std::optional<uint32_t> status, std::optional<uint32_t> sub_status) {
  const bool generic = !status || *status == 0xC000006D || *status == 0xC000006E;
  if (generic && sub_status && *sub_status != 0) return *sub_status;
  // A 4625 is a failure whatever it says: a missing or zero Status reads as "logon failure".
  if (!status || *status == 0) return 0xC000006D;
  return *status;
}

CodeMeaning KerberosMeaning(uint32_t code) { return Lookup(kKerberos, code); }

}  // namespace spraytrace::parse
