#include "lib/common/time_util.h"

#include <limits>
#include <map>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "lib/common/status_macros.h"

namespace interdict::internal {
namespace {

constexpr char kInstantForms[] =
    "expected an instant such as 2024-09-29T00:00:00-04:00, "
    "2024-09-29T00:00:00[America/New_York] or a date such as 2024-09-29";

// The pieces of "YYYY-MM-DD[THH:MM:SS[.fff]][Z|+hh:mm][[Zone]]".
struct Parts {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int64_t nanos = 0;
  bool has_offset = false;
  int offset_seconds = 0;
  std::string zone;
};

class Scanner {
 public:
  explicit Scanner(absl::string_view s) : s_(s) {}
  bool Digits(int n, int* out) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
      if (pos_ >= s_.size() || s_[pos_] < '0' || s_[pos_] > '9') return false;
      v = v * 10 + (s_[pos_++] - '0');
    }
    *out = v;
    return true;
  }
  bool Eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AtEnd() const { return pos_ == s_.size(); }
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  absl::string_view Rest() const { return s_.substr(pos_); }
  void Skip(size_t n) { pos_ += n; }

 private:
  absl::string_view s_;
  size_t pos_ = 0;
};

bool ValidZoneName(absl::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  if (name.find("..") != absl::string_view::npos || name.find("//") != absl::string_view::npos) {
    return false;
  }
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("\"", text, "\": ", why));
}

absl::StatusOr<Parts> Split(absl::string_view text, absl::string_view expected) {
  Parts p;
  Scanner sc(text);
  if (!sc.Digits(4, &p.year) || !sc.Eat('-') || !sc.Digits(2, &p.month) || !sc.Eat('-') ||
      !sc.Digits(2, &p.day)) {
    return Bad(text, expected);
  }
  if (sc.Eat('T') || sc.Eat('t')) {
    p.has_time = true;
    if (!sc.Digits(2, &p.hour) || !sc.Eat(':') || !sc.Digits(2, &p.minute) || !sc.Eat(':') ||
        !sc.Digits(2, &p.second)) {
      return Bad(text, absl::StrCat("a time must be HH:MM:SS; ", expected));
    }
    if (sc.Eat('.')) {
      int digits = 0;
      int64_t scale = 100000000;
      while (sc.Peek() >= '0' && sc.Peek() <= '9') {
        if (++digits > 9) return Bad(text, "at most 9 fractional digits");
        p.nanos += (sc.Peek() - '0') * scale;
        scale /= 10;
        sc.Skip(1);
      }
      if (digits == 0) return Bad(text, "expected digits after '.'");
    }
    if (sc.Eat('Z') || sc.Eat('z')) {
      p.has_offset = true;
    } else if (sc.Peek() == '+' || sc.Peek() == '-') {
      int sign = sc.Peek() == '-' ? -1 : 1;
      sc.Skip(1);
      int oh = 0, om = 0;
      if (!sc.Digits(2, &oh) || !sc.Eat(':') || !sc.Digits(2, &om) || oh > 23 || om > 59) {
        return Bad(text, "an offset must be +HH:MM or -HH:MM");
      }
      p.has_offset = true;
      p.offset_seconds = sign * (oh * 3600 + om * 60);
    }
  }
  if (sc.Eat('[')) {
    absl::string_view rest = sc.Rest();
    size_t close = rest.find(']');
    if (close == absl::string_view::npos || close + 1 != rest.size()) {
      return Bad(text, "a zone must be written [Area/City] at the end");
    }
    p.zone = std::string(rest.substr(0, close));
    sc.Skip(rest.size());
  }
  if (!sc.AtEnd()) return Bad(text, expected);
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.year < 1) {
    return Bad(text, "no such date");
  }
  absl::CivilDay day(p.year, p.month, p.day);
  if (day.year() != p.year || day.month() != p.month || day.day() != p.day) {
    return Bad(text, "no such date");
  }
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return Bad(text, "no such time of day");
  return p;
}

absl::StatusOr<int64_t> ToNanos(absl::string_view text, absl::Time t) {
  static const absl::Time kMin = absl::FromUnixNanos(std::numeric_limits<int64_t>::min());
  static const absl::Time kMax = absl::FromUnixNanos(std::numeric_limits<int64_t>::max());
  if (t < kMin || t > kMax) return Bad(text, "outside the supported years 1678 to 2261");
  return absl::ToUnixNanos(t);
}

std::string FormatOffset(int seconds) {
  char sign = seconds < 0 ? '-' : '+';
  if (seconds < 0) seconds = -seconds;
  return absl::StrFormat("%c%02d:%02d", sign, seconds / 3600, seconds / 60 % 60);
}

