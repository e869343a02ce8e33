#include "absl/container/flat_hash_set.h"
#include "lib/analysis/mdd.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace interdict::internal {

Mdd::Mdd(std::vector<int> arity) : arity_(std::move(arity)) {}

int Mdd::Node(int var, std::vector<int> children) {
  if (std::all_of(children.begin(), children.end(), [&](int c) { return c == children[0]; })) {
    return children[0];
  }
  std::string key = absl::StrCat(var, ":", absl::StrJoin(children, ","));
  auto it = unique_.find(key);
  if (it != unique_.end()) return it->second;
  nodes_.push_back(NodeData{var, std::move(children)});
  int id = static_cast<int>(nodes_.size()) - 1 + kTerminals;
  unique_.emplace(std::move(key), id);
  return id;
}

int Mdd::Map(int op, int a, const std::function<int(int)>& f) {
  if (IsTerminal(a)) return f(a);
  auto key = std::make_tuple(op, a, -1);
  auto it = apply_memo_.find(key);
  if (it != apply_memo_.end()) return it->second;
  const int v = var(a);
  std::vector<int> kids;
  for (int c = 0; c < arity_[v]; ++c) kids.push_back(Map(op, children(a)[c], f));
  int result = Node(v, std::move(kids));
  apply_memo_[key] = result;
  return result;
}

int Mdd::Apply(int op, int a, int b, const std::function<int(int, int)>& f) {
  if (IsTerminal(a) && IsTerminal(b)) return f(a, b);
  auto key = std::make_tuple(op, a, b);
  auto it = apply_memo_.find(key);
  if (it != apply_memo_.end()) return it->second;
  // Branch on the first variable either depends on.
  const int va = IsTerminal(a) ? variables() : var(a);
  const int vb = IsTerminal(b) ? variables() : var(b);
  const int v = std::min(va, vb);
  std::vector<int> kids;
  for (int c = 0; c < arity_[v]; ++c) kids.push_back(Apply(op, Child(a, v, c), Child(b, v, c), f));
  int result = Node(v, std::move(kids));
  apply_memo_[key] = result;
  return result;
}

bool Mdd::Reaches(int id, int value) {
  if (IsTerminal(id)) return id == value;
  auto key = std::make_pair(id, value);
  auto it = reach_memo_.find(key);
  if (it != reach_memo_.end()) return it->second;
  bool reaches = false;
  for (int c : children(id)) {
    if (Reaches(c, value)) {
      reaches = true;
      break;
    }
  }
  reach_memo_[key] = reaches;
  return reaches;
}

void Mdd::AddSupport(int id, std::vector<bool>* vars) const {
  std::vector<int> stack{id};
  absl::flat_hash_set<int> seen;
  while (!stack.empty()) {
    const int n = stack.back();
    stack.pop_back();
    if (IsTerminal(n) || !seen.insert(n).second) continue;
    (*vars)[var(n)] = true;
    for (int c : children(n)) stack.push_back(c);
  }
}

// Op ids for the memo table.
enum : int { kOpAnd = 1, kOpOr, kOpNot };

int MddAnd(Mdd& m, int a, int b) {
  return m.Apply(kOpAnd, a, b, [](int x, int y) {
    if (x == kFalse || y == kFalse) return kFalse;
    if (x == kUnknown || y == kUnknown) return kUnknown;
    return kTrue;
  });
}

int MddOr(Mdd& m, int a, int b) {
  return m.Apply(kOpOr, a, b, [](int x, int y) {
    if (x == kTrue || y == kTrue) return kTrue;
    if (x == kUnknown || y == kUnknown) return kUnknown;
    return kFalse;
  });
}

int MddNot(Mdd& m, int a) {
  return m.Map(kOpNot, a, [](int x) { return x == kUnknown ? kUnknown : (x == kTrue ? kFalse : kTrue); });
}

}  // namespace interdict::internal
