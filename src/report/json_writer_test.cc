// JSON output must stay valid and inert whatever bytes a log line carried.
#include "report/json_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace spraytrace::report {
namespace {

// Parses json with simdjson and returns the string member "v".
std::string RoundTrip(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  std::string_view value;
  EXPECT_EQ(doc["v"].get(value), simdjson::SUCCESS) << json;
  return std::string(value);
}

std::string Write(std::string_view value) {
  JsonWriter json;
  json.BeginObject();
  json.Key("v");
  json.String(value);
  json.EndObject();
  return json.str();
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlBytes) {
  const std::string nasty = "a\"b\\c\nd\te\x01\x1b[31mred\x7f";
  EXPECT_EQ(RoundTrip(Write(nasty)), nasty);
}

TEST(JsonWriter, KeepsHtmlInertInsideScriptBlocks) {
  const std::string json = Write("<script>alert(1)</script>&");
  EXPECT_EQ(json.find('<'), std::string::npos);
  EXPECT_EQ(json.find('>'), std::string::npos);
  EXPECT_EQ(RoundTrip(json), "<script>alert(1)</script>&");
}

TEST(JsonWriter, ReplacesInvalidUtf8AndKeepsValidUtf8) {
  EXPECT_EQ(RoundTrip(Write("bad\xff\xfe end")), "bad\xEF\xBF\xBD\xEF\xBF\xBD end");
  EXPECT_EQ(RoundTrip(Write("J\xC3\xBCrgen \xE6\x97\xA5\xF0\x9F\x94\x91")),
            "J\xC3\xBCrgen \xE6\x97\xA5\xF0\x9F\x94\x91");
  // Overlong '/' and a UTF-16 surrogate encoded in UTF-8 are both invalid.
  EXPECT_EQ(RoundTrip(Write("\xC0\xAF")), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RoundTrip(Write("\xED\xA0\x80")), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  // Truncated sequence at the end of the string.
  EXPECT_EQ(RoundTrip(Write("x\xE6\x97")), "x\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonWriter, NestsObjectsAndArraysWithCommas) {
  JsonWriter json;
  json.BeginObject();
  json.Key("a");
  json.BeginArray();
  json.Int(-1);
  json.UInt(2);
  json.Double(0.25);
  json.Bool(true);
  json.Null();
  json.EndArray();
  json.Key("b");
  json.BeginObject();
  json.EndObject();
  json.Key("nan");
  json.Double(std::numeric_limits<double>::quiet_NaN());
  json.EndObject();
  EXPECT_EQ(json.str(), R"({"a":[-1,2,0.25,true,null],"b":{},"nan":null})");
}

}  // namespace
}  // namespace spraytrace::report
