// Decisions: the verdict on one transaction and every rule that matched.
#ifndef INTERDICT_INCLUDE_INTERDICT_DECISION_H_
#define INTERDICT_INCLUDE_INTERDICT_DECISION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "interdict/export.h"
#include "interdict/issue.h"

namespace interdict {

// Ordered: kDeny > kReview > kAllow. The verdict of a transaction is the
// greatest effect among its matches, kAllow when nothing matched.
enum class Verdict : uint8_t { kAllow = 0, kReview = 1, kDeny = 2 };

// "allow", "review", "deny".
INTERDICT_EXPORT const char* VerdictName(Verdict verdict);

// A rule of a compiled RuleSet. Lives as long as the RuleSet.
struct RuleInfo {
  std::string id;              // "<policy id>/<rule id>", e.g. "kaspersky-2024/updates"
  std::string policy_id;
  std::string policy_version;
  Verdict effect = Verdict::kDeny;  // what the rule does when it holds: kDeny or kReview
  std::string reason;          // customer-facing reason, as written in the policy
  std::string citation;        // the source it cites, e.g. "89 FR 52434, §1.5"
  std::string url;             // the source's URL, if given
  SourcePosition position;     // where the rule is defined
};

// The three values of a condition under missing data.
enum class Truth : uint8_t { kFalse = 0, kTrue = 1, kUnknown = 2 };
INTERDICT_EXPORT const char* TruthName(Truth truth);

// A field a rule needed but could not read, or a name that came near a
// screening list without matching it exactly.
struct UnknownField {
  std::string path;   // "buyer.country"
  bool invalid;       // false: missing; true: present but not a valid value
  std::string value;  // the invalid text, if invalid
  bool near_match = false;  // a valid name that `screen` found near a listed party
};

// A listed party that a screened name matched.
struct ScreeningMatch {
  std::string entry;          // the list's id for the party (OFAC's ent_num, ...)
  std::string name;           // the party's primary name
  std::string matched_alias;  // the alias that matched; empty if the primary name did
  double score = 0;           // 1 for an exact match
  bool exact = false;         // exact after normalisation (deny); else near (review)
  std::string type;           // "individual", "entity", ... when the list says
  std::vector<std::string> programs;
};

// What a `screen` test of a matched rule found for one name.
struct Screening {
  std::string field;       // "buyer.name"
  std::string list;        // "@sdn"
  std::string query;       // the name as the transaction gave it
  std::string normalized;  // its normalised form
  std::vector<ScreeningMatch> matches;  // best first; at most 5
};

// One matched rule. `effect` is the rule's own effect when its condition
// held, and kReview when the condition could not be decided because of
// missing or invalid data (`undecided`).
struct Match {
  const RuleInfo* rule = nullptr;
  Verdict effect = Verdict::kDeny;
  bool undecided = false;
  // For undecided matches: schema slots of the fields that made the rule
  // unknown. Resolve with Decision::unknown_fields().
  absl::Span<const uint16_t> unknown_slots;
};

}  // namespace interdict

#endif  // INTERDICT_INCLUDE_INTERDICT_DECISION_H_
