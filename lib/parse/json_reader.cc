#include "lib/parse/json_reader.h"

#include <algorithm>
#include <iterator>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace interdict::internal {
namespace {

// An input iterator over the text that publishes its position to `cursor`.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, const char** cursor) : p_(p), cursor_(cursor) {}
  const char& operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    *cursor_ = p_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const CountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char** cursor_;
};

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(Diagnostics& diag, const JsonReadOptions& options, const char* base)
      : diag_(diag), options_(options), text_(diag.source().text()), base_(base), cursor_(base) {}

  const char** cursor() { return &cursor_; }
  std::optional<JsonNode> Take() {
    if (failed_ || !have_root_) return std::nullopt;
    return std::move(root_);
  }

  bool null() override { return Scalar(JsonNode{}); }
  bool boolean(bool val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::kBool;
    n.boolean = val;
    return Scalar(std::move(n));
  }
  bool number_integer(number_integer_t val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::kNumber;
    n.is_integer = true;
    n.integer = val;
    n.number = static_cast<double>(val);
    return Number(std::move(n));
  }
  bool number_unsigned(number_unsigned_t val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::kNumber;
    if (val <= static_cast<uint64_t>(INT64_MAX)) {
      n.is_integer = true;
      n.integer = static_cast<int64_t>(val);
    }
    n.number = static_cast<double>(val);
    return Number(std::move(n));
  }
  bool number_float(number_float_t val, const string_t&) override {
    JsonNode n;
    n.kind = JsonNode::Kind::kNumber;
    n.number = val;
    return Number(std::move(n));
  }
  bool string(string_t& val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::kString;
    n.string = std::move(val);
    return Scalar(std::move(n));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return Open(JsonNode::Kind::kObject); }
  bool key(string_t& val) override {
    size_t start = TokenStart();
    prev_end_ = Cursor();
    keys_.push_back(JsonMember{std::move(val), static_cast<uint32_t>(start), {}});
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(JsonNode::Kind::kArray); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    size_t colon = what.find(": ");
    std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
    // nlohmann reports the position of the last character read. For a bad
    // string that is where the lexer gave up; point at its opening quote.
    size_t offset = position > 0 ? position - 1 : 0;
    position = std::min(position, text_.size());  // end of input counts as a character
    if (message.find("invalid string") != std::string::npos && !last_token.empty() &&
        last_token[0] == '"' && last_token.find("<U+") == std::string::npos &&
        last_token.size() <= position) {
      offset = position - last_token.size();
    }
    diag_.Error(offset, "", "json-syntax", message);
    failed_ = true;
    return false;
  }

 private:
  size_t Cursor() const { return static_cast<size_t>(cursor_ - base_); }

  // Skips spaces, separators and comments from the end of the previous token.
  size_t TokenStart() const {
    size_t i = prev_end_;
    const size_t n = text_.size();
    while (i < n) {
      char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ':') {
        ++i;
      } else if (c == '/' && i + 1 < n && text_[i + 1] == '/') {
        while (i < n && text_[i] != '\n') ++i;
      } else if (c == '/' && i + 1 < n && text_[i + 1] == '*') {
        size_t close = text_.find("*/", i + 2);
        i = close == std::string::npos ? n : close + 2;
      } else {
        break;
      }
    }
    return i;
  }

  bool Number(JsonNode n) {
    // The lexer reads one character past a number, so the cursor cannot
    // tell where it ended: scan the number's characters instead.
    size_t start = TokenStart();
    size_t end = start;
    while (end < text_.size() && std::strchr("0123456789+-.eE", text_[end]) != nullptr &&
           text_[end] != '\0') {
      ++end;
    }
    n.offset = static_cast<uint32_t>(start);
    prev_end_ = end;
    return Attach(std::move(n));
  }

  bool Scalar(JsonNode n) {
    n.offset = static_cast<uint32_t>(TokenStart());
    prev_end_ = Cursor();
    return Attach(std::move(n));
  }

  bool Open(JsonNode::Kind kind) {
    JsonNode n;
    n.kind = kind;
    n.offset = static_cast<uint32_t>(TokenStart());
    prev_end_ = Cursor();
    if (static_cast<int>(stack_.size()) >= options_.max_depth) {
      diag_.Error(n.offset, "", "too-deep",
                  absl::StrCat("JSON nested deeper than ", options_.max_depth, " levels"));
      failed_ = true;
      return false;
    }
    stack_.push_back(std::move(n));
    return true;
  }

  bool Close() {
    prev_end_ = Cursor();
    JsonNode n = std::move(stack_.back());
    stack_.pop_back();
    if (n.kind == JsonNode::Kind::kObject && !CheckDuplicateKeys(n)) return false;
    return Attach(std::move(n));
  }

  bool CheckDuplicateKeys(const JsonNode& n) {
    std::vector<size_t> order(n.members.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return n.members[a].key < n.members[b].key;
    });
    bool ok = true;
    for (size_t i = 1; i < order.size(); ++i) {
      const JsonMember& prev = n.members[order[i - 1]];
      const JsonMember& cur = n.members[order[i]];
      if (prev.key == cur.key) {
        diag_.Error(cur.key_offset, "", "duplicate-key",
                    absl::StrCat("duplicate key \"", cur.key, "\" (first at line ",
                                 diag_.source().Locate(prev.key_offset).line,
                                 "); a later key would silently replace the earlier one"));
        ok = false;
      }
    }
    if (!ok) failed_ = true;
    return ok;
  }

  bool Attach(JsonNode n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      have_root_ = true;
      return true;
    }
    JsonNode& parent = stack_.back();
    if (parent.kind == JsonNode::Kind::kArray) {
      parent.items.push_back(std::move(n));
    } else {
      JsonMember m = std::move(keys_.back());
      keys_.pop_back();
      m.value = std::move(n);
      parent.members.push_back(std::move(m));
    }
    return true;
  }

  Diagnostics& diag_;
  const JsonReadOptions& options_;
  const std::string& text_;
  const char* base_;
  const char* cursor_;
  size_t prev_end_ = 0;
  std::vector<JsonNode> stack_;
  std::vector<JsonMember> keys_;  // keys awaiting their values
  JsonNode root_;
  bool have_root_ = false;
  bool failed_ = false;
};

}  // namespace

