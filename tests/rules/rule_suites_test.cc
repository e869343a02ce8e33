// Registers every case of every shipped policy test file (rules/**/*.test.json)
// as one GoogleTest, with the public helper of include/interdict/testing.h
// (as cel-cpp's conformance suite does). `interdict test rules/` runs the
// same cases from the command line.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "interdict/testing.h"

namespace interdict {
namespace {

const int kSuites = testing::RegisterPolicyTests({std::string(INTERDICT_SOURCE_DIR) + "/rules"});

TEST(RuleSuites, EveryShippedPolicyHasATestFile) {
  EXPECT_GE(kSuites, 5);
  for (const auto& entry : std::filesystem::directory_iterator(std::string(INTERDICT_SOURCE_DIR) + "/rules/us")) {
    std::string path = entry.path().string();
    if (path.size() < 10 || path.substr(path.size() - 10) == ".test.json" ||
        entry.path().extension() != ".json") {
      continue;
    }
    std::string test = path.substr(0, path.size() - 5) + ".test.json";
    EXPECT_TRUE(std::filesystem::exists(test)) << path << " has no " << test;
  }
}

}  // namespace
}  // namespace interdict
