#include "correlate/mmdb_database.h"

#include <gtest/gtest.h>

#include "correlate/testing/mmdb_test_writer.h"
#include "ingest/test_files.h"

namespace spraytrace::correlate {
namespace {

using ingest::testing::TempDir;
using testing::AsnRecord;
using testing::CountryRecord;
using testing::MmdbTestWriter;
using testing::MmdbValue;

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }
IpNetwork Net(const char* text) { return *ParseIpNetwork(text); }

std::string AsnDatabase(int record_size) {
  MmdbTestWriter writer(6, "GeoLite2-ASN", record_size);
  writer.Insert(Net("192.0.2.0/24"), AsnRecord(64500, "Example Broadband"));
  writer.Insert(Net("198.51.100.0/25"), AsnRecord(64501, "Test Telecom"));
  writer.Insert(Net("2001:db8::/32"), AsnRecord(64502, "V6 Example"));
  writer.Insert(Net("2001:db8:ff00::/40"), AsnRecord(64503, "V6 Narrow"));  // inside the /32
  return writer.Build();
}

class MmdbDatabaseTest : public ::testing::TestWithParam<int> {};

TEST_P(MmdbDatabaseTest, AsnDatabaseAnswersIpv4Ipv6AndMapped) {
  TempDir dir;
  const std::string path = dir.Write("GeoLite2-ASN.mmdb", AsnDatabase(GetParam()));
  auto db = MmdbDatabase::Open(path);
  ASSERT_TRUE(db) << db.error().message();
  EXPECT_EQ((*db)->database_type(), "GeoLite2-ASN");

  MmdbAnswer a;
  ASSERT_TRUE((*db)->Lookup(Ip("192.0.2.200"), &a).ok());
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.asn, 64500u);
  EXPECT_EQ(a.organization, "Example Broadband");
  EXPECT_EQ(a.country[0], '\0');  // an ASN database has no country

  ASSERT_TRUE((*db)->Lookup(Ip("::ffff:198.51.100.5"), &a).ok());
  EXPECT_EQ(a.asn, 64501u);

  ASSERT_TRUE((*db)->Lookup(Ip("2001:db8:1::1"), &a).ok());
  EXPECT_EQ(a.asn, 64502u);
  ASSERT_TRUE((*db)->Lookup(Ip("2001:db8:ff12::1"), &a).ok());
  EXPECT_EQ(a.asn, 64503u);
  EXPECT_EQ(a.organization, "V6 Narrow");

  for (const char* absent : {"198.51.100.128", "203.0.113.1", "2001:db9::1", "::1"}) {
    ASSERT_TRUE((*db)->Lookup(Ip(absent), &a).ok()) << absent;
    EXPECT_FALSE(a.found) << absent;
    EXPECT_EQ(a.asn, 0u) << absent;
  }
}

INSTANTIATE_TEST_SUITE_P(RecordSizes, MmdbDatabaseTest, ::testing::Values(24, 28, 32));

TEST(MmdbDatabase, CountryDatabaseIpv4Only) {
  TempDir dir;
  MmdbTestWriter writer(4, "GeoLite2-Country", 24);
  writer.Insert(Net("192.0.2.0/24"), CountryRecord("DE"));
  writer.Insert(Net("192.0.2.128/25"), CountryRecord("at"));  // case is normalised
  // A record with only registered_country (anycast, satellite): that country is used.
  writer.Insert(Net("203.0.113.0/24"),
                MmdbValue::Map({{"registered_country",
                                 MmdbValue::Map({{"iso_code", MmdbValue::String("NL")}})}}));
  auto db = MmdbDatabase::Open(dir.Write("GeoLite2-Country.mmdb", writer.Build()));
  ASSERT_TRUE(db) << db.error().message();
  MmdbAnswer a;
  ASSERT_TRUE((*db)->Lookup(Ip("192.0.2.1"), &a).ok());
  EXPECT_EQ(std::string(a.country.data(), 2), "DE");
  EXPECT_EQ(a.asn, 0u);
  ASSERT_TRUE((*db)->Lookup(Ip("192.0.2.129"), &a).ok());
  EXPECT_EQ(std::string(a.country.data(), 2), "AT");
  ASSERT_TRUE((*db)->Lookup(Ip("203.0.113.9"), &a).ok());
  EXPECT_EQ(std::string(a.country.data(), 2), "NL");
  // IPv6 in an IPv4 database: not found, not an error.
  ASSERT_TRUE((*db)->Lookup(Ip("2001:db8::1"), &a).ok());
  EXPECT_FALSE(a.found);
}

TEST(MmdbDatabase, MissingFileIsNotFound) {
  TempDir dir;
  auto db = MmdbDatabase::Open((dir.path() / "GeoLite2-ASN.mmdb").string());
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(db.error().message().find("GeoLite2-ASN.mmdb"), std::string::npos);
}

TEST(MmdbDatabase, NotAMaxMindFileIsCorruption) {
  TempDir dir;
  auto db = MmdbDatabase::Open(dir.Write("fake.mmdb", "this is a text file, not a database\n"));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(db.error().message().find("fake.mmdb"), std::string::npos);
}

TEST(MmdbDatabase, TruncatedFileIsAnErrorAtOpen) {
  TempDir dir;
  const std::string bytes = AsnDatabase(28);
  // Cut in the metadata, then in the search tree.
  for (size_t keep : {bytes.size() - 20, size_t{40}}) {
    auto db = MmdbDatabase::Open(dir.Write("cut.mmdb", bytes.substr(0, keep)));
    EXPECT_FALSE(db) << "kept " << keep << " bytes";
  }
}

TEST(MmdbDatabase, TreePointingOutsideTheFileIsAnErrorAtOpen) {
  TempDir dir;
  std::string bytes = AsnDatabase(24);
  // Node 0's left record (first 3 bytes) pointed far past the data section.
  bytes[0] = '\xff';
  bytes[1] = '\xff';
  bytes[2] = '\xf0';
  auto db = MmdbDatabase::Open(dir.Write("bad-tree.mmdb", bytes));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(db.error().message().find("search tree node 0"), std::string::npos)
      << db.error().message();
}

TEST(MmdbDatabase, DamagedRecordIsAnErrorForThatLookupOnly) {
  TempDir dir;
  MmdbTestWriter writer(6, "GeoLite2-ASN", 28);
  writer.Insert(Net("192.0.2.0/24"), AsnRecord(64500, "Damaged Org"));
  writer.Insert(Net("198.51.100.0/24"), AsnRecord(64501, "Fine Org"));
  std::string bytes = writer.Build();
  // The damaged record's first key (written first in the data section) claims a length of
  // megabytes: reading it would run past the data section.
  const size_t key = bytes.find("autonomous_system_number");
  ASSERT_NE(key, std::string::npos);
  ASSERT_EQ(bytes[key - 1], '\x58');  // UTF-8 string (2 << 5) of 24 bytes
  bytes[key - 1] = '\x5f';            // size in the next 3 bytes, + 65821
  auto db = MmdbDatabase::Open(dir.Write("damaged.mmdb", bytes));
  ASSERT_TRUE(db) << db.error().message();
  MmdbAnswer a;
  const Status damaged = (*db)->Lookup(Ip("192.0.2.1"), &a);
  EXPECT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.code(), ErrorCode::kCorruption);
  EXPECT_NE(damaged.message().find("192.0.2.1"), std::string::npos) << damaged.message();
  ASSERT_TRUE((*db)->Lookup(Ip("198.51.100.1"), &a).ok());
  EXPECT_EQ(a.asn, 64501u);
}

}  // namespace
}  // namespace spraytrace::correlate
