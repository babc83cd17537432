#include "parse/entra/entra_result_codes.h"

#include <gtest/gtest.h>

namespace spraytrace::parse {
namespace {

TEST(EntraResultCodes, ParsesCodesAsLogged) {
  EXPECT_EQ(ParseEntraResultCode("50126"), 50126u);
  EXPECT_EQ(ParseEntraResultCode("0"), 0u);
  EXPECT_EQ(ParseEntraResultCode(" 500121 "), 500121u);
  EXPECT_EQ(ParseEntraResultCode("AADSTS50076"), 50076u);
  EXPECT_EQ(ParseEntraResultCode("aadsts53003"), 53003u);
  EXPECT_EQ(ParseEntraResultCode("4294967295"), 4294967295u);
  EXPECT_EQ(ParseEntraResultCode("4294967296"), std::nullopt);  // wider than 32 bits
  EXPECT_EQ(ParseEntraResultCode("99999999999999999999999"), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode(""), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("   "), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("AADSTS"), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("None"), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("-50126"), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("50126.0"), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("0x50126"), std::nullopt);
  EXPECT_EQ(ParseEntraResultCode("50126\x01"), std::nullopt);
}

struct Row {
  uint32_t code;
  Outcome outcome;
  Reason reason;
  bool password_correct;
  bool not_an_attempt;
};

// Every code formats.md section 3 names, plus the neighbours a tenant's logs are full of.
TEST(EntraResultCodes, Table) {
  const Row rows[] = {
      {0, Outcome::kSuccess, Reason::kNone, false, false},
      {50126, Outcome::kFailure, Reason::kBadPassword, false, false},
      {50053, Outcome::kFailure, Reason::kLockedOut, false, false},
      {50034, Outcome::kFailure, Reason::kUnknownUser, false, false},
      {50057, Outcome::kFailure, Reason::kDisabled, false, false},
      {50056, Outcome::kFailure, Reason::kBadPassword, false, false},
      {50064, Outcome::kFailure, Reason::kBadPassword, false, false},
      {50020, Outcome::kFailure, Reason::kUnknownUser, false, false},
      {90072, Outcome::kFailure, Reason::kUnknownUser, false, false},
      {500011, Outcome::kFailure, Reason::kOther, false, false},
      // The password was right (formats.md section 9.8): hits.
      {50055, Outcome::kFailure, Reason::kExpiredPassword, true, false},
      {50144, Outcome::kFailure, Reason::kExpiredPassword, true, false},
      {50072, Outcome::kFailure, Reason::kMfaRequired, true, false},
      {50074, Outcome::kFailure, Reason::kMfaRequired, true, false},
      {50076, Outcome::kFailure, Reason::kMfaRequired, true, false},
      {50079, Outcome::kFailure, Reason::kMfaRequired, true, false},
      {50158, Outcome::kFailure, Reason::kMfaRequired, true, false},
      {500121, Outcome::kFailure, Reason::kMfaRequired, true, false},
      {53003, Outcome::kFailure, Reason::kBlockedAfterPassword, true, false},
      {53000, Outcome::kFailure, Reason::kBlockedAfterPassword, true, false},
      // Interrupts and session housekeeping: no password judged.
      {50140, Outcome::kFailure, Reason::kOther, false, true},
      {50058, Outcome::kFailure, Reason::kOther, false, true},
      {50133, Outcome::kFailure, Reason::kOther, false, true},
      {50173, Outcome::kFailure, Reason::kOther, false, true},
      {70043, Outcome::kFailure, Reason::kOther, false, true},
      {70044, Outcome::kFailure, Reason::kOther, false, true},
      {81010, Outcome::kFailure, Reason::kOther, false, true},
      {81014, Outcome::kFailure, Reason::kOther, false, true},
      // Not in the table: still an attempt that did not log in.
      {12345, Outcome::kFailure, Reason::kOther, false, false},
      {80999, Outcome::kFailure, Reason::kOther, false, false},
      {82000, Outcome::kFailure, Reason::kOther, false, false},
      {4294967295u, Outcome::kFailure, Reason::kOther, false, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.code);
    const EntraCodeMeaning meaning = EntraResultMeaning(row.code);
    EXPECT_EQ(meaning.outcome, row.outcome);
    EXPECT_EQ(meaning.reason, row.reason);
    EXPECT_EQ(meaning.password_correct(), row.password_correct);
    EXPECT_EQ(meaning.not_an_attempt, row.not_an_attempt);
  }
}

TEST(EntraResultCodes, NamesTheCodesItKnows) {
  EXPECT_EQ(EntraResultMeaning(50126).name, "InvalidUserNameOrPassword");
  EXPECT_EQ(EntraResultMeaning(50053).name, "IdsLocked");
  EXPECT_EQ(EntraResultMeaning(50076).name, "UserStrongAuthClientAuthNRequired");
  EXPECT_EQ(EntraResultMeaning(53003).name, "BlockedByConditionalAccess");
  EXPECT_EQ(EntraResultMeaning(50140).name, "KmsiInterrupt");
  EXPECT_TRUE(EntraResultMeaning(12345).name.empty());
}

// The detectors' notion of a hit is IsPasswordCorrect: the policy-after-password reason is one,
// the policy refusal that says nothing about the password is not.
TEST(EntraResultCodes, BlockedAfterPasswordIsAHitForTheDetectors) {
  EXPECT_TRUE(IsPasswordCorrect(Reason::kBlockedAfterPassword));
  EXPECT_FALSE(IsPasswordCorrect(Reason::kBlockedByPolicy));
  EXPECT_EQ(ReasonName(Reason::kBlockedAfterPassword), "blocked_after_password");
  EXPECT_EQ(kLastReason, Reason::kBlockedAfterPassword);
}

}  // namespace
}  // namespace spraytrace::parse
