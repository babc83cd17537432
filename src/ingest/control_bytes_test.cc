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

}  // namespace
}  // namespace spraytrace::ingest
