// ISO 3166 country and subdivision codes, generated at build time from
// Debian's iso-codes data (cmake/Iso3166.cmake).
#ifndef INTERDICT_LIB_COMMON_ISO3166_H_
#define INTERDICT_LIB_COMMON_ISO3166_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace interdict::internal {

// Countries are numbered by their two letters: (c0 - 'A') * 26 + (c1 - 'A').
inline constexpr int kCountrySpace = 26 * 26;

// Returns the number of an ISO 3166-1 alpha-2 code, or -1 if `code` is not an
// assigned code. Letters are accepted in either case ("us" is US). XK (Kosovo,
// user-assigned but used by OFAC and the EU) is accepted as well.
int CountryIndex(absl::string_view code);
std::string CountryCode(int index);

// (alpha-2 code, English name) for every name, common name and official
// name iso-codes gives, e.g. ("IR", "Iran, Islamic Republic of"), ("IR", "Iran").
struct CountryName {
  absl::string_view code;
  absl::string_view name;
};
const std::vector<CountryName>& CountryNames();

// Number of ISO 3166-2 subdivision codes known.
int RegionCount();
// Returns the index of an ISO 3166-2 subdivision code such as "UA-43", or -1.
// Case-insensitive, like CountryIndex.
int RegionIndex(absl::string_view code);
std::string RegionCode(int index);
// The country number of the subdivision at `index`.
int RegionCountry(int index);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_ISO3166_H_
