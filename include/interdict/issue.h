// Issues: mistakes found in a policy file, each with its position.
//
// Rule mistakes are not absl::Status errors: loading collects every issue it
// finds (it does not stop at the first), and each carries the file, line,
// column and JSON pointer of the offending node.
#ifndef INTERDICT_INCLUDE_INTERDICT_ISSUE_H_
#define INTERDICT_INCLUDE_INTERDICT_ISSUE_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "interdict/export.h"

namespace interdict {

enum class Severity { kError, kWarning };

struct SourcePosition {
  std::string file;          // as given to the loader
  int line = 0;              // 1-based; 0 when the issue is not tied to a place
  int column = 0;            // 1-based, in Unicode code points
  std::string json_pointer;  // RFC 6901, e.g. "/rules/3/when/buyer.country"
};

struct Issue {
  Severity severity = Severity::kError;
  std::string code;         // stable, e.g. "unknown-field"; see docs/rule-language.md
  SourcePosition position;
  std::string message;      // one sentence, says what was expected
  std::string source_line;  // the text of position.line, for the caret display
};

// One issue as the CLI prints it:
//   rules/x.json:14:9: error: /rules/3/when/sellr: no field "sellr"; did you mean "seller"? [unknown-field]
//      |         "sellr": {"in": "@banned"},
//      |         ^
// The caret lines are left out when there is no source line.
INTERDICT_EXPORT std::string FormatIssue(const Issue& issue);
// Every issue, each as FormatIssue, in order.
INTERDICT_EXPORT std::string FormatIssues(absl::Span<const Issue> issues);

}  // namespace interdict

#endif  // INTERDICT_INCLUDE_INTERDICT_ISSUE_H_
