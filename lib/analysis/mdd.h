// Mdd: a reduced, ordered multi-valued decision diagram, for the exact
// analyses of lib/analysis. Variable v has arity(v) values (the value
// classes of a transaction field); a node branches on one variable, and
// terminals carry small integers (a truth value, a rule outcome, "differs").
// Nodes are hash-consed, so equal functions are equal ids.
//
// Tested by tests/analysis/mdd_test.cc.
#ifndef INTERDICT_LIB_ANALYSIS_MDD_H_
#define INTERDICT_LIB_ANALYSIS_MDD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace interdict::internal {

class Mdd {
 public:
  static constexpr int kTerminals = 4096;  // ids below are the terminals of that value

  explicit Mdd(std::vector<int> arity);

  static int Terminal(int value) { return value; }
  static bool IsTerminal(int id) { return id < kTerminals; }
  // The node on `var` with one child per value of var (reduced: a node whose
  // children are all equal is that child).
  int Node(int var, std::vector<int> children);
  int var(int id) const { return nodes_[id - kTerminals].var; }
  const std::vector<int>& children(int id) const { return nodes_[id - kTerminals].children; }
  int arity(int var) const { return arity_[var]; }
  int variables() const { return static_cast<int>(arity_.size()); }

  // f applied to the terminals of a (and b), over every assignment.
  // `op` names f for the memo table: the same op must mean the same f.
  int Map(int op, int a, const std::function<int(int)>& f);
  int Apply(int op, int a, int b, const std::function<int(int, int)>& f);

  // Whether some assignment reaches a terminal with `value`.
  bool Reaches(int id, int value);

  // Marks in `vars` (sized variables()) every variable `id` tests.
  void AddSupport(int id, std::vector<bool>* vars) const;

  size_t size() const { return nodes_.size(); }

 private:
  struct NodeData {
    int var;
    std::vector<int> children;
  };
  int Child(int id, int var, int value) const {
    return (IsTerminal(id) || this->var(id) != var) ? id : children(id)[value];
  }

  std::vector<int> arity_;
  std::vector<NodeData> nodes_;
  absl::flat_hash_map<std::string, int> unique_;                     // var + children -> id
  absl::flat_hash_map<std::tuple<int, int, int>, int> apply_memo_;   // (op, a, b) -> id
  absl::flat_hash_map<std::pair<int, int>, bool> reach_memo_;        // (id, value) -> reaches
};

// Kleene's three-valued logic on terminals: 0 false, 1 true, 2 unknown.
inline constexpr int kFalse = 0, kTrue = 1, kUnknown = 2;
int MddAnd(Mdd& m, int a, int b);
int MddOr(Mdd& m, int a, int b);
int MddNot(Mdd& m, int a);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_ANALYSIS_MDD_H_
