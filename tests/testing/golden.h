// Golden files: compare text with tests/testdata/<path>; on a mismatch print
// the actual text. INTERDICT_UPDATE_GOLDEN=1 rewrites the files instead.
#ifndef INTERDICT_TESTS_TESTING_GOLDEN_H_
#define INTERDICT_TESTS_TESTING_GOLDEN_H_

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace interdict::testing {

inline std::string TestDataPath(const std::string& relative) {
  return std::string(INTERDICT_SOURCE_DIR) + "/tests/testdata/" + relative;
}

inline std::string ReadTestData(const std::string& relative) {
  std::ifstream in(TestDataPath(relative), std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void ExpectGolden(const std::string& relative, const std::string& actual) {
  const std::string path = TestDataPath(relative);
  const char* update = std::getenv("INTERDICT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::string expected = ReadTestData(relative);
  EXPECT_EQ(expected, actual) << "golden file " << path
                              << " differs; rerun with INTERDICT_UPDATE_GOLDEN=1 to accept.\n"
                              << "actual:\n"
                              << actual;
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_TESTING_GOLDEN_H_
