// Parameters: every key is settable, and mistakes are errors naming the key and the value.
#include "simulate/simulation_config.h"

#include <gtest/gtest.h>

namespace spraytrace::simulate {
namespace {

TEST(SimulationConfig, DefaultsAreValid) {
  SimulationConfig config;
  EXPECT_TRUE(config.Validate().ok()) << config.Validate().message();
  for (const std::string& preset : PresetNames()) {
    EXPECT_TRUE(ApplyPreset(preset, &config).ok()) << preset;
    EXPECT_TRUE(config.Validate().ok()) << preset;
  }
}

TEST(SimulationConfig, SetsIntegerAndNumberKeys) {
  SimulationConfig config;
  ASSERT_TRUE(ApplySimulationSetting("covert.pool_size=12000", &config).ok());
  ASSERT_TRUE(ApplySimulationSetting("covert.rate=0.5", &config).ok());
  ASSERT_TRUE(ApplySimulationSetting("days=3", &config).ok());
  EXPECT_EQ(config.covert.pool_size, 12000);
  EXPECT_DOUBLE_EQ(config.covert.rate, 0.5);
  EXPECT_EQ(config.days, 3);
  EXPECT_NE(RenderSimulationConfig(config).find("covert.pool_size = 12000\n"), std::string::npos);
}

TEST(SimulationConfig, EveryKeyIsRenderedAndSettable) {
  SimulationConfig config;
  const std::string rendered = RenderSimulationConfig(config);
  for (const std::string& key : KnownSimulationKeys()) {
    const size_t at = rendered.find(key + " = ");
    ASSERT_NE(at, std::string::npos) << key;
    const size_t end = rendered.find('\n', at);
    const std::string value = rendered.substr(at + key.size() + 3, end - at - key.size() - 3);
    EXPECT_TRUE(ApplySimulationSetting(key + "=" + value, &config).ok()) << key << "=" << value;
  }
}

TEST(SimulationConfig, UnknownKeyIsNamed) {
  SimulationConfig config;
  const Status s = ApplySimulationSetting("covert.poolsize=8000", &config);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("unknown setting 'covert.poolsize'"), std::string::npos);
  EXPECT_NE(s.message().find("covert.pool_size"), std::string::npos);  // the known keys
}

TEST(SimulationConfig, BadValueNamesKeyAndValue) {
  SimulationConfig config;
  Status s = ApplySimulationSetting("covert.pool_size=lots", &config);
  EXPECT_EQ(s.message(), "invalid covert.pool_size 'lots': must be an integer");
  s = ApplySimulationSetting("covert.active_share=1.5", &config);
  EXPECT_EQ(s.message(), "invalid covert.active_share '1.5': must be between 0.001 and 1");
  s = ApplySimulationSetting("spray.passwords=3", &config);
  EXPECT_EQ(s.message(), "invalid spray.passwords '3': must be between 1 and 2");
  s = ApplySimulationSetting("covert.rate=", &config);
  EXPECT_EQ(s.message(), "invalid covert.rate '': must be a number");
  s = ApplySimulationSetting("covert.rate", &config);
  EXPECT_NE(s.message().find("expected KEY=VALUE"), std::string::npos);
}

TEST(SimulationConfig, ValidateNamesKeyAndValue) {
  SimulationConfig config;
  config.benign.users = 0;
  EXPECT_EQ(config.Validate().message(),
            "invalid benign.users '0': must be between 1 and 10000000");
  config = SimulationConfig();
  config.benign.work_start_hour = 18;
  config.benign.work_end_hour = 9;
  EXPECT_NE(config.Validate().message().find("benign.work_end_hour '9'"), std::string::npos);
}

TEST(SimulationConfig, PresetsAndFormats) {
  SimulationConfig config;
  ASSERT_TRUE(ApplyPreset("mixed", &config).ok());
  EXPECT_EQ(config.brute_force.count, 2);
  EXPECT_EQ(config.spray.count, 1);
  EXPECT_EQ(config.covert.count, 1);
  EXPECT_EQ(config.noise.count, 1);
  ASSERT_TRUE(ApplyPreset("covert-network", &config).ok());
  EXPECT_EQ(config.brute_force.count, 0);
  EXPECT_EQ(config.covert.count, 1);
  EXPECT_NE(ApplyPreset("loud", &config).message().find("unknown preset 'loud'"),
            std::string::npos);
  LogFormat format;
  EXPECT_TRUE(ParseLogFormat("sshd-journal", &format));
  EXPECT_EQ(format, LogFormat::kSshdJournal);
  EXPECT_FALSE(ParseLogFormat("json", &format));
}

}  // namespace
}  // namespace spraytrace::simulate
