// Status propagation macros (after cel-cpp internal/status_macros.h; the
// Abseil release we build against has no ABSL_RETURN_IF_ERROR).
#ifndef INTERDICT_LIB_COMMON_STATUS_MACROS_H_
#define INTERDICT_LIB_COMMON_STATUS_MACROS_H_

#include <cassert>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define INTERDICT_RETURN_IF_ERROR(expr)              \
  do {                                               \
    ::absl::Status _interdict_status = (expr);       \
    if (!_interdict_status.ok()) return _interdict_status; \
  } while (0)

#define INTERDICT_STATUS_CONCAT_INNER_(a, b) a##b
#define INTERDICT_STATUS_CONCAT_(a, b) INTERDICT_STATUS_CONCAT_INNER_(a, b)

#define INTERDICT_ASSIGN_OR_RETURN(lhs, rexpr)                                \
  INTERDICT_ASSIGN_OR_RETURN_IMPL_(                                           \
      INTERDICT_STATUS_CONCAT_(_interdict_statusor, __LINE__), lhs, rexpr)

#define INTERDICT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                     \
  if (!statusor.ok()) return std::move(statusor).status();     \
  lhs = *std::move(statusor)

// Checked in debug builds only; documents an invariant of our own code.
#define INTERDICT_DCHECK(cond) assert(cond)

#endif  // INTERDICT_LIB_COMMON_STATUS_MACROS_H_
