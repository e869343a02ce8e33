#include "lib/common/source.h"

#include <algorithm>

namespace interdict::internal {

Source::Source(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  uint32_t column = 0;
  for (size_t i = 0; i < text_.size(); ++i) {
    if (i % kStride == 0) stride_columns_.push_back(column);
    if (text_[i] == '\n') {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
      column = 0;
    } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

LineColumn Source::Locate(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  LineColumn lc;
  lc.line = static_cast<int>(line_index) + 1;
  size_t from = line_starts_[line_index];
  int column = 1;
  size_t stride = offset / kStride * kStride;
  if (stride > from && offset / kStride < stride_columns_.size()) {
    from = stride;
    column = static_cast<int>(stride_columns_[offset / kStride]) + 1;
  }
  for (size_t i = from; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  lc.column = column;
  return lc;
}

absl::string_view Source::Line(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  size_t begin = line_starts_[line - 1];
  size_t end = static_cast<size_t>(line) < line_starts_.size()
                   ? line_starts_[line] - 1
                   : text_.size();
  absl::string_view s(text_.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace interdict::internal
