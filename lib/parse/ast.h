// The syntax tree of one policy file: the structure of the document with
// every JSON type and key checked, but names, fields, codes, dates and
// patterns not yet resolved (that is lib/check's job). Every node keeps its
// position for issues.
#ifndef INTERDICT_LIB_PARSE_AST_H_
#define INTERDICT_LIB_PARSE_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/parse/json_reader.h"

namespace interdict::internal {

struct Pos {
  uint32_t offset = 0;
  std::string pointer;  // JSON pointer of the node
};

struct Named {
  std::string value;
  Pos pos;
};

struct SourceAst {
  Pos pos;
  std::string id;
  std::string citation;
  std::string url;
  Named date;  // optional "YYYY-MM-DD"
};

struct PartyEntryAst {
  Pos pos;
  std::string id;  // optional; defaults to the name
  Named name;
  std::vector<Named> aliases;
  // From list files only:
  std::string type;                   // "individual", "entity", ...
  std::vector<std::string> programs;  // "SDGT", ...
};

struct ListAst {
  Pos pos;
  std::string name;
  Named type;                         // country, region, string, party, pattern
  std::vector<Named> items;           // every type but party
  std::vector<PartyEntryAst> parties; // party
  // A party list read from a file (docs/screening.md): the path as written
  // (relative to the policy file), its format if it is a published list,
  // and the near-match threshold for `screen`.
  Named file;
  Named format;
  std::optional<double> threshold;
  Pos threshold_pos;
};

struct AttributeAst {
  Pos pos;
  std::string name;
  Named type;  // string, number, boolean, date, instant, country, region
};

// One comparison: a field, an operator and its operand, e.g.
// "buyer.country": {"in": "@us_places"}.
struct TestAst {
  Named field;
  Named op;          // eq, in, matches, lt, le, gt, ge, present
  JsonNode operand;  // the operand as written, with positions
  Pos operand_pos;
};

struct CondAst {
  enum class Kind : uint8_t { kAll, kAny, kNot, kTest };
  Kind kind = Kind::kAll;
  Pos pos;
  std::vector<CondAst> children;  // kAll, kAny: 1 or more; kNot: exactly 1
  TestAst test;                   // kTest
};

struct SourceRefAst {
  Named ref;            // a key of the policy's "sources"
  std::string section;  // optional pinpoint, e.g. "§1.4"
};

struct RuleAst {
  Pos pos;
  Named id;
  Named effect;
  std::vector<Named> actions;
  std::optional<Named> from;   // effective window, from inclusive
  std::optional<Named> until;  // until exclusive
  Pos effective_pos;
  std::optional<CondAst> when;
  std::optional<CondAst> unless;
  std::string reason;
  SourceRefAst source;
};

struct PolicyAst {
  std::string file;
  Named id;
  std::string version;
  std::string title;
  std::string description;
  std::optional<Named> default_zone;
  std::vector<Named> actions;  // declared in addition to the built-in ones
  std::vector<AttributeAst> attributes;
  std::vector<SourceAst> sources;
  std::vector<ListAst> lists;
  std::vector<RuleAst> rules;
  Pos rules_pos;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_PARSE_AST_H_
