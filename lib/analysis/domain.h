// Domain: the value classes of every transaction field that a policy (or
// two versions of one) reads. Two values are in one class when every test
// of every rule treats them alike: for set tests, the same membership in
// every set; for ordered tests, the same position among the literals (each
// literal, the gaps between them, before the first and after the last, the
// instants on either side of every boundary). Plus "missing", "invalid"
// where the type can be invalid, and "other" (a valid value no rule names).
// One representative per class stands for all of it.
//
// Exact for every operator except `matches` (RE2 patterns can tell values
// apart that no literal names: the analysis then uses the literals it has
// and says so), and for list fields, which are analysed with at most one
// element.
#ifndef INTERDICT_LIB_ANALYSIS_DOMAIN_H_
#define INTERDICT_LIB_ANALYSIS_DOMAIN_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/check/checked.h"
#include "nlohmann/json.hpp"

namespace interdict::internal {

struct ValueClass {
  enum class Kind { kValue, kOther, kMissing, kInvalid };
  Kind kind = Kind::kValue;
  std::string label;     // "US, PR", "other country", "missing", "(2024-07-20, 2024-09-29)"
  nlohmann::json value;  // the representative, as it goes in a transaction (null: missing)
  // Ordered types: the interval the class covers, for merging labels.
  bool ordered = false;
  std::string low, high;  // text of the bounds ("" = unbounded)
  bool low_closed = false, high_closed = false;
};

struct FieldDomain {
  std::string path;  // "buyer.country"
  FieldType type = FieldType::kString;
  bool is_list = false;
  std::vector<ValueClass> classes;
  bool approximate = false;  // tested with `matches`
};

class Domain {
 public:
  // The fields the rules of `sets` test (plus `time` when a rule has a
  // window), not `action`: analyses fix the action. InvalidArgument if the
  // two versions give an attribute different types.
  static absl::StatusOr<Domain> Build(const std::vector<const CheckedRuleSet*>& sets);

  const std::vector<FieldDomain>& fields() const { return fields_; }
  // The variable of `path`, or -1.
  int Find(const std::string& path) const;
  // Paths tested with `matches`, for which the analysis is not exact.
  std::vector<std::string> ApproximatePaths() const;

 private:
  std::vector<FieldDomain> fields_;
};

// Sets `value` at `path` ("buyer.country") in a transaction document.
void SetPath(nlohmann::json* doc, const std::string& path, const nlohmann::json& value);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_ANALYSIS_DOMAIN_H_
