// StateEncoder / StateDecoder: values round-trip, strings and evidence files are remapped into
// the next run's pool and table, and damaged bodies fail with a message instead of a crash or a
// huge allocation.
#include <gtest/gtest.h>

#include <limits>

#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::store {
namespace {

enum class Colour : uint8_t { kRed, kGreen, kBlue };

TEST(StateCodec, ValuesRoundTrip) {
  StringPool pool;
  FileTable files;
  const StringId alice = pool.Intern("alice");
  StateEncoder encoder(&pool, &files);
  encoder.BeginSection("values");
  encoder.PutU64(0);
  encoder.PutU64(std::numeric_limits<uint64_t>::max());
  encoder.PutI64(std::numeric_limits<int64_t>::min());
  encoder.PutI64(-1);
  encoder.PutI64(1'730'505'600'000'000);  // 2024-11-02 in microseconds
  encoder.PutBool(true);
  encoder.PutDouble(-0.125);
  encoder.PutBytes(std::string("a\0b", 3));
  encoder.PutString(alice);
  encoder.PutString(kNoString);
  encoder.PutIp(*IpAddress::Parse("203.0.113.7"));
  encoder.PutIp(*IpAddress::Parse("2001:db8::1"));
  encoder.PutIp(IpAddress());
  encoder.PutEnum(Colour::kBlue);
  encoder.EndSection();
  const std::string body = std::move(encoder).Finish();

  StateDecoder decoder(body, &pool, &files);
  ASSERT_TRUE(decoder.EnterSection("values")) << decoder.error();
  EXPECT_EQ(decoder.U64(), 0u);
  EXPECT_EQ(decoder.U64(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(decoder.I64(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(decoder.I64(), -1);
  EXPECT_EQ(decoder.I64(), 1'730'505'600'000'000);
  EXPECT_TRUE(decoder.Bool());
  EXPECT_EQ(decoder.Double(), -0.125);
  EXPECT_EQ(decoder.Bytes(), std::string("a\0b", 3));
  EXPECT_EQ(decoder.String(), alice);
  EXPECT_EQ(decoder.String(), kNoString);
  EXPECT_EQ(decoder.Ip(), *IpAddress::Parse("203.0.113.7"));
  EXPECT_EQ(decoder.Ip(), *IpAddress::Parse("2001:db8::1"));
  EXPECT_EQ(decoder.Ip(), IpAddress());
  EXPECT_EQ(decoder.EnumUpTo(Colour::kBlue), Colour::kBlue);
  EXPECT_TRUE(decoder.LeaveSection()) << decoder.error();
  EXPECT_TRUE(decoder.AtEnd());
  EXPECT_TRUE(decoder.ok()) << decoder.error();
}

TEST(StateCodec, StringsAndFilesAreRemappedIntoTheNextRun) {
  StringPool old_pool;
  FileTable old_files;
  old_pool.Intern("padding so ids differ");
  const StringId bob = old_pool.Intern("bob");
  const StringId root = old_pool.Intern("<root>\xff");
  old_files.Add("day1.log");
  const uint32_t day2 = old_files.Add("day2.log.gz");
  StateEncoder encoder(&old_pool, &old_files);
  encoder.BeginSection("s");
  encoder.PutString(root);
  encoder.PutString(bob);
  encoder.PutString(root);
  encoder.PutFile(day2);
  encoder.EndSection();
  EXPECT_EQ(encoder.strings(), 2u) << "each string is written once";
  const std::string body = std::move(encoder).Finish();

  StringPool pool;
  FileTable files;
  files.Add("day3.log");  // the new run already read a file
  StateDecoder decoder(body, &pool, &files);
  ASSERT_TRUE(decoder.EnterSection("s"));
  const StringId new_root = decoder.String();
  const StringId new_bob = decoder.String();
  EXPECT_EQ(decoder.String(), new_root);
  const uint32_t file = decoder.File();
  ASSERT_TRUE(decoder.LeaveSection()) << decoder.error();
  EXPECT_EQ(pool.View(new_root), "<root>\xff");
  EXPECT_EQ(pool.View(new_bob), "bob");
  EXPECT_EQ(files.Path(file), "day2.log.gz");
  EXPECT_EQ(files.size(), 2u) << "only the referenced file is added";
  EXPECT_EQ(decoder.strings(), 3u);  // with kNoString
}

TEST(StateCodec, WrongSectionAndUnreadBytesAreNamed) {
  StringPool pool;
  FileTable files;
  StateEncoder encoder(&pool, &files);
  encoder.BeginSection("sources");
  encoder.PutU64(1);
  encoder.PutU64(2);
  encoder.EndSection();
  const std::string body = std::move(encoder).Finish();
  {
    StateDecoder decoder(body, &pool, &files);
    EXPECT_FALSE(decoder.EnterSection("accounts"));
    EXPECT_NE(decoder.error().find("expected section 'accounts', found 'sources'"),
              std::string::npos)
        << decoder.error();
  }
  {
    StateDecoder decoder(body, &pool, &files);
    ASSERT_TRUE(decoder.EnterSection("sources"));
    EXPECT_EQ(decoder.U64(), 1u);
    EXPECT_FALSE(decoder.LeaveSection());
    EXPECT_NE(decoder.error().find("section 'sources'"), std::string::npos) << decoder.error();
    EXPECT_NE(decoder.error().find("1 bytes left unread"), std::string::npos) << decoder.error();
  }
}

TEST(StateCodec, EveryTruncationFailsCleanly) {
  StringPool pool;
  FileTable files;
  const StringId name = pool.Intern("carol");
  StateEncoder encoder(&pool, &files);
  encoder.BeginSection("all");
  encoder.PutU64(3);
  for (int i = 0; i < 3; ++i) {
    encoder.PutString(name);
    encoder.PutI64(-1000 * i);
    encoder.PutIp(*IpAddress::Parse("2001:db8::5"));
    encoder.PutDouble(1.5);
  }
  encoder.EndSection();
  const std::string body = std::move(encoder).Finish();
  for (size_t cut = 0; cut < body.size(); ++cut) {
    StringPool fresh;
    FileTable fresh_files;
    StateDecoder decoder(std::string_view(body).substr(0, cut), &fresh, &fresh_files);
    if (decoder.EnterSection("all")) {
      const size_t n = decoder.Count(4);
      for (size_t i = 0; i < n; ++i) {
        decoder.String();
        decoder.I64();
        decoder.Ip();
        decoder.Double();
      }
      decoder.LeaveSection();
    }
    EXPECT_FALSE(decoder.ok() && decoder.AtEnd()) << "cut at " << cut << " went unnoticed";
    if (!decoder.ok()) {
      EXPECT_FALSE(decoder.error().empty());
    }
  }
}

TEST(StateCodec, HugeCountsFailBeforeAllocating) {
  StringPool pool;
  FileTable files;
  std::string body;
  AppendVarint(uint64_t{1} << 60, &body);  // a string table of 2^60 entries
  StateDecoder decoder(body, &pool, &files);
  EXPECT_FALSE(decoder.ok());
  EXPECT_NE(decoder.error().find("cannot fit"), std::string::npos) << decoder.error();
  EXPECT_EQ(pool.size(), 1u);
}

TEST(StateCodec, OutOfRangeValuesFail) {
  StringPool pool;
  FileTable files;
  StateEncoder encoder(&pool, &files);
  encoder.BeginSection("x");
  encoder.PutU64(7);                  // an enum past kBlue
  encoder.PutU64(uint64_t{1} << 40);  // not a u32
  encoder.PutU64(2);                  // not a bool
  encoder.PutU64(5);                  // a string index past the table
  encoder.EndSection();
  const std::string body = std::move(encoder).Finish();
  const auto first_error = [&](int which) {
    StateDecoder d(body, &pool, &files);
    d.EnterSection("x");
    for (int i = 0; i < which; ++i) d.U64();
    switch (which) {
      case 0:
        d.EnumUpTo(Colour::kBlue);
        break;
      case 1:
        d.U32();
        break;
      case 2:
        d.Bool();
        break;
      default:
        d.String();
    }
    return d.error();
  };
  EXPECT_NE(first_error(0).find("enum value 7 out of range"), std::string::npos);
  EXPECT_NE(first_error(1).find("does not fit 32 bits"), std::string::npos);
  EXPECT_NE(first_error(2).find("boolean 2"), std::string::npos);
  EXPECT_NE(first_error(3).find("string 5 not in the table"), std::string::npos);
}

}  // namespace
}  // namespace spraytrace::store
