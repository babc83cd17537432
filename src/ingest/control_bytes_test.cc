#include "ingest/control_bytes.h"

#include <gtest/gtest.h>

#include <string>

namespace spraytrace::ingest {
namespace {

TEST(ControlBytes, CountsC0BytesExceptTab) {
  EXPECT_EQ(CountControlBytes("Jan  1 host sshd[1]: text\twith tab"), 0u);
  EXPECT_EQ(CountControlBytes(std::string("a\0b", 3)), 1u);
  EXPECT_EQ(CountControlBytes("\x1b[31m red \x1b[0m and a bell \x07"), 3u);
  EXPECT_EQ(CountControlBytes("carriage\rreturn inside"), 1u);
  EXPECT_EQ(CountControlBytes("\x7f del and \xc3\xa9 are not control"), 0u);
  EXPECT_EQ(CountControlBytes(std::string(16, '\x01') + "tail\x1f"), 17u);
}

// Every position of a long line (the vector loop and the tail), every byte value.
TEST(ControlBytes, PlainAsciiAgreesWithTheByteByByteChecks) {
  const std::string base = "Nov  2 00:02:52 bastion sshd[58091]: Failed password for\tx y";
  EXPECT_TRUE(IsPlainAscii(base));
  EXPECT_TRUE(IsPlainAscii(""));
  for (size_t at = 0; at < base.size(); ++at) {
    for (int value = 0; value < 256; ++value) {
      std::string line = base;
      line[at] = static_cast<char>(value);
      const bool plain = value == '\t' || (value >= 0x20 && value < 0x80);
      ASSERT_EQ(IsPlainAscii(line), plain) << "byte " << value << " at " << at;
      ASSERT_EQ(CountControlBytes(line), value < 0x20 && value != '\t' ? 1u : 0u);
    }
  }
}

}  // namespace
}  // namespace spraytrace::ingest