// Resolves parts into an instant. `default_zone` is used for a date-only
// literal without [Zone]; null means such a literal is not allowed.
absl::StatusOr<int64_t> Resolve(absl::string_view text, const Parts& p,
                                const absl::TimeZone* default_zone) {
  if (p.year < 1678 || p.year > 2261) return Bad(text, "outside the supported years 1678 to 2261");
  absl::CivilSecond cs(p.year, p.month, p.day, p.hour, p.minute, p.second);
  absl::TimeZone zone;
  bool has_zone = !p.zone.empty();
  if (has_zone) {
    INTERDICT_ASSIGN_OR_RETURN(zone, LoadZone(p.zone));
  }
  absl::Time t;
  if (p.has_offset) {
    t = absl::FromCivil(cs, absl::FixedTimeZone(p.offset_seconds));
    if (has_zone) {
      int actual = zone.At(t).offset;
      if (actual != p.offset_seconds) {
        return Bad(text, absl::StrCat("offset ", FormatOffset(p.offset_seconds),
                                      " does not match ", p.zone, " at that instant (",
                                      FormatOffset(actual), ")"));
      }
    }
  } else {
    if (!has_zone) {
      if (p.has_time) {
        return Bad(text,
                   "a time of day needs an offset (-04:00 or Z) or a zone ([America/New_York])");
      }
      if (default_zone == nullptr) return Bad(text, "expected an offset or a zone");
      zone = *default_zone;
    }
    absl::TimeZone::TimeInfo info = zone.At(cs);
    if (info.kind == absl::TimeZone::TimeInfo::UNIQUE) {
      t = info.pre;
    } else if (!p.has_time) {
      // The start of a day: a skipped midnight starts the day at the
      // transition; a repeated one at its first occurrence.
      t = info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
    } else if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) {
      return Bad(text, absl::StrCat("this local time does not exist in ", zone.name(),
                                    " (clocks skip it); write an offset instead"));
    } else {
      return Bad(text, absl::StrCat("this local time happens twice in ", zone.name(),
                                    "; write an offset to say which"));
    }
  }
  t += absl::Nanoseconds(p.nanos);
  return ToNanos(text, t);
}

}  // namespace

absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name) {
  if (!ValidZoneName(name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", name, "\" is not a time zone name such as America/New_York"));
  }
  static std::mutex mu;
  static auto* cache = new std::map<std::string, absl::TimeZone, std::less<>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(name);
  if (it != cache->end()) return it->second;
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(std::string(name), &tz)) {
    return absl::NotFoundError(
        absl::StrCat("unknown time zone \"", name, "\" (not in the IANA tz database)"));
  }
  cache->emplace(std::string(name), tz);
  return tz;
}

absl::StatusOr<int64_t> ParseInstantLiteral(absl::string_view text,
                                            const absl::TimeZone& default_zone) {
  INTERDICT_ASSIGN_OR_RETURN(Parts p, Split(text, kInstantForms));
  return Resolve(text, p, &default_zone);
}

absl::StatusOr<int64_t> ParseRfc3339(absl::string_view text) {
  constexpr char kForm[] = "expected an RFC 3339 instant such as 2024-09-29T00:00:00-04:00";
  INTERDICT_ASSIGN_OR_RETURN(Parts p, Split(text, kForm));
  if (!p.has_time || !p.has_offset) return Bad(text, kForm);
  return Resolve(text, p, nullptr);
}

absl::StatusOr<int64_t> ParseDate(absl::string_view text) {
  constexpr char kForm[] = "expected a date YYYY-MM-DD";
  INTERDICT_ASSIGN_OR_RETURN(Parts p, Split(text, kForm));
  if (p.has_time || p.has_offset || !p.zone.empty()) return Bad(text, kForm);
  return absl::CivilDay(p.year, p.month, p.day) - absl::CivilDay(1970, 1, 1);
}

absl::StatusOr<int64_t> ParseDateOrInstantDate(absl::string_view text) {
  constexpr char kForm[] = "expected a date YYYY-MM-DD or an RFC 3339 instant";
  INTERDICT_ASSIGN_OR_RETURN(Parts p, Split(text, kForm));
  if (p.has_time && !p.has_offset) return Bad(text, kForm);
  if (!p.zone.empty()) {
    INTERDICT_ASSIGN_OR_RETURN(absl::TimeZone zone, LoadZone(p.zone));
    (void)zone;
  }
  return absl::CivilDay(p.year, p.month, p.day) - absl::CivilDay(1970, 1, 1);
}

std::string FormatInstant(int64_t unix_nanos) {
  absl::Time t = absl::FromUnixNanos(unix_nanos);
  if (unix_nanos % 1000000000 == 0) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
  }
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

std::string FormatDate(int64_t days) {
  absl::CivilDay d = absl::CivilDay(1970, 1, 1) + days;
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

}  // namespace interdict::internal
