// Source: a named text with a line index, used to turn byte offsets into
// 1-based line and column numbers for issues.
#ifndef INTERDICT_LIB_COMMON_SOURCE_H_
#define INTERDICT_LIB_COMMON_SOURCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace interdict::internal {

struct LineColumn {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in Unicode code points (UTF-8 continuation bytes
                   // do not count), so a caret lines up under the character.
};

// Immutable after construction. Thread-compatible.
class Source {
 public:
  Source(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // Position of byte `offset`; an offset past the end maps to the end.
  LineColumn Locate(size_t offset) const;
  // The text of 1-based `line`, without its line terminator.
  absl::string_view Line(int line) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset of each line's start
  // Code-point column (0-based) at every kStride-th byte, so that columns on
  // very long (minified) lines cost O(kStride), not O(line length).
  static constexpr size_t kStride = 256;
  std::vector<uint32_t> stride_columns_;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_SOURCE_H_
