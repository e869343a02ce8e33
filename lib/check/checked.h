// The checked form of a rule set: every field resolved to a slot, every
// literal typed and validated, every list reference resolved to a set,
// every window turned into instants. The compiler turns this into a
// Program; the reference evaluator walks it directly.
#ifndef INTERDICT_LIB_CHECK_CHECKED_H_
#define INTERDICT_LIB_CHECK_CHECKED_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interdict/decision.h"
#include "interdict/issue.h"
#include "lib/common/schema.h"
#include "lib/matching/screener.h"

namespace interdict::internal {

enum class SetKind : uint8_t {
  kCountry,  // codes: country numbers
  kRegion,   // codes: region numbers
  kString,   // strings, compared exactly
  kName,     // parties, compared by normalised name
  kPattern,  // strings are RE2 patterns; a value matches if any pattern does
  kNumber,   // numbers
  kMask,     // mask: bit per action number, party type number, or bool (bit 0 false, bit 1 true)
};

struct PartyEntry {
  std::string id;    // the list's id for the party (defaults to its name)
  std::string name;  // primary name as written
  std::vector<std::string> aliases;
  std::string type;                   // "individual", ... (from list files)
  std::vector<std::string> programs;  // sanctions programs (from list files)
};

// An operand set: a named list of a policy, or a literal set written inline.
struct CheckedSet {
  std::string label;  // "@us_places" or the inline literal, for traces and dumps
  SetKind kind = SetKind::kString;
  std::vector<int> codes;            // sorted, unique
  std::vector<std::string> strings;  // kString (sorted, unique), kPattern (as written)
  std::vector<PartyEntry> parties;   // kName
  std::vector<double> numbers;       // sorted, unique
  uint64_t mask = 0;
  // kName sets that a `screen` test uses: the compiled screener (shared by
  // the compiler, the reference evaluator and the analyses) and the
  // near-match threshold.
  std::shared_ptr<const Screener> screener;
  double threshold = 0.9;
};

enum class TestOp : uint8_t { kPresent, kIn, kMatches, kEq, kLt, kLe, kGt, kGe, kScreen };
const char* TestOpName(TestOp op);

struct CheckedTest {
  uint16_t slot = 0;
  TestOp op = TestOp::kPresent;
  bool expect_present = true;  // kPresent
  int set = -1;                // kIn, kMatches, kScreen: index into CheckedRuleSet::sets
  double number = 0;           // kEq..kGe on a number field
  int64_t integer = 0;         // kEq..kGe on a date (days) or instant (ns) field
};

struct CheckedCond {
  enum class Kind : uint8_t { kAll, kAny, kNot, kTest };
  Kind kind = Kind::kTest;
  std::vector<CheckedCond> children;
  CheckedTest test;
  std::string text;     // "buyer.country in @us_places"; for combinators "all", "any", "not"
  std::string pointer;  // JSON pointer in the policy file
  int line = 0, column = 0;
};

struct CheckedRule {
  int policy = 0;       // index into CheckedRuleSet::policies
  std::string id;       // as written
  std::string full_id;  // "<policy id>/<rule id>"
  Verdict effect = Verdict::kDeny;  // kDeny or kReview
  uint64_t actions = 0;  // bit per action number of the schema
  std::optional<int64_t> from;   // inclusive, Unix ns
  std::optional<int64_t> until;  // exclusive, Unix ns
  std::optional<CheckedCond> when;
  std::optional<CheckedCond> unless;
  std::string reason;
  std::string citation;  // the cited source's citation, with the section if any
  std::string url;
  SourcePosition position;  // of the rule object
};

struct CheckedPolicy {
  std::string id, version, title, file;
  std::string default_zone;
};

struct CheckedRuleSet {
  std::shared_ptr<Schema> schema;
  std::vector<CheckedPolicy> policies;  // sorted by id
  std::vector<CheckedRule> rules;       // by policy, then in file order
  std::vector<CheckedSet> sets;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_CHECK_CHECKED_H_
