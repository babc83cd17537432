#include "detect/account_table.h"

namespace spraytrace::detect {

uint32_t AccountTable::FindOrInsert(StringId user, Timestamp time, size_t max_accounts) {
  if (user == kNoString) return kNoAccount;
  if (index_.empty()) {
    for (size_t i = 0; i < accounts_.size(); ++i) {
      if (accounts_[i].user == user) return static_cast<uint32_t>(i);
    }
  } else if (auto it = index_.find(user); it != index_.end()) {
    return it->second;
  }
  if (accounts_.size() >= max_accounts) return kNoAccount;
  const auto slot = static_cast<uint32_t>(accounts_.size());
  AccountStats& stats = accounts_.emplace_back();
  stats.user = user;
  stats.first = time;
  stats.last = time;
  if (!index_.empty()) {
    index_.emplace(user, slot);
  } else if (accounts_.size() > kLinearScanLimit) {
    BuildIndex();
  }
  return slot;
}

void AccountTable::BuildIndex() {
  index_.clear();
  for (uint32_t i = 0; i < accounts_.size(); ++i) index_.emplace(accounts_[i].user, i);
}

}  // namespace spraytrace::detect
