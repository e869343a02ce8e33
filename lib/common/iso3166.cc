#include "lib/common/iso3166.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "absl/strings/ascii.h"

namespace interdict::internal {
namespace {

#include "iso3166_data.inc"

constexpr int kRegionCount = sizeof(kIsoSubdivisions) / sizeof(kIsoSubdivisions[0]);

struct CountryTable {
  std::array<bool, kCountrySpace> valid{};
  CountryTable() {
    for (const char* c : kIsoCountries) valid[(c[0] - 'A') * 26 + (c[1] - 'A')] = true;
    valid[('X' - 'A') * 26 + ('K' - 'A')] = true;  // Kosovo
  }
};

const CountryTable& Countries() {
  static const CountryTable* table = new CountryTable();
  return *table;
}

int Letter(char c) {
  c = absl::ascii_toupper(static_cast<unsigned char>(c));
  return (c >= 'A' && c <= 'Z') ? c - 'A' : -1;
}

}  // namespace

const std::vector<CountryName>& CountryNames() {
  static const auto* names = [] {
    auto* v = new std::vector<CountryName>();
    for (const IsoCountryName& n : kIsoCountryNames) v->push_back(CountryName{n.code, n.name});
    return v;
  }();
  return *names;
}

int CountryIndex(absl::string_view code) {
  if (code.size() != 2) return -1;
  int a = Letter(code[0]), b = Letter(code[1]);
  if (a < 0 || b < 0) return -1;
  int index = a * 26 + b;
  return Countries().valid[index] ? index : -1;
}

std::string CountryCode(int index) {
  if (index < 0 || index >= kCountrySpace) return "";
  return std::string{static_cast<char>('A' + index / 26), static_cast<char>('A' + index % 26)};
}

int RegionCount() { return kRegionCount; }

int RegionIndex(absl::string_view code) {
  if (code.size() < 4 || code.size() > 6) return -1;
  char buf[8];
  for (size_t i = 0; i < code.size(); ++i) {
    buf[i] = absl::ascii_toupper(static_cast<unsigned char>(code[i]));
  }
  buf[code.size()] = '\0';
  const char* const* begin = kIsoSubdivisions;
  const char* const* end = kIsoSubdivisions + kRegionCount;
  const char* const* it = std::lower_bound(
      begin, end, buf, [](const char* a, const char* b) { return std::strcmp(a, b) < 0; });
  if (it == end || std::strcmp(*it, buf) != 0) return -1;
  return static_cast<int>(it - begin);
}

std::string RegionCode(int index) {
  if (index < 0 || index >= kRegionCount) return "";
  return kIsoSubdivisions[index];
}

int RegionCountry(int index) {
  if (index < 0 || index >= kRegionCount) return -1;
  const char* c = kIsoSubdivisions[index];
  return (c[0] - 'A') * 26 + (c[1] - 'A');
}

}  // namespace interdict::internal
