#include "lib/matching/normalizer.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace interdict::internal {
namespace {

constexpr char kTransform[] = "NFKC; Any-Lower; Russian-Latin/BGN; Any-Latin; Latin-ASCII";

// Single legal-form and stop words, lower-case ASCII.
const absl::flat_hash_set<absl::string_view>& DroppedWords() {
  static const auto* words = new absl::flat_hash_set<absl::string_view>{
      // Russian and CIS forms
      "ao", "ooo", "zao", "oao", "pao", "jsc", "cjsc", "ojsc", "pjsc", "tov", "fgup", "gup",
      // English
      "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp", "corporation",
      "co", "pte", "pty",
      // Continental European and others
      "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab",
      "kk", "ltda", "sro", "fze", "fzco", "fzc",
      // stop words
      "the", "of", "and"};
  return *words;
}

// Multi-word legal forms, removed as whole phrases before single words.
const std::vector<std::vector<std::string>>& DroppedPhrases() {
  static const auto* phrases = [] {
    auto* p = new std::vector<std::vector<std::string>>();
    for (const char* s : {
             "closed joint stock company", "open joint stock company",
             "public joint stock company", "joint stock company", "joint-stock company",
             "limited liability company", "limited liability partnership",
             "zakrytoye aktsionernoye obshchestvo", "otkrytoye aktsionernoye obshchestvo",
             "publichnoye aktsionernoye obshchestvo", "aktsionernoye obshchestvo",
             "aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo",
             "otkrytoe aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo",
             "obshchestvo s ogranichennoy otvetstvennostyu",
             "obshchestvo s ogranichennoi otvetstvennostyu",
             "obshchestvo s ogranichennoj otvetstvennostyu", "societe anonyme",
             "sociedad anonima", "public limited company", "private limited company"}) {
      p->push_back(absl::StrSplit(s, absl::ByAnyChar(" -")));
    }
    // Longest first, so "closed joint stock company" wins over "joint stock company".
    std::stable_sort(p->begin(), p->end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return p;
  }();
  return *phrases;
}

class Transliterator {
 public:
  // Returns the ASCII-ish transliteration of `raw` (lower case).
  static std::string Apply(absl::string_view raw) {
    thread_local std::unique_ptr<icu::Transliterator> local;
    if (local == nullptr) {
      const icu::Transliterator* proto = Prototype();
      if (proto == nullptr) return std::string(raw);
      local.reset(proto->clone());
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
    u.foldCase(U_FOLD_CASE_DEFAULT);  // Unicode case folding ("ß" -> "ss", final sigma)
    local->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }

 private:
  static const icu::Transliterator* Prototype() {
    static const icu::Transliterator* proto = [] {
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error;
      icu::Transliterator* t = icu::Transliterator::createInstance(
          icu::UnicodeString(kTransform), UTRANS_FORWARD, parse_error, status);
      return U_SUCCESS(status) ? t : nullptr;
    }();
    return proto;
  }
};

bool IsJoiner(uint32_t cp) {
  // Apostrophes and transliteration marks join the letters around them.
  return cp == '\'' || cp == '`' || cp == 0x00B4 || cp == 0x00B7 || cp == 0x02B9 ||
         cp == 0x02BA || cp == 0x02BC || cp == 0x2018 || cp == 0x2019;
}

// Splits lower-case text into alphanumeric ASCII tokens.
void Tokenize(absl::string_view text, std::vector<std::string>* tokens) {
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0x80) {
      // Decode one UTF-8 sequence just far enough to recognise joiners.
      if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
        cp = ((c & 0x1F) << 6) | (text[i + 1] & 0x3F);
        len = 2;
      } else if ((c & 0xF0) == 0xE0 && i + 2 < text.size()) {
        cp = ((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
        len = 3;
      }
    }
    i += len;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      current.push_back(static_cast<char>(cp));
    } else if (cp >= 'A' && cp <= 'Z') {
      current.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else if (IsJoiner(cp)) {
      continue;
    } else if (cp == '.' && current.size() == 1) {
      // Dotted abbreviations join: "A.O." is "ao", "L.L.C." is "llc".
      continue;
    } else if (!current.empty()) {
      tokens->push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens->push_back(std::move(current));
}

void DropLegalForms(std::vector<std::string>* tokens) {
  std::vector<std::string> kept;
  kept.reserve(tokens->size());
  size_t i = 0;
  while (i < tokens->size()) {
    bool dropped = false;
    for (const auto& phrase : DroppedPhrases()) {
      if (i + phrase.size() > tokens->size()) continue;
      if (std::equal(phrase.begin(), phrase.end(), tokens->begin() + i)) {
        i += phrase.size();
        dropped = true;
        break;
      }
    }
    if (dropped) continue;
    if (!IsDroppedNameWord((*tokens)[i])) kept.push_back(std::move((*tokens)[i]));
    ++i;
  }
  *tokens = std::move(kept);
}

bool IsAscii(absl::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

bool IsDroppedNameWord(absl::string_view token) { return DroppedWords().contains(token); }

NormalizedName NormalizeName(absl::string_view raw) {
  NormalizedName out;
  if (IsAscii(raw)) {
    Tokenize(raw, &out.tokens);
  } else {
    Tokenize(Transliterator::Apply(raw), &out.tokens);
  }
  DropLegalForms(&out.tokens);
  std::vector<absl::string_view> sorted(out.tokens.begin(), out.tokens.end());
  std::sort(sorted.begin(), sorted.end());
  out.key = absl::StrJoin(sorted, " ");
  return out;
}

void NormalizeNameKey(absl::string_view raw, std::string* key) {
  *key = NormalizeName(raw).key;
}

}  // namespace interdict::internal
