// "Did you mean" suggestions for misspelt keys, fields and names.
#ifndef INTERDICT_LIB_COMMON_SUGGEST_H_
#define INTERDICT_LIB_COMMON_SUGGEST_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace interdict::internal {

// Levenshtein distance, capped: returns at most `cap` + 1.
int EditDistance(absl::string_view a, absl::string_view b, int cap);

// The candidate closest to `word` if it is close enough to be a likely typo
// (distance at most 2, and less than half the word), else "".
std::string ClosestMatch(absl::string_view word, const std::vector<std::string>& candidates);

// `; did you mean "x"?` or "".
std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_SUGGEST_H_
