// Canonical account names, so one account logged several ways is counted once.
#ifndef SPRAYTRACE_EVENT_USER_NAME_H_
#define SPRAYTRACE_EVENT_USER_NAME_H_

#include <string>
#include <string_view>

namespace spraytrace {

enum class UserCase : uint8_t {
  kSensitive,    ///< Linux/sshd: "Root" and "root" are different accounts
  kInsensitive,  ///< Windows, Entra ID: fold to lower case
};

// Strips "DOMAIN\" and "@domain" (keeping the local part), trims spaces, folds ASCII case when
// the family is case-insensitive. "" stays "". Writes into *out to reuse its buffer.
void CanonicalUserName(std::string_view raw, UserCase user_case, std::string* out);

}  // namespace spraytrace

#endif  // SPRAYTRACE_EVENT_USER_NAME_H_
