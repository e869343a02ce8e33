#include "lib/parse/json_shape.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/common/suggest.h"

namespace interdict::internal {
namespace {

std::string ArticleKind(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::Kind::kNull: return "null";
    case JsonNode::Kind::kArray:
    case JsonNode::Kind::kObject: return absl::StrCat("an ", JsonKindName(kind));
    default: return absl::StrCat("a ", JsonKindName(kind));
  }
}

}  // namespace

bool JsonShape::Expect(const JsonNode& n, JsonNode::Kind kind, const std::string& ptr, absl::string_view what) {
  if (n.kind == kind) return true;
  diag_.Error(n.offset, ptr, "type", absl::StrCat("expected ", what, ", found ", ArticleKind(n.kind)));
  return false;
}

void JsonShape::CheckKeys(const JsonNode& obj, const std::string& ptr, const std::vector<std::string>& allowed,
                          absl::string_view what) {
  for (const JsonMember& m : obj.members) {
    if (std::find(allowed.begin(), allowed.end(), m.key) != allowed.end()) continue;
    diag_.Error(m.key_offset, PointerAppend(ptr, m.key), "unknown-key",
                absl::StrCat("unknown key \"", m.key, "\" in ", what, DidYouMean(m.key, allowed),
                             " (allowed: ", absl::StrJoin(allowed, ", "), ")"));
  }
}

const JsonNode* JsonShape::String(const JsonNode& obj, const std::string& ptr, const std::string& key,
                                  bool required) {
  const JsonNode* v = obj.Find(key);
  const std::string vptr = PointerAppend(ptr, key);
  if (v == nullptr) {
    if (required) diag_.Error(obj.offset, ptr, "missing-key", absl::StrCat("missing required key \"", key, "\""));
    return nullptr;
  }
  if (!Expect(*v, JsonNode::Kind::kString, vptr, "a string")) return nullptr;
  if (v->string.empty()) {
    diag_.Error(v->offset, vptr, "empty", absl::StrCat("\"", key, "\" must not be empty"));
    return nullptr;
  }
  return v;
}

}  // namespace interdict::internal
