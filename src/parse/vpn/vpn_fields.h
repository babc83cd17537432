// What the VPN families (FortiGate, Cisco ASA, OpenVPN, GlobalProtect) share: one way to read a
// logged user, a source address, an epoch of unknown unit, a vendor date and a UTC offset, and
// one way to start a VPN AuthEvent.
//
// VPN accounts live in a directory (LDAP, RADIUS, AD) or the appliance's own table, and both
// match names case-insensitively in the usual setups, so the canonical form folds case
// ("Admin" and "admin" are one account to a spray detector). Pure functions except VpnEvents,
// which interns into the run's StringPool (not thread-safe, like the pool).
#ifndef SPRAYTRACE_PARSE_VPN_VPN_FIELDS_H_
#define SPRAYTRACE_PARSE_VPN_VPN_FIELDS_H_

#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "common/duration.h"
#include "event/auth_event.h"
#include "event/string_pool.h"
#include "event/timestamp.h"
#include "parse/family.h"

namespace spraytrace::parse::vpn {

// True for what vendors write when there is no name: "", "N/A", "(null)", "-", "UNDEF", and
// Cisco's mask for names on failed logins ("*****", any run of asterisks).
bool IsPlaceholderUser(std::string_view raw);

// Epoch seconds, milliseconds, microseconds or nanoseconds, the unit told by the magnitude
// (FortiOS writes all of them across versions). False when text is not 1..19 digits or the
// time is before 1973 or after 2286 in every unit.
bool EpochToTimestamp(std::string_view digits, Timestamp* time);

// "2024-10-14" or "2024/10/14" and "13:46:40" (optionally ".fff") into *civil; false when either
// is malformed or the date impossible.
bool ParseDateAndTime(std::string_view date, std::string_view time, CivilTime* civil);

// "-0700", "+0530", "-07:00", "+05:30", "Z" into the offset east of UTC; false for anything else.
bool ParseUtcOffset(std::string_view text, Micros* offset);

// An address as VPNs log it: IPv4, IPv6 (any form, bracketed, zone dropped), "::ffff:a.b.c.d".
// Sets event->source_ip and has_source_ip; false (event unchanged) when text is not an address.
bool SetSourceIp(std::string_view text, AuthEvent* event);

// Starts VPN events and fills their strings. REQUIRES: strings outlives this object.
class VpnEvents {
 public:
  explicit VpnEvents(StringPool* strings) : strings_(strings) {}

  // A failure with service kVpn, method kPassword, the given time and the record's location.
  static AuthEvent Start(Timestamp time, const RecordContext& context, Outcome outcome);
  // The user as logged and its canonical form; placeholders leave both kNoString.
  void SetUser(std::string_view raw, AuthEvent* event);
  // kNoString for "".
  StringId Intern(std::string_view text) {
    return text.empty() ? kNoString : strings_->Intern(text);
  }

 private:
  StringPool* strings_;
  std::string canonical_;
};

// Reports a record this family claimed but cannot use: kBadRecord with why and the record's
// first 160 bytes, built in *detail (reused, so no allocation per bad record). Returns kBad.
RecordStatus ReportBadVpnRecord(std::string_view why, std::string_view text,
                                const RecordContext& context, Diagnostics* diagnostics,
                                std::string* detail);

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_VPN_FIELDS_H_
