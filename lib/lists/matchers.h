// Compiled matchers for the operand sets of tests: built once at compile
// time, immutable and safe for concurrent lookups afterwards. None of the
// lookups allocates.
#ifndef INTERDICT_LIB_LISTS_MATCHERS_H_
#define INTERDICT_LIB_LISTS_MATCHERS_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace re2 {
class RE2;
}  // namespace re2
#include "re2/set.h"

namespace interdict::internal {

// A set of small integers (country or region numbers) as a bitmap.
class CodeSet {
 public:
  CodeSet() = default;
  CodeSet(const std::vector<int>& codes, int universe);
  bool Contains(int64_t code) const {
    return code >= 0 && static_cast<size_t>(code >> 6) < bits_.size() &&
           ((bits_[code >> 6] >> (code & 63)) & 1) != 0;
  }
  std::vector<int> Codes() const;

 private:
  std::vector<uint64_t> bits_;
};

// Exact strings.
class StringSet {
 public:
  explicit StringSet(const std::vector<std::string>& strings);
  bool Contains(absl::string_view s) const { return set_.contains(s); }

 private:
  absl::flat_hash_set<std::string> set_;
};

// Party names keyed by normalised name; remembers which entry and which of
// its names (0 = primary, k = alias k) each key came from.
class NameSet {
 public:
  struct Hit {
    uint32_t entry = 0;
    uint32_t name = 0;  // 0: primary name; k > 0: alias k - 1
  };
  // `names[i]` are entry i's primary name followed by its aliases. The first
  // entry to claim a key keeps it.
  explicit NameSet(const std::vector<std::vector<std::string>>& names);
  const Hit* Find(absl::string_view key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : &it->second;
  }
  size_t key_count() const { return by_key_.size(); }
  // Every key (normalised name), in no particular order.
  std::vector<std::string> Keys() const;

 private:
  absl::flat_hash_map<std::string, Hit> by_key_;
};

// Numbers, sorted.
class NumberSet {
 public:
  explicit NumberSet(std::vector<double> numbers);
  bool Contains(double d) const;

 private:
  std::vector<double> sorted_;
};

// One or more RE2 patterns; a text matches if any pattern matches anywhere
// in it (unanchored, as RE2::PartialMatch).
class PatternSet {
 public:
  static absl::StatusOr<std::unique_ptr<PatternSet>> Build(const std::vector<std::string>& patterns,
                                                           int max_program_size);
  ~PatternSet();
  bool Matches(absl::string_view text) const;

 private:
  PatternSet() = default;
  std::unique_ptr<re2::RE2> single_;   // one pattern
  std::unique_ptr<re2::RE2::Set> set_;  // several: one pass over the text
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_LISTS_MATCHERS_H_
