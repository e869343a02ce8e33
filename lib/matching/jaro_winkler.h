// String similarity for name screening.
//
// Jaro and Jaro-Winkler as published (Winkler 1990): matching window
// floor(max(|a|, |b|) / 2) - 1, prefix bonus p = 0.1 over at most 4
// characters, applied only when the Jaro similarity is above 0.7 (Winkler's
// boost threshold). Bytes are compared, so callers pass normalised ASCII
// tokens. Neither function allocates for strings up to 64 bytes.
#ifndef INTERDICT_LIB_MATCHING_JARO_WINKLER_H_
#define INTERDICT_LIB_MATCHING_JARO_WINKLER_H_

#include "absl/strings/string_view.h"

namespace interdict::internal {

double Jaro(absl::string_view a, absl::string_view b);
double JaroWinkler(absl::string_view a, absl::string_view b);

// Length of the longest common subsequence of `a` and `b`: two tokens are
// within d deletions of a common string exactly when
// Lcs(a, b) >= max(|a|, |b|) - d. Allocation-free up to 64 bytes.
int LongestCommonSubsequence(absl::string_view a, absl::string_view b);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_MATCHING_JARO_WINKLER_H_
