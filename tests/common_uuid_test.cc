// Name-based UUIDs (common/uuid.h) against RFC 9562's published example and Python's uuid module
// (an independent implementation), and the version and variant bits every UUIDv5 must carry.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/uuid.h"

namespace spraytrace {
namespace {

TEST(UuidV5, MatchesTheRfcExample) {
  // RFC 9562 appendix A.4 (and RFC 4122's errata): namespace DNS, name "www.example.com".
  EXPECT_EQ(UuidV5(kUuidNamespaceDns, "www.example.com").ToString(),
            "2ed6657d-e927-568b-95e1-2665a8aea6a2");
}

TEST(UuidV5, MatchesPythonsUuid5) {
  // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, ''))" and so on.
  EXPECT_EQ(UuidV5(kUuidNamespaceUrl, "").ToString(), "1b4db7eb-4057-5ddf-91e0-36dec72071f5");
  EXPECT_EQ(UuidV5(kUuidNamespaceUrl, "urn:spraytrace:stix").ToString(),
            "2f555185-64a2-5743-968d-846ed2054e84");
  EXPECT_EQ(UuidV5(kUuidNamespaceDns, "caf\xc3\xa9.example").ToString(),
            "1f25f992-3aeb-54f1-b196-ccca88f733b1");
}

TEST(UuidV5, SetsVersionAndVariantAndDependsOnEveryInput) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string name = "indicator\n203.0.113." + std::to_string(i);
    const Uuid u = UuidV5(kUuidNamespaceUrl, name);
    EXPECT_EQ(u.version(), 5) << u.ToString();
    EXPECT_TRUE(u.has_rfc_variant()) << u.ToString();
    const std::string text = u.ToString();
    EXPECT_EQ(text[14], '5') << text;
    EXPECT_NE(std::string("89ab").find(text[19]), std::string::npos) << text;
    EXPECT_EQ(UuidV5(kUuidNamespaceUrl, name), u) << "deterministic";
    seen.insert(text);
  }
  EXPECT_EQ(seen.size(), 2000u);
  EXPECT_NE(UuidV5(kUuidNamespaceDns, "www.example.com"),
            UuidV5(kUuidNamespaceUrl, "www.example.com"));
  // A name with a NUL byte is hashed whole, not cut at the NUL.
  EXPECT_NE(UuidV5(kUuidNamespaceDns, std::string_view("a\0b", 3)), UuidV5(kUuidNamespaceDns, "a"));
}

TEST(Uuid, ParsesItsOwnTextAndRefusesOtherForms) {
  const auto parsed = Uuid::Parse("2ED6657D-e927-568b-95e1-2665a8aea6a2");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, UuidV5(kUuidNamespaceDns, "www.example.com"));
  EXPECT_EQ(Uuid::Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), kUuidNamespaceDns);
  EXPECT_EQ(kUuidNamespaceDns.version(), 1);
  for (const char* bad :
       {"", "2ed6657de927568b95e12665a8aea6a2", "{2ed6657d-e927-568b-95e1-2665a8aea6a2}",
        "2ed6657d-e927-568b-95e1-2665a8aea6a", "2ed6657d-e927-568b-95e1-2665a8aea6ag",
        "2ed6657d+e927-568b-95e1-2665a8aea6a2", "2ed6657d-e927-568b-95e12-665a8aea6a2",
        "urn:uuid:2ed6657d-e927-568b-95e1-2665"}) {
    EXPECT_FALSE(Uuid::Parse(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace spraytrace
