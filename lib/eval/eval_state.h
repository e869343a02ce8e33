// EvalScratch: the caller-owned working memory of one evaluation, sized from
// a Program (as hyperscan's scratch). Reusing it for the same Program makes
// evaluation allocation-free.
#ifndef INTERDICT_LIB_EVAL_EVAL_STATE_H_
#define INTERDICT_LIB_EVAL_EVAL_STATE_H_

#include <cstdint>
#include <vector>

#include "interdict/decision.h"
#include "lib/eval/program.h"

namespace interdict::internal {

struct Frame {
  Truth acc;
  uint32_t mark;  // number of recorded unknowns when the frame opened
};

struct TraceEntry {
  uint32_t node;  // index into Program::nodes
  Truth result;
};

// Distinct unknown fields kept per undecided match.
inline constexpr uint32_t kMaxUnknownsPerMatch = 8;
// Unknown fields a memo cell can replay; a result with more is not cached.
inline constexpr uint32_t kMemoSlots = 6;

// One memoised subformula result, valid while `generation` is the run's.
struct MemoCell {
  uint32_t generation = 0;
  Truth truth = Truth::kFalse;
  uint8_t count = 0;
  uint16_t slots[kMemoSlots] = {};
};

struct EvalScratch {
  const Program* program = nullptr;
  std::vector<Frame> frames;
  std::vector<uint16_t> unknowns;  // the current rule's recorded slots
  std::vector<Match> matches;      // [0, match_count); unknown_slots point into match_unknowns
  uint32_t match_count = 0;
  std::vector<uint16_t> match_unknowns;
  uint32_t match_unknown_count = 0;
  std::vector<MemoCell> memo;
  uint32_t generation = 0;        // bumped per run; memo cells of older runs are stale
  std::vector<TraceEntry> trace;  // filled by traced runs only
  Verdict verdict = Verdict::kAllow;

  // Sizes the buffers for `p`. Allocates only when `p` differs from the
  // last program prepared for.
  void Prepare(const Program& p);
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_EVAL_EVAL_STATE_H_
