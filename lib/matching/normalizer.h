// Name normalisation, so that "AO Kaspersky Lab", "KASPERSKY LAB, ZAO",
// "Лаборатория Касперского" (read as "Laboratoriya Kasperskogo") and
// "Joint Stock Company Kaspersky Lab" meet where they should.
//
// Steps (docs/rule-language.md, "Names"):
//  1. Text that is not pure ASCII goes through ICU: Unicode case folding, NFKC, lower case,
//     Russian-Latin/BGN for Cyrillic, Any-Latin for other scripts, then
//     Latin-ASCII (accents dropped). Pure ASCII skips ICU entirely.
//  2. Lower case; apostrophes and transliteration marks vanish
//     ("Kaspersky's" -> "kasperskys"), as do dots after a single letter
//     ("A.O." -> "ao"); every other non-alphanumeric character separates
//     tokens.
//  3. Legal-form words (AO, OOO, ZAO, JSC, Ltd, Limited, Inc, LLC, GmbH, ...)
//     and multi-word legal forms ("joint stock company", "obshchestvo s
//     ogranichennoy otvetstvennostyu") are dropped, as are the stop words
//     "the", "of", "and".
//  4. The key is the remaining tokens, sorted, joined by single spaces: word
//     order does not matter ("TIKHONOV, Andrei" == "Andrei Tikhonov").
#ifndef INTERDICT_LIB_MATCHING_NORMALIZER_H_
#define INTERDICT_LIB_MATCHING_NORMALIZER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace interdict::internal {

struct NormalizedName {
  std::vector<std::string> tokens;  // in written order, legal forms removed
  std::string key;                  // sorted tokens joined by ' '; empty if none
};

// Thread-safe. Invalid UTF-8 is replaced, never rejected.
NormalizedName NormalizeName(absl::string_view raw);

// Just the key, into `key` (reusing its capacity).
void NormalizeNameKey(absl::string_view raw, std::string* key);

// True if `token` (already lower-case ASCII) is a legal-form or stop word.
bool IsDroppedNameWord(absl::string_view token);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_MATCHING_NORMALIZER_H_
