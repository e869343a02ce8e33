// Matchers for absl::Status and absl::StatusOr in tests.
#ifndef INTERDICT_TESTS_TESTING_STATUS_MATCHERS_H_
#define INTERDICT_TESTS_TESTING_STATUS_MATCHERS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << "status: " << s;
  return s.ok();
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status: " << s;
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

#define INTERDICT_ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  INTERDICT_ASSERT_OK_AND_ASSIGN_IMPL_(INTERDICT_TEST_CONCAT_(_statusor, __LINE__), lhs, rexpr)
#define INTERDICT_TEST_CONCAT_INNER_(a, b) a##b
#define INTERDICT_TEST_CONCAT_(a, b) INTERDICT_TEST_CONCAT_INNER_(a, b)
#define INTERDICT_ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                       \
  ASSERT_TRUE(statusor.ok()) << statusor.status();               \
  lhs = *std::move(statusor)

#define ASSERT_OK_AND_ASSIGN INTERDICT_ASSERT_OK_AND_ASSIGN

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_TESTING_STATUS_MATCHERS_H_
