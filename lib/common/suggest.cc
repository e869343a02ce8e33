#include "lib/common/suggest.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace interdict::internal {

int EditDistance(absl::string_view a, absl::string_view b, int cap) {
  if (a.size() > b.size()) std::swap(a, b);
  if (static_cast<int>(b.size() - a.size()) > cap) return cap + 1;
  std::vector<int> row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) row[i] = static_cast<int>(i);
  for (size_t j = 1; j <= b.size(); ++j) {
    int diag = row[0];
    row[0] = static_cast<int>(j);
    int best = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      int up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[i]);
    }
    if (best > cap) return cap + 1;
  }
  return std::min(row[a.size()], cap + 1);
}

std::string ClosestMatch(absl::string_view word, const std::vector<std::string>& candidates) {
  int limit = std::min<int>(2, static_cast<int>(word.size() - 1) / 2 + 1);
  std::string best;
  int best_distance = limit + 1;
  for (const std::string& c : candidates) {
    int d = EditDistance(word, c, limit);
    if (d < best_distance) {
      best_distance = d;
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
