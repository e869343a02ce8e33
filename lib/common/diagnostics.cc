#include "lib/common/diagnostics.h"

#include "absl/strings/str_cat.h"

namespace interdict::internal {

void Diagnostics::Error(size_t offset, absl::string_view pointer, absl::string_view code,
                        std::string message) {
  Add(Severity::kError, offset, pointer, code, std::move(message));
}

void Diagnostics::Warning(size_t offset, absl::string_view pointer, absl::string_view code,
                          std::string message) {
  Add(Severity::kWarning, offset, pointer, code, std::move(message));
}

void Diagnostics::Add(Severity severity, size_t offset, absl::string_view pointer,
                      absl::string_view code, std::string message) {
  if (severity == Severity::kError) ++errors_;
  if (kept_ == kMaxIssuesPerSource) {
    ++kept_;
    Issue issue;
    issue.position.file = source_.name();
    issue.code = "too-many-issues";
    issue.message = absl::StrCat("more than ", kMaxIssuesPerSource,
                                 " issues in this file; the rest are not shown");
    out_->push_back(std::move(issue));
    return;
  }
  if (kept_ > kMaxIssuesPerSource) return;
  ++kept_;
  Issue issue;
  issue.severity = severity;
  issue.code = std::string(code);
  LineColumn lc = source_.Locate(offset);
  issue.position = SourcePosition{source_.name(), lc.line, lc.column, std::string(pointer)};
  issue.message = std::move(message);
  issue.source_line = std::string(source_.Line(lc.line));
  if (issue.source_line.size() > 200) issue.source_line.clear();  // minified files
  out_->push_back(std::move(issue));
}

std::string PointerAppend(absl::string_view pointer, absl::string_view token) {
  std::string out(pointer);
  out.push_back('/');
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PointerAppend(absl::string_view pointer, size_t index) {
  return absl::StrCat(pointer, "/", index);
}

}  // namespace interdict::internal
