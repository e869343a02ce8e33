// Options for compiling policies. Every field has a default and a comment.
#ifndef INTERDICT_INCLUDE_INTERDICT_OPTIONS_H_
#define INTERDICT_INCLUDE_INTERDICT_OPTIONS_H_

#include <cstddef>

namespace interdict {

struct CompileOptions {
  // Budgets. Exceeding one of the first two fails the compile with
  // ResourceExhausted; the others are reported as issues at their position.
  size_t max_source_bytes = size_t{64} << 20;  // one policy file
  int max_rules = 100000;                      // all policies together
  int max_json_depth = 64;                     // arrays and objects in a file
  int max_condition_depth = 32;                // all/any/not inside when/unless
  int max_list_entries = 1000000;              // names (with aliases) or items in one list
  int max_regex_program_size = 5000;           // RE2::ProgramSize() of one pattern
  size_t max_instructions = size_t{1} << 24;   // compiled program size
};

}  // namespace interdict

#endif  // INTERDICT_INCLUDE_INTERDICT_OPTIONS_H_
