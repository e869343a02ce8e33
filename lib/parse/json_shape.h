// JsonShape: the checks every reader of a positioned JSON document makes
// (policies, party list files, policy test files): the JSON type of a node,
// the keys an object may have (a typo must never drop a member silently),
// required non-empty strings. Each problem is reported with the node's
// position and JSON pointer, in one wording everywhere.
#ifndef INTERDICT_LIB_PARSE_JSON_SHAPE_H_
#define INTERDICT_LIB_PARSE_JSON_SHAPE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/common/diagnostics.h"
#include "lib/parse/json_reader.h"

namespace interdict::internal {

class JsonShape {
 public:
  explicit JsonShape(Diagnostics& diag) : diag_(diag) {}

  // "expected <what>, found an array" [type]
  bool Expect(const JsonNode& n, JsonNode::Kind kind, const std::string& ptr, absl::string_view what);

  // Every member of `obj` not in `allowed`: "unknown key "x" in <what>; did
  // you mean "y"? (allowed: ...)" [unknown-key]
  void CheckKeys(const JsonNode& obj, const std::string& ptr, const std::vector<std::string>& allowed,
                 absl::string_view what);

  // obj[key] as a non-empty string: null if absent (reported as
  // missing-key when `required`), of another type [type], or empty [empty].
  const JsonNode* String(const JsonNode& obj, const std::string& ptr, const std::string& key, bool required);

  Diagnostics& diag() { return diag_; }

 private:
  Diagnostics& diag_;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_PARSE_JSON_SHAPE_H_
