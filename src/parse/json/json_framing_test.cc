#include <gtest/gtest.h>

#include <string>

#include "parse/json/json_document.h"
#include "parse/json/json_records.h"

namespace spraytrace::parse {
namespace {

TEST(JsonNesting, BracketsInsideStringsAndEscapesDoNotCount) {
  JsonNesting nesting;
  ASSERT_TRUE(nesting.Feed(R"({"a":"}]{[","b":"quote \" and \\"})"));
  EXPECT_TRUE(nesting.complete());
  JsonNesting open;
  ASSERT_TRUE(open.Feed(R"({"value":[{"x":"\\\"}"})"));
  EXPECT_FALSE(open.complete());
  EXPECT_EQ(open.depth(), 2);
}

TEST(JsonNesting, StrayClosingBracketIsNotJson) {
  JsonNesting nesting;
  EXPECT_FALSE(nesting.Feed("}{"));
}

TEST(JsonDocumentAssembler, JoinsLinesAndMapsPositionsToLines) {
  JsonDocumentAssembler doc(1 << 20);
  EXPECT_EQ(doc.AddLine("{", {1, 10, 100}), AssemblyStatus::kIncomplete);
  EXPECT_EQ(doc.AddLine(R"(  "value": [ {"id": 1},)", {1, 11, 102}), AssemblyStatus::kIncomplete);
  EXPECT_EQ(doc.AddLine(R"(    {"id": 2} ] })", {1, 12, 125}), AssemblyStatus::kComplete);
  const std::string_view text = doc.text();
  const size_t second = text.find(R"({"id": 2})");
  const EvidenceLocation where = doc.LocationOf(second);
  EXPECT_EQ(where.line, 12u);
  EXPECT_EQ(where.offset, 125u + 4);
  EXPECT_EQ(doc.LocationOf(0).line, 10u);
  EXPECT_EQ(doc.first_line(), 10u);
}

TEST(JsonDocumentAssembler, OversizedValueIsAbandoned) {
  JsonDocumentAssembler doc(16);
  EXPECT_EQ(doc.AddLine("{\"a\":", {}), AssemblyStatus::kIncomplete);
  EXPECT_EQ(doc.AddLine("\"0123456789abcdef\"}", {}), AssemblyStatus::kTooLong);
  EXPECT_FALSE(doc.active());
}

TEST(JsonRecords, OneObjectIsOneRecord) {
  JsonRecords records;
  ASSERT_EQ(records.Load(R"({"userPrincipalName":"a@b.example","status":{"errorCode":0}})"),
            JsonLoadStatus::kOk);
  ASSERT_EQ(records.records().size(), 1u);
  simdjson::ondemand::object object;
  ASSERT_TRUE(records.Parse(records.records()[0], &object));
  std::string_view upn;
  ASSERT_FALSE(object.find_field_unordered("userPrincipalName").get_string().get(upn));
  EXPECT_EQ(upn, "a@b.example");
}

TEST(JsonRecords, GraphPageAndAzureExportAndArraysHoldRecords) {
  JsonRecords records;
  ASSERT_EQ(records.Load(R"({"@odata.context":"x","value":[{"id":"1"},{"id":"2"}],)"
                         R"("@odata.nextLink":"https://graph.example/next"})"),
            JsonLoadStatus::kOk);
  ASSERT_EQ(records.records().size(), 2u);
  EXPECT_EQ(records.records()[1].text, R"({"id":"2"})");
  simdjson::ondemand::object object;
  ASSERT_TRUE(records.Parse(records.records()[1], &object));
  std::string_view id;
  ASSERT_FALSE(object.find_field_unordered("id").get_string().get(id));
  EXPECT_EQ(id, "2");

  ASSERT_EQ(records.Load(R"({"records":[{"category":"SignInLogs"}]})"), JsonLoadStatus::kOk);
  EXPECT_EQ(records.records().size(), 1u);
  ASSERT_EQ(records.Load(R"([{"a":1}, {"a":2}, {"a":3}])"), JsonLoadStatus::kOk);
  EXPECT_EQ(records.records().size(), 3u);
  EXPECT_EQ(records.records()[2].position, 19u);
}

TEST(JsonRecords, ObjectWithNestedValueKeyIsItselfARecord) {
  JsonRecords records;
  ASSERT_EQ(records.Load(R"({"details":{"value":"x"},"value":"scalar"})"), JsonLoadStatus::kOk);
  ASSERT_EQ(records.records().size(), 1u);
  EXPECT_EQ(records.records()[0].position, 0u);
}

TEST(JsonRecords, BrokenAndForeignValues) {
  JsonRecords records;
  EXPECT_EQ(records.Load(R"({"value":[{"id":1},{"id":)"), JsonLoadStatus::kBadJson);
  EXPECT_EQ(records.Load(R"([1,2,3])"), JsonLoadStatus::kNotObject);
  EXPECT_EQ(records.Load(R"("just a string")"), JsonLoadStatus::kNotObject);
  EXPECT_EQ(records.Load("   "), JsonLoadStatus::kBadJson);
}

}  // namespace
}  // namespace spraytrace::parse
