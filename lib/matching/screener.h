// Screener: a party list compiled for name screening. Exact matches after
// normalisation, and near matches scored by token-level Jaro-Winkler, found
// through an index rather than a scan. Immutable once built; any number of
// threads may screen at once, each with its own ScreenScratch.
//
// Scoring (docs/screening.md):
//  - Names are compared as sets of normalised tokens (NormalizeName: case,
//    script, accents, punctuation, legal forms; word order is irrelevant, so
//    "TIKHONOV, Andrei" is "Andrei Tikhonov").
//  - A token of 3 or more characters is *strong*. Two strong tokens are
//    neighbours when they are within d deletions of a common string, d = 2
//    from 7 characters, 1 from 4, 0 below (so "andrei"/"andrey",
//    "borshchev"/"borschev", "efremov"/"yefremov", "mohamed"/"muhammed"),
//    and their Jaro-Winkler similarity is at least 0.8; their similarity is
//    that Jaro-Winkler. Equal tokens have similarity 1. A one-letter token
//    (an initial) is worth 0.75 against a token with that first letter, and
//    never counts as evidence on its own.
//  - A listed name is a candidate only if the query has neighbours for at
//    least min(2, its strong tokens) of them: one common surname ("Khamis",
//    "Ivanov") never reaches a two-word name, and a name of initials only
//    matches exactly.
//  - Score: tokens are paired greedily by similarity; the query side is the
//    length-weighted mean similarity of the query's tokens (an unpaired
//    query token counts 0), times 1 - 0.1 x the share of the listed name's
//    characters left unpaired (a missing middle name or patronymic costs at
//    most 10%). In a person's name written "SURNAME, Given" (as OFAC writes
//    individuals), the principal surname (its first word that is not a
//    particle such as "bin", "al", "de") must pair, or there is no near
//    match: "Mohamed Ali" is not "RAGE, Ali Mohamed" and "Maria Garcia" is
//    not "GAXIOLA GARCIA, Maria Elena", while "Nicolas Maduro" still meets
//    "MADURO MOROS, Nicolas".
// Screen and Scan return the same hits by construction: the index finds
// exactly the neighbour pairs (symmetric deletion), and the same scoring
// runs on the candidates.
#ifndef INTERDICT_LIB_MATCHING_SCREENER_H_
#define INTERDICT_LIB_MATCHING_SCREENER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace interdict::internal {

struct ScreenHit {
  uint32_t entry = 0;  // index of the entry in the list
  uint32_t name = 0;   // 0: the primary name; k: alias k - 1
  double score = 0;    // 1 for an exact match
  bool exact = false;
};

// Per-thread working memory for Screen; grows on first use, then reused.
class ScreenScratch {
 public:
  ScreenScratch() = default;

 private:
  friend class Screener;
  std::vector<uint32_t> stamp;    // per name: the query that last touched it
  std::vector<uint16_t> matched;  // per name: mask of query tokens with a neighbour in it
  std::vector<uint32_t> touched;
  std::vector<uint32_t> token_stamp;  // per token
  struct Neighbour {
    uint32_t token;
    float similarity;
  };
  std::vector<Neighbour> neighbours[16];  // per query token
  std::vector<ScreenHit> best;            // per entry while collecting
  uint32_t query = 0;
};

class Screener {
 public:
  static constexpr int kMaxQueryTokens = 16;

  // `names[e]` are entry e's names: the primary name, then its aliases.
  // Names that normalise to nothing are skipped. `individual[e]` (if given)
  // says entry e is a person: in a person's name written "SURNAME, Given",
  // the principal surname must pair for a near match.
  explicit Screener(const std::vector<std::vector<std::string>>& names,
                    const std::vector<bool>& individual = {});

  // Hits for the normalised query `key` (NormalizeName(...).key: sorted
  // tokens joined by spaces): every exact match, and the best near match of
  // each other entry scoring at least `threshold`; best first (exact, then
  // score, then entry order), at most `max_hits`. Allocation-free once
  // `scratch` and `out` have grown.
  void Screen(absl::string_view key, double threshold, size_t max_hits, ScreenScratch& scratch,
              std::vector<ScreenHit>* out) const;

  // How the query stands: 2 an exact match, 1 a near match at or above
  // `threshold`, 0 neither. What Decide needs, without collecting hits.
  int Classify(absl::string_view key, double threshold, ScreenScratch& scratch) const;
  // Classify and Screen with a scratch of the calling thread's own (kept
  // per thread for the last few screeners it used): allocation-free after
  // warm-up, and what callers without a scratch of their own should use.
  int Classify(absl::string_view key, double threshold) const;
  void Screen(absl::string_view key, double threshold, size_t max_hits, std::vector<ScreenHit>* out) const;

  // The same hits as Screen by comparing the query with every name: the
  // brute-force baseline of the benchmarks and the oracle of the tests.
  void Scan(absl::string_view key, double threshold, size_t max_hits, std::vector<ScreenHit>* out) const;

  // How a score came about: the token pairs, best first, and the tokens of
  // either side left unpaired. `listed_name` as written (a normalised key
  // works too); `person` applies the surname rule to "SURNAME, Given".
  struct TokenPair {
    std::string query, listed;
    double similarity;
  };
  struct Explanation {
    double score = 0;        // as Screen computes it; 0 when not a candidate
    bool candidate = false;  // enough strong tokens in common to be scored at all
    std::vector<TokenPair> pairs;
    std::vector<std::string> unpaired_query, unpaired_listed;
  };
  static Explanation Explain(absl::string_view query_key, absl::string_view listed_name, bool person = false);
  // Just the score.
  static double Score(absl::string_view query_key, absl::string_view listed_name, bool person = false);

  size_t entry_count() const { return entry_count_; }
  size_t name_count() const { return names_.size(); }
  size_t token_count() const { return tokens_.size(); }
  // Bytes held by the index (tables and strings), for the benchmarks.
  size_t MemoryBytes() const;

 private:
  struct Name {
    uint32_t entry;
    uint32_t name;          // index within the entry
    uint32_t tokens_begin;  // into name_tokens_
    uint16_t token_count;
    uint16_t strong;        // tokens of 3+ characters
    uint32_t required;      // a person's principal surname: must pair
  };
  struct Range {
    uint32_t begin, end;
  };

  bool Exact(absl::string_view key, Range* range) const;
  ScreenScratch& ThreadScratch() const;
  template <typename Sink>
  void Fuzzy(absl::string_view key, double threshold, ScreenScratch& scratch, Sink&& sink) const;

  uint64_t id_;  // distinguishes screeners in the per-thread scratch cache
  size_t entry_count_ = 0;
  std::vector<Name> names_;
  std::vector<uint32_t> name_tokens_;                 // token ids per name
  std::vector<std::string> tokens_;                   // by id
  std::vector<uint32_t> postings_;                    // names per token (CSR)
  std::vector<uint32_t> postings_begin_;              // per token, plus an end
  absl::flat_hash_map<std::string, uint32_t> token_ids_;
  absl::flat_hash_map<uint64_t, Range> deletions_;    // deletion hash -> tokens in deletion_tokens_
  std::vector<uint32_t> deletion_tokens_;
  absl::flat_hash_map<std::string, Range> exact_;     // key -> names in exact_names_
  std::vector<uint32_t> exact_names_;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_MATCHING_SCREENER_H_
