// Parsing and formatting of the temporal literals used in policies and
// transactions. Every parse is strict: no surrounding spaces, no field out of
// range, no normalisation of "2024-02-30" into March.
//
// Instants are int64 nanoseconds since the Unix epoch, which covers the years
// 1678 to 2261; anything outside is rejected. Dates are int64 days since
// 1970-01-01 and cover the years 0001 to 9999.
#ifndef INTERDICT_LIB_COMMON_TIME_UTIL_H_
#define INTERDICT_LIB_COMMON_TIME_UTIL_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace interdict::internal {

// Loads an IANA zone ("America/New_York", "UTC") from the system tz database.
// NotFound for an unknown name; InvalidArgument for a name that is not a zone
// name at all (paths, spaces).
absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name);

// A policy instant literal. Accepted forms:
//   2024-09-29T00:00:00-04:00          RFC 3339 with an offset (or Z)
//   2024-09-29T00:00:00[America/New_York]  local time in an IANA zone
//   2024-09-29T00:00:00-04:00[America/New_York]  both; they must agree
//   2024-09-29[America/New_York]       start of that day in the zone
//   2024-09-29                         start of that day in `default_zone`
// A local time that a zone skips (DST gap) or repeats (DST overlap) is an
// error. The start of a day whose midnight is skipped is the transition.
absl::StatusOr<int64_t> ParseInstantLiteral(absl::string_view text,
                                            const absl::TimeZone& default_zone);

// A transaction instant: RFC 3339 with an offset or Z, fractional seconds
// allowed; an optional [Zone] suffix must agree with the offset.
absl::StatusOr<int64_t> ParseRfc3339(absl::string_view text);

// A date literal YYYY-MM-DD, as days since 1970-01-01.
absl::StatusOr<int64_t> ParseDate(absl::string_view text);

// A transaction date: YYYY-MM-DD, or an RFC 3339 instant, of which the date
// as written (in its own offset) is taken.
absl::StatusOr<int64_t> ParseDateOrInstantDate(absl::string_view text);

// 2024-09-29T04:00:00Z, with fractional seconds only when non-zero.
std::string FormatInstant(int64_t unix_nanos);
// 2024-09-29
std::string FormatDate(int64_t days);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_TIME_UTIL_H_
