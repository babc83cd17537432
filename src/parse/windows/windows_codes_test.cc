#include "parse/windows/windows_codes.h"

#include <gtest/gtest.h>

namespace spraytrace::parse {
namespace {

TEST(WindowsCodes, ParsesHexAndDecimalAsLogged) {
  EXPECT_EQ(ParseStatusCode("0xc000006a"), 0xC000006Au);
  EXPECT_EQ(ParseStatusCode("0xC000006A"), 0xC000006Au);
  EXPECT_EQ(ParseStatusCode("0x00000018"), 0x18u);
  EXPECT_EQ(ParseStatusCode("0x0"), 0u);
  EXPECT_EQ(ParseStatusCode("24"), 24u);
  EXPECT_EQ(ParseStatusCode(" 0x6 "), 6u);
  EXPECT_EQ(ParseStatusCode("-"), std::nullopt);
  EXPECT_EQ(ParseStatusCode(""), std::nullopt);
  EXPECT_EQ(ParseStatusCode("0x"), std::nullopt);
  EXPECT_EQ(ParseStatusCode("0xc000006g"), std::nullopt);
  EXPECT_EQ(ParseStatusCode("0x1c000006a"), std::nullopt);  // wider than 32 bits
  EXPECT_EQ(ParseStatusCode("%%2313"), std::nullopt);
}

struct NtRow {
  uint32_t code;
  Outcome outcome;
  Reason reason;
};

// One row per NTSTATUS the mapping knows (Microsoft 4625/4776 documentation).
TEST(WindowsCodes, NtStatusTable) {
  const NtRow rows[] = {
      {0x00000000, Outcome::kSuccess, Reason::kNone},
      {0xC000006A, Outcome::kFailure, Reason::kBadPassword},
      {0xC000006D, Outcome::kFailure, Reason::kBadPassword},
      {0xC0000064, Outcome::kFailure, Reason::kUnknownUser},
      {0xC0000234, Outcome::kFailure, Reason::kLockedOut},
      {0xC0000072, Outcome::kFailure, Reason::kDisabled},
      {0xC0000193, Outcome::kFailure, Reason::kDisabled},
      {0xC000006E, Outcome::kFailure, Reason::kDisabled},
      {0xC0000071, Outcome::kFailure, Reason::kExpiredPassword},
      {0xC0000224, Outcome::kFailure, Reason::kExpiredPassword},
      {0xC000006F, Outcome::kFailure, Reason::kBlockedByPolicy},
      {0xC0000070, Outcome::kFailure, Reason::kBlockedByPolicy},
      {0xC000015B, Outcome::kFailure, Reason::kBlockedByPolicy},
      {0xC0000413, Outcome::kFailure, Reason::kBlockedByPolicy},
      {0xC0000133, Outcome::kFailure, Reason::kOther},
      {0xC000005E, Outcome::kFailure, Reason::kOther},
      {0xC0000371, Outcome::kFailure, Reason::kOther},
      {0xDEADBEEF, Outcome::kFailure, Reason::kOther},  // unknown: still a failure
  };
  for (const NtRow& row : rows) {
    SCOPED_TRACE(row.code);
    EXPECT_EQ(NtStatusMeaning(row.code).outcome, row.outcome);
    EXPECT_EQ(NtStatusMeaning(row.code).reason, row.reason);
  }
  // The two password-correct codes are hits for the detectors.
  EXPECT_TRUE(IsPasswordCorrect(NtStatusMeaning(0xC0000071).reason));
  EXPECT_TRUE(IsPasswordCorrect(NtStatusMeaning(0xC0000224).reason));
  EXPECT_FALSE(IsPasswordCorrect(NtStatusMeaning(0xC000006A).reason));
}

TEST(WindowsCodes, KerberosTable) {
  const NtRow rows[] = {
      {0x00, Outcome::kSuccess, Reason::kNone},
      {0x06, Outcome::kFailure, Reason::kUnknownUser},
      {0x12, Outcome::kFailure, Reason::kDisabled},
      {0x17, Outcome::kFailure, Reason::kExpiredPassword},
      {0x18, Outcome::kFailure, Reason::kBadPassword},
      {0x0C, Outcome::kFailure, Reason::kBlockedByPolicy},
      {0x25, Outcome::kFailure, Reason::kOther},
      {0x44, Outcome::kFailure, Reason::kOther},
  };
  for (const NtRow& row : rows) {
    SCOPED_TRACE(row.code);
    EXPECT_EQ(KerberosMeaning(row.code).outcome, row.outcome);
    EXPECT_EQ(KerberosMeaning(row.code).reason, row.reason);
    EXPECT_FALSE(KerberosMeaning(row.code).not_an_attempt);
  }
  EXPECT_TRUE(KerberosMeaning(0x19).not_an_attempt);  // PREAUTH_REQUIRED: protocol step
  EXPECT_TRUE(IsPasswordCorrect(KerberosMeaning(0x17).reason));
}

TEST(WindowsCodes, LogonFailurePrefersSubStatusOfGenericStatus) {
  EXPECT_EQ(LogonFailureStatus(0xC000006D, 0xC0000064), 0xC0000064u);
  EXPECT_EQ(LogonFailureStatus(0xC000006E, 0xC0000072), 0xC0000072u);
  EXPECT_EQ(LogonFailureStatus(0xC000006D, 0x0), 0xC000006Du);         // SubStatus says nothing
  EXPECT_EQ(LogonFailureStatus(0xC0000234, 0x0), 0xC0000234u);         // specific Status
  EXPECT_EQ(LogonFailureStatus(0xC0000234, 0xC000006A), 0xC0000234u);  // specific wins
  EXPECT_EQ(LogonFailureStatus(std::nullopt, 0xC000006A), 0xC000006Au);
  EXPECT_EQ(LogonFailureStatus(std::nullopt, std::nullopt), 0xC000006Du);
  EXPECT_EQ(LogonFailureStatus(0x0, std::nullopt), 0xC000006Du);
}

}  // namespace
}  // namespace spraytrace::parse
