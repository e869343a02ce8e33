#include "interdict/issue.h"

#include "absl/strings/str_cat.h"

namespace interdict {

std::string FormatIssue(const Issue& issue) {
  std::string out = issue.position.file;
  if (issue.position.line > 0) {
    absl::StrAppend(&out, ":", issue.position.line, ":", issue.position.column);
  }
  absl::StrAppend(&out, ": ", issue.severity == Severity::kError ? "error" : "warning", ": ");
  if (!issue.position.json_pointer.empty()) absl::StrAppend(&out, issue.position.json_pointer, ": ");
  absl::StrAppend(&out, issue.message);
  if (!issue.code.empty()) absl::StrAppend(&out, " [", issue.code, "]");
  out.push_back('\n');
  if (!issue.source_line.empty() && issue.position.column > 0) {
    absl::StrAppend(&out, "   | ", issue.source_line, "\n   | ");
    // Reproduce tabs so the caret lines up; count columns in code points.
    int column = 1;
    for (size_t i = 0; i < issue.source_line.size() && column < issue.position.column; ++i) {
      unsigned char c = static_cast<unsigned char>(issue.source_line[i]);
      if ((c & 0xC0) == 0x80) continue;
      out.push_back(c == '\t' ? '\t' : ' ');
      ++column;
    }
    out += "^\n";
  }
  return out;
}

std::string FormatIssues(absl::Span<const Issue> issues) {
  std::string out;
  for (const Issue& issue : issues) out += FormatIssue(issue);
  return out;
}

}  // namespace interdict