const JsonNode* JsonNode::Find(const std::string& key) const {
  for (const JsonMember& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

const char* JsonKindName(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::Kind::kNull: return "null";
    case JsonNode::Kind::kBool: return "boolean";
    case JsonNode::Kind::kNumber: return "number";
    case JsonNode::Kind::kString: return "string";
    case JsonNode::Kind::kArray: return "array";
    case JsonNode::Kind::kObject: return "object";
  }
  return "?";
}

std::optional<JsonNode> ReadJson(Diagnostics& diag, const JsonReadOptions& options) {
  const std::string& text = diag.source().text();
  TreeBuilder builder(diag, options, text.data());
  CountingIterator first(text.data(), builder.cursor());
  CountingIterator last(text.data() + text.size(), builder.cursor());
  int errors_before = diag.error_count();
  bool ok = nlohmann::json::sax_parse(first, last, &builder, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/true);
  std::optional<JsonNode> root = builder.Take();
  if (!ok || !root.has_value()) {
    if (diag.error_count() == errors_before) diag.Error(0, "", "json-syntax", "not a JSON document");
    return std::nullopt;
  }
  return root;
}

}  // namespace interdict::internal

namespace interdict::internal {
namespace {
void AppendText(const JsonNode& n, std::string* out) {
  switch (n.kind) {
    case JsonNode::Kind::kNull: *out += "null"; break;
    case JsonNode::Kind::kBool: *out += n.boolean ? "true" : "false"; break;
    case JsonNode::Kind::kNumber:
      *out += n.is_integer ? std::to_string(n.integer) : nlohmann::json(n.number).dump();
      break;
    case JsonNode::Kind::kString: *out += nlohmann::json(n.string).dump(); break;
    case JsonNode::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendText(n.items[i], out);
      }
      out->push_back(']');
      break;
    case JsonNode::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < n.members.size(); ++i) {
        if (i > 0) out->push_back(',');
        *out += nlohmann::json(n.members[i].key).dump();
        out->push_back(':');
        AppendText(n.members[i].value, out);
      }
      out->push_back('}');
      break;
  }
}
}  // namespace

std::string JsonNodeText(const JsonNode& node, size_t max_chars) {
  std::string out;
  AppendText(node, &out);
  if (out.size() > max_chars) {
    size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "...";
  }
  return out;
}
}  // namespace interdict::internal
