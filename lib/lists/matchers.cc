#include "lib/lists/matchers.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace interdict::internal {

CodeSet::CodeSet(const std::vector<int>& codes, int universe)
    : bits_((static_cast<size_t>(universe) + 63) / 64, 0) {
  for (int c : codes) {
    if (c >= 0 && c < universe) bits_[c >> 6] |= uint64_t{1} << (c & 63);
  }
}

std::vector<int> CodeSet::Codes() const {
  std::vector<int> out;
  for (size_t w = 0; w < bits_.size(); ++w) {
    for (int b = 0; b < 64; ++b) {
      if ((bits_[w] >> b) & 1) out.push_back(static_cast<int>(w * 64 + b));
    }
  }
  return out;
}

StringSet::StringSet(const std::vector<std::string>& strings)
    : set_(strings.begin(), strings.end()) {}

NameSet::NameSet(const std::vector<std::vector<std::string>>& names) {
  for (size_t e = 0; e < names.size(); ++e) {
    for (size_t n = 0; n < names[e].size(); ++n) {
      by_key_.try_emplace(names[e][n], Hit{static_cast<uint32_t>(e), static_cast<uint32_t>(n)});
    }
  }
}

std::vector<std::string> NameSet::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, hit] : by_key_) keys.push_back(key);
  return keys;
}

NumberSet::NumberSet(std::vector<double> numbers) : sorted_(std::move(numbers)) {
  std::sort(sorted_.begin(), sorted_.end());
}

bool NumberSet::Contains(double d) const {
  return std::binary_search(sorted_.begin(), sorted_.end(), d);
}

absl::StatusOr<std::unique_ptr<PatternSet>> PatternSet::Build(
    const std::vector<std::string>& patterns, int max_program_size) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_never_capture(true);
  std::unique_ptr<PatternSet> ps(new PatternSet());
  if (patterns.size() == 1) {
    ps->single_ = std::make_unique<RE2>(patterns[0], opts);
    if (!ps->single_->ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid pattern \"", patterns[0], "\": ", ps->single_->error()));
    }
    if (ps->single_->ProgramSize() > max_program_size) {
      return absl::ResourceExhaustedError(absl::StrCat("pattern \"", patterns[0], "\" too complex"));
    }
    return ps;
  }
  ps->set_ = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  for (const std::string& p : patterns) {
    std::string error;
    if (ps->set_->Add(p, &error) < 0) {
      return absl::InvalidArgumentError(absl::StrCat("invalid pattern \"", p, "\": ", error));
    }
  }
  if (!ps->set_->Compile()) {
    return absl::ResourceExhaustedError("patterns too complex to compile into one set");
  }
  return ps;
}

PatternSet::~PatternSet() = default;

bool PatternSet::Matches(absl::string_view text) const {
  re2::StringPiece sp(text.data(), text.size());
  if (single_ != nullptr) return RE2::PartialMatch(sp, *single_);
  return set_->Match(sp, nullptr);
}

}  // namespace interdict::internal
