// Diagnostics: collects positioned issues for one source file.
#ifndef INTERDICT_LIB_COMMON_DIAGNOSTICS_H_
#define INTERDICT_LIB_COMMON_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "interdict/issue.h"
#include "lib/common/source.h"

namespace interdict::internal {

// Appends issues to a caller-owned vector, resolving byte offsets against a
// Source. Thread-compatible.
class Diagnostics {
 public:
  // Issues past this many per file are counted but not kept, so a file of
  // garbage cannot produce megabytes of output.
  static constexpr int kMaxIssuesPerSource = 100;

  Diagnostics(const Source& source, std::vector<Issue>* out) : source_(source), out_(out) {}

  void Error(size_t offset, absl::string_view pointer, absl::string_view code,
             std::string message);
  void Warning(size_t offset, absl::string_view pointer, absl::string_view code,
               std::string message);

  int error_count() const { return errors_; }
  const Source& source() const { return source_; }

 private:
  void Add(Severity severity, size_t offset, absl::string_view pointer, absl::string_view code,
           std::string message);

  const Source& source_;
  std::vector<Issue>* out_;
  int errors_ = 0;
  int kept_ = 0;
};

// Appends one reference token to a JSON pointer, escaping '~' and '/'.
std::string PointerAppend(absl::string_view pointer, absl::string_view token);
std::string PointerAppend(absl::string_view pointer, size_t index);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_DIAGNOSTICS_H_
