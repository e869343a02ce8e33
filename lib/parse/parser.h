// Parser: a JSON tree to a PolicyAst (the rule language of
// docs/rule-language.md). Checks the document's shape: known keys only,
// JSON types, required members, identifier syntax, nesting depth.
#ifndef INTERDICT_LIB_PARSE_PARSER_H_
#define INTERDICT_LIB_PARSE_PARSER_H_

#include <optional>

#include "lib/common/diagnostics.h"
#include "lib/parse/ast.h"
#include "lib/parse/json_reader.h"

namespace interdict::internal {

struct ParseOptions {
  int max_condition_depth = 32;  // all/any/not nesting inside when/unless
};

// Reports every shape error it finds; returns nullopt if there was any.
std::optional<PolicyAst> ParsePolicy(const JsonNode& root, Diagnostics& diag,
                                     const ParseOptions& options = {});

// Reads and parses a whole policy file.
std::optional<PolicyAst> ParsePolicyText(Diagnostics& diag, const ParseOptions& options = {});

// True if `name` is an identifier: [a-z0-9][a-z0-9._-]* up to 64 chars.
bool IsIdentifier(absl::string_view name);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_PARSE_PARSER_H_
