#include "lib/common/suggest.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace interdict::internal {

// Optimal string alignment distance: Levenshtein plus adjacent
// transpositions ("whne" -> "when" is 1), since transposed letters are the
// commonest typo.
int EditDistance(absl::string_view a, absl::string_view b, int cap) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > static_cast<size_t>(cap)) return cap + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), row(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    int best = row[0];
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], prev2[j - 2] + 1);
      }
      best = std::min(best, row[j]);
    }
    if (best > cap) return cap + 1;
    prev2.swap(prev);
    prev.swap(row);
  }
  return std::min(prev[m], cap + 1);
}

namespace {

size_t CommonPrefix(absl::string_view a, absl::string_view b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

std::string ClosestMatch(absl::string_view word, const std::vector<std::string>& candidates) {
  // Short words allow one edit, longer ones two.
  const int limit = word.size() <= 4 ? 1 : 2;
  std::string best;
  int best_score = limit + 1;
  for (const std::string& c : candidates) {
    int d = EditDistance(word, c, limit);
    // A long shared stem also counts ("countries" for "country").
    size_t prefix = CommonPrefix(word, c);
    if (d > limit && prefix >= 5 && prefix * 10 >= std::min(word.size(), c.size()) * 8) d = limit;
    if (d < best_score) {
      best_score = d;
      best = c;
    }
  }
  return best;
}

std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates) {
  std::string best = ClosestMatch(word, candidates);
  if (best.empty()) return "";
  return absl::StrCat("; did you mean \"", best, "\"?");
}

}  // namespace interdict::internal
