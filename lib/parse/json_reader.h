// JsonReader: JSON text (comments allowed) to a tree that keeps, for every
// value and every object key, the byte offset where it starts.
//
// nlohmann/json has no per-value positions, so we drive its SAX parser with a
// counting input iterator: at each event the cursor is just past the token.
// The start of a token is found by skipping trivia (spaces, ',', ':' and
// comments) forward from the end of the previous one.
#ifndef INTERDICT_LIB_PARSE_JSON_READER_H_
#define INTERDICT_LIB_PARSE_JSON_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/common/diagnostics.h"

namespace interdict::internal {

struct JsonMember;

struct JsonNode {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;
  bool is_integer = false;  // written without fraction or exponent, fits int64
  int64_t integer = 0;
  double number = 0;
  std::string string;
  uint32_t offset = 0;               // byte offset of the first character
  std::vector<JsonNode> items;       // kArray
  std::vector<JsonMember> members;   // kObject, in source order, keys unique

  // The member named `key`, or null.
  const JsonNode* Find(const std::string& key) const;
};

struct JsonMember {
  std::string key;
  uint32_t key_offset = 0;
  JsonNode value;
};

// "object", "array", "string", ...
const char* JsonKindName(JsonNode::Kind kind);

struct JsonReadOptions {
  int max_depth = 64;  // nesting of arrays and objects
};

// Parses the whole of `diag.source()`. On failure reports issues (syntax
// errors with what was expected, duplicate keys, nesting too deep) and
// returns nullopt.
std::optional<JsonNode> ReadJson(Diagnostics& diag, const JsonReadOptions& options = {});

// Compact JSON text of a value, for traces and messages; longer text is cut
// at `max_chars` (on a character boundary) and ends in "...".
std::string JsonNodeText(const JsonNode& node, size_t max_chars = 80);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_PARSE_JSON_READER_H_
