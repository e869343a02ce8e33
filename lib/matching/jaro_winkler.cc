#include "lib/matching/jaro_winkler.h"

#include <algorithm>
#include <vector>

namespace interdict::internal {
namespace {

// Flags for strings up to 64 bytes live on the stack; longer ones (rare:
// names are tokenised first) use the heap.
class Flags {
 public:
  explicit Flags(size_t n) : heap_(n > kInline ? n : 0, 0) {
    data_ = n > kInline ? heap_.data() : inline_;
    std::fill(data_, data_ + std::min(n, kInline), 0);
  }
  unsigned char& operator[](size_t i) { return data_[i]; }

 private:
  static constexpr size_t kInline = 64;
  unsigned char inline_[kInline];
  std::vector<unsigned char> heap_;
  unsigned char* data_;
};

}  // namespace

double Jaro(absl::string_view a, absl::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  Flags used_a(a.size()), used_b(b.size());
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (!used_b[j] && a[i] == b[j]) {
        used_a[i] = used_b[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!used_a[i]) continue;
    while (!used_b[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  return (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
}

double JaroWinkler(absl::string_view a, absl::string_view b) {
  const double jaro = Jaro(a, b);
  if (jaro <= 0.7) return jaro;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + 0.1 * static_cast<double>(prefix) * (1.0 - jaro);
}

int LongestCommonSubsequence(absl::string_view a, absl::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);  // b is the shorter: one row of |b| + 1
  constexpr size_t kInline = 65;
  int inline_row[kInline];
  std::vector<int> heap;
  int* row = inline_row;
  if (b.size() + 1 > kInline) {
    heap.resize(b.size() + 1);
    row = heap.data();
  }
  std::fill(row, row + b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = 0;  // row[j - 1] of the previous row
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : std::max(above, row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace interdict::internal
