// SettingsTable: typed "section.name" settings of any config struct (common/settings_table.h).
#include <gtest/gtest.h>

#include <cmath>

#include "common/settings_table.h"

namespace spraytrace {
namespace {

struct Limits {
  int count = 5;
  double share = 0.25;
  bool enabled = true;
  Micros window = 10 * kMicrosPerMinute;
};

struct Sample {
  int64_t days = 7;
  Limits limits;
  Limits other;
};

const SettingsTable<Sample>& Table() {
  static const SettingsTable<Sample> kTable({
      Setting("days", &Sample::days, {1, 3660}),
      Setting("limits.count", &Sample::limits, &Limits::count),
      Setting("limits.share", &Sample::limits, &Limits::share),
      Setting("limits.enabled", &Sample::limits, &Limits::enabled),
      DurationSetting("limits.window", &Sample::limits, &Limits::window),
      Setting("other.count", &Sample::other, &Limits::count, {0, 10}),
      Setting("other.share", &Sample::other, &Limits::share, {0, 1}),
  });
  return kTable;
}

Status Apply(std::string_view key, std::string_view text, std::string_view source, Sample* sample) {
  const SettingsTable<Sample>::Entry* entry = Table().Find(key);
  if (entry == nullptr) return Status::NotFound(std::string(key));
  return Table().ApplyText(*entry, text, source, sample);
}

TEST(SettingsTable, FindsKeysAndDeducesKinds) {
  ASSERT_NE(Table().Find("days"), nullptr);
  EXPECT_EQ(Table().Find("days")->kind, SettingKind::kInt64);
  EXPECT_EQ(Table().Find("limits.count")->kind, SettingKind::kInt);
  EXPECT_EQ(Table().Find("limits.share")->kind, SettingKind::kDouble);
  EXPECT_EQ(Table().Find("limits.enabled")->kind, SettingKind::kBool);
  EXPECT_EQ(Table().Find("limits.window")->kind, SettingKind::kDuration);
  EXPECT_EQ(Table().Find("limits.nope"), nullptr);
  EXPECT_EQ(Table().Keys(),
            (std::vector<std::string>{"days", "limits.count", "limits.share", "limits.enabled",
                                      "limits.window", "other.count", "other.share"}));
}

TEST(SettingsTable, AppliesTextOfEveryKind) {
  Sample sample;
  ASSERT_TRUE(Apply("days", "30", "", &sample).ok());
  ASSERT_TRUE(Apply("limits.count", "-3", "", &sample).ok());
  ASSERT_TRUE(Apply("limits.share", "0.5", "", &sample).ok());
  ASSERT_TRUE(Apply("limits.enabled", "false", "", &sample).ok());
  ASSERT_TRUE(Apply("limits.window", "1h30m", "", &sample).ok());
  EXPECT_EQ(sample.days, 30);
  EXPECT_EQ(sample.limits.count, -3);
  EXPECT_EQ(sample.limits.share, 0.5);
  EXPECT_FALSE(sample.limits.enabled);
  EXPECT_EQ(sample.limits.window, 90 * kMicrosPerMinute);
  EXPECT_EQ(sample.other.count, 5);  // same struct type, other section: untouched
}

TEST(SettingsTable, TypeErrorsNameKeyValueAndRule) {
  Sample sample;
  EXPECT_EQ(Apply("limits.count", "2x", "--set", &sample).message(),
            "--set: invalid limits.count '2x': must be an integer");
  EXPECT_EQ(Apply("limits.count", "", "--set", &sample).message(),
            "--set: invalid limits.count '': must be an integer");
  EXPECT_EQ(Apply("limits.count", "99999999999", "--set", &sample).message(),
            "--set: invalid limits.count '99999999999': must be an integer");
  EXPECT_EQ(Apply("limits.share", "abc", "a.toml", &sample).message(),
            "a.toml: invalid limits.share 'abc': must be a number");
  EXPECT_EQ(Apply("limits.enabled", "yes", "", &sample).message(),
            "invalid limits.enabled 'yes': must be true or false");
  EXPECT_EQ(Apply("limits.window", "5x", "", &sample).message(),
            "invalid limits.window '5x': must be a duration such as \"90s\", \"10m\", \"24h\" or "
            "\"7d\"");
  EXPECT_EQ(Apply("days", "1.5", "", &sample).message(), "invalid days '1.5': must be an integer");
  EXPECT_EQ(Apply("days", "1.5", "", &sample).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SettingsTable<Sample>::TypeError(*Table().Find("limits.count"), "<array>", "b.toml")
                .message(),
            "b.toml: invalid limits.count '<array>': must be an integer");
  EXPECT_EQ(sample.limits.count, 5);
}

TEST(SettingsTable, RangesAreInclusiveAndRangedNumbersFinite) {
  Sample sample;
  EXPECT_TRUE(Apply("days", "1", "", &sample).ok());
  EXPECT_TRUE(Apply("days", "3660", "", &sample).ok());
  EXPECT_EQ(Apply("days", "0", "", &sample).message(),
            "invalid days '0': must be between 1 and 3660");
  EXPECT_EQ(sample.days, 0);  // parsed and stored; only the range failed
  EXPECT_EQ(Apply("other.share", "1.5", "--set", &sample).message(),
            "--set: invalid other.share '1.5': must be between 0 and 1");
  EXPECT_EQ(Apply("other.share", "inf", "", &sample).message(),
            "invalid other.share 'inf': must be a number");
  EXPECT_EQ(Apply("other.share", "nan", "", &sample).message(),
            "invalid other.share 'nan': must be a number");
  // Unranged numbers take whatever from_chars reads.
  EXPECT_TRUE(Apply("limits.share", "inf", "", &sample).ok());
  EXPECT_TRUE(std::isinf(sample.limits.share));
}

TEST(SettingsTable, CheckRangesReportsTheFirstValueOutside) {
  Sample sample;
  EXPECT_TRUE(Table().CheckRanges(sample).ok());
  sample.other.count = 11;
  sample.other.share = 2;
  EXPECT_EQ(Table().CheckRanges(sample).message(),
            "invalid other.count '11': must be between 0 and 10");
  sample.other.count = 0;
  sample.other.share = std::nan("");
  EXPECT_EQ(Table().CheckRanges(sample).message(),
            "invalid other.share 'nan': must be between 0 and 1");
}

TEST(SettingsTable, RendersFlatAndInSections) {
  Sample sample;
  sample.limits.share = 0.5;
  EXPECT_EQ(Table().Render(sample, SettingsLayout::kFlat),
            "days = 7\n"
            "limits.count = 5\n"
            "limits.share = 0.5\n"
            "limits.enabled = true\n"
            "limits.window = \"10m\"\n"
            "other.count = 5\n"
            "other.share = 0.25\n");
  EXPECT_EQ(Table().Render(sample, SettingsLayout::kSections),
            "[days]\n"
            "days = 7\n"
            "\n[limits]\n"
            "count = 5\n"
            "share = 0.5\n"
            "enabled = true\n"
            "window = \"10m\"\n"
            "\n[other]\n"
            "count = 5\n"
            "share = 0.25\n");
}

struct Named {
  std::string label = "a \"quoted\" \\ name";
  std::vector<std::string> items = {"x", "y"};
};

struct Outer {
  Named named;
};

TEST(SettingsTable, StringsAndListsParseRenderAndNest) {
  const SettingsTable<Outer> table(
      Nested(std::vector<SettingsEntry<Named>>{Setting("n.label", &Named::label),
                                               Setting("n.items", &Named::items)},
             &Outer::named));
  Outer outer;
  EXPECT_EQ(table.Find("n.label")->kind, SettingKind::kString);
  EXPECT_EQ(table.Find("n.items")->kind, SettingKind::kStringList);
  EXPECT_EQ(table.Render(outer, SettingsLayout::kFlat),
            "n.label = \"a \\\"quoted\\\" \\\\ name\"\n"
            "n.items = [\"x\", \"y\"]\n");
  ASSERT_TRUE(table.ApplyText(*table.Find("n.items"), " a ,b,, c ", "", &outer).ok());
  EXPECT_EQ(outer.named.items, (std::vector<std::string>{"a", "b", "", "c"}));
  ASSERT_TRUE(table.ApplyText(*table.Find("n.items"), " ", "", &outer).ok());
  EXPECT_TRUE(outer.named.items.empty());
  EXPECT_NE(table.Render(outer, SettingsLayout::kFlat).find("\nn.items = []\n"), std::string::npos);
  ASSERT_TRUE(table.ApplyText(*table.Find("n.label"), "tab\there", "", &outer).ok());
  EXPECT_EQ(outer.named.label, "tab\there");
  EXPECT_NE(table.Render(outer, SettingsLayout::kFlat).find("\"tab\\u0009here\""),
            std::string::npos);
}

TEST(SettingsTable, ParseAssignmentSplitsAtTheFirstEquals) {
  const Result<Assignment> parsed = ParseAssignment("a.b=c=d", "a.b=1");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->key, "a.b");
  EXPECT_EQ(parsed->value, "c=d");
  const Result<Assignment> empty = ParseAssignment("a.b=", "a.b=1");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->value, "");
  const Result<Assignment> bad = ParseAssignment("noequals", "covert.pool_size=8000");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(),
            "--set 'noequals': expected KEY=VALUE, e.g. covert.pool_size=8000");
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace spraytrace
