#include "lib/matching/screener.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "lib/matching/jaro_winkler.h"
#include "lib/matching/normalizer.h"

namespace interdict::internal {
namespace {

constexpr size_t kMaxFuzzyLength = 32;  // longer tokens match only exactly
constexpr size_t kMaxNameTokens = 32;   // tokens of a listed name that are scored
constexpr float kTokenFloor = 0.8f;     // least Jaro-Winkler of two neighbour tokens
constexpr float kInitial = 0.75f;       // an initial against a word with its letter
constexpr double kUnpairedListedWeight = 0.1;

bool IsStrong(absl::string_view token) { return token.size() >= 3; }

size_t DeletionsAllowed(size_t length) { return length >= 7 ? 2 : length >= 4 ? 1 : 0; }

uint64_t HashOf(absl::string_view s) { return absl::Hash<absl::string_view>{}(s); }

// Calls f(hash) for `token` and every string obtained from it by up to
// DeletionsAllowed(|token|) deletions (duplicates included).
template <typename F>
void ForEachDeletion(absl::string_view token, F&& f) {
  f(HashOf(token));
  const size_t n = token.size();
  const size_t d = n > kMaxFuzzyLength ? 0 : DeletionsAllowed(n);
  if (d == 0) return;
  char buffer[kMaxFuzzyLength];
  for (size_t i = 0; i < n; ++i) {
    size_t len = 0;
    for (size_t k = 0; k < n; ++k) {
      if (k != i) buffer[len++] = token[k];
    }
    f(HashOf(absl::string_view(buffer, len)));
    if (d < 2) continue;
    for (size_t j = i + 1; j < n; ++j) {
      size_t len2 = 0;
      char second[kMaxFuzzyLength];
      for (size_t k = 0; k < n; ++k) {
        if (k != i && k != j) second[len2++] = token[k];
      }
      f(HashOf(absl::string_view(second, len2)));
    }
  }
}

// Similarity of two strong tokens: 1 if equal; their Jaro-Winkler if they
// are neighbours (within the allowed deletions of a common string) and it
// reaches the floor; else 0.
float StrongSimilarity(absl::string_view a, absl::string_view b) {
  if (a == b) return 1.0f;
  if (!IsStrong(a) || !IsStrong(b) || a.size() > kMaxFuzzyLength || b.size() > kMaxFuzzyLength) {
    return 0.0f;
  }
  const size_t need = std::max(a.size() - DeletionsAllowed(a.size()), b.size() - DeletionsAllowed(b.size()));
  if (std::min(a.size(), b.size()) < need) return 0.0f;
  const double jw = JaroWinkler(a, b);
  if (jw < kTokenFloor) return 0.0f;
  if (static_cast<size_t>(LongestCommonSubsequence(a, b)) < need) return 0.0f;
  return static_cast<float>(jw);
}

// Similarity of a query token and a listed token, given their strong
// similarity (0 unless both are strong neighbours).
float PairSimilarity(absl::string_view q, absl::string_view t, float strong) {
  if (q == t) return 1.0f;
  if (q.size() == 1 || t.size() == 1) return q[0] == t[0] ? kInitial : 0.0f;
  return strong;
}

// Splits a normalised key into at most `max` tokens.
size_t SplitKey(absl::string_view key, absl::string_view* tokens, size_t max) {
  size_t count = 0;
  size_t start = 0;
  while (start < key.size() && count < max) {
    size_t end = key.find(' ', start);
    if (end == absl::string_view::npos) end = key.size();
    if (end > start) tokens[count++] = key.substr(start, end - start);
    start = end + 1;
  }
  return count;
}

// The score of query tokens q against listed tokens t, with sim(i, j) the
// pair similarities (docs in screener.h).
template <typename Sim>
double ScoreTokens(const absl::string_view* q, size_t nq, const absl::string_view* t, size_t nt,
                   size_t listed_chars, uint32_t required, Sim&& sim,
                   Screener::Explanation* explain = nullptr) {
  struct Pair {
    float s;
    uint8_t i, j;
  };
  Pair pairs[Screener::kMaxQueryTokens * kMaxNameTokens];
  size_t count = 0;
  for (size_t i = 0; i < nq; ++i) {
    for (size_t j = 0; j < nt; ++j) {
      const float s = sim(i, j);
      if (s > 0) pairs[count++] = Pair{s, static_cast<uint8_t>(i), static_cast<uint8_t>(j)};
    }
  }
  std::sort(pairs, pairs + count, [](const Pair& a, const Pair& b) {
    if (a.s != b.s) return a.s > b.s;
    if (a.i != b.i) return a.i < b.i;
    return a.j < b.j;
  });
  uint32_t used_q = 0;
  uint64_t used_t = 0;
  double query_sum = 0, listed_paired = 0;
  size_t query_chars = 0;
  for (size_t i = 0; i < nq; ++i) query_chars += q[i].size();
  for (size_t k = 0; k < count; ++k) {
    const Pair& p = pairs[k];
    if ((used_q >> p.i) & 1 || (used_t >> p.j) & 1) continue;
    used_q |= 1u << p.i;
    used_t |= uint64_t{1} << p.j;
    query_sum += p.s * q[p.i].size();
    listed_paired += t[p.j].size();
    if (explain != nullptr) {
      explain->pairs.push_back({std::string(q[p.i]), std::string(t[p.j]), p.s});
    }
  }
  if (explain != nullptr) {
    for (size_t i = 0; i < nq; ++i) {
      if (!((used_q >> i) & 1)) explain->unpaired_query.emplace_back(q[i]);
    }
    for (size_t j = 0; j < nt; ++j) {
      if (!((used_t >> j) & 1)) explain->unpaired_listed.emplace_back(t[j]);
    }
  }
  if (query_chars == 0 || listed_chars == 0) return 0;
  if ((used_t & required) != required) return 0;  // a person's principal surname did not pair
  const double query_side = query_sum / query_chars;
  return query_side * (1.0 - kUnpairedListedWeight * (1.0 - listed_paired / listed_chars));
}

// A listed name with `strong` strong tokens is a candidate when the query
// has neighbours for `matched` of them.
bool IsCandidate(int strong, int matched) {
  const int required = std::min(2, strong);
  return required > 0 && matched >= required;
}

}  // namespace

namespace {

// Particles that open surnames without being the surname ("BIN LADIN",
// "DE LA CRUZ", "AL NASER", "VAN DER BERG").
bool IsParticle(absl::string_view token) {
  static const auto* particles = new absl::flat_hash_set<absl::string_view>{
      "al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "den", "di", "da", "dos",
      "das", "du", "la", "le", "las", "los", "van", "von", "ter", "ten", "mac", "mc", "st", "san"};
  return particles->contains(token);
}

// For a person's name written "SURNAME, Given": the token of `tokens` (the
// sorted key's) that is the principal surname, the first strong word before
// the comma that is not a particle ("GAXIOLA" of "GAXIOLA GARCIA, Maria",
// "LADIN" of "BIN LADIN, Usama"); 0 if there is none.
uint32_t SurnameMask(absl::string_view name, const absl::string_view* tokens, size_t nt) {
  const size_t comma = name.find(',');
  if (comma == absl::string_view::npos) return 0;
  NormalizedName surname = NormalizeName(name.substr(0, comma));
  for (const std::string& s : surname.tokens) {
    if (!IsStrong(s) || IsParticle(s)) continue;
    for (size_t j = 0; j < nt; ++j) {
      if (tokens[j] == s) return 1u << j;
    }
    return 0;
  }
  return 0;
}

}  // namespace

Screener::Screener(const std::vector<std::vector<std::string>>& names, const std::vector<bool>& individual) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
  entry_count_ = names.size();
  std::vector<std::pair<std::string, uint32_t>> keys;  // key, name id
  std::vector<std::vector<uint32_t>> postings;
  for (size_t e = 0; e < names.size(); ++e) {
    for (size_t k = 0; k < names[e].size(); ++k) {
      NormalizedName n = NormalizeName(names[e][k]);
      if (n.key.empty()) continue;
      absl::string_view tokens[kMaxNameTokens];
      const size_t nt = SplitKey(n.key, tokens, kMaxNameTokens);
      Name rec;
      rec.entry = static_cast<uint32_t>(e);
      rec.name = static_cast<uint32_t>(k);
      rec.tokens_begin = static_cast<uint32_t>(name_tokens_.size());
      rec.token_count = static_cast<uint16_t>(nt);
      rec.strong = 0;
      rec.required = e < individual.size() && individual[e] ? SurnameMask(names[e][k], tokens, nt) : 0;
      const uint32_t id = static_cast<uint32_t>(names_.size());
      for (size_t i = 0; i < nt; ++i) {
        auto [it, inserted] = token_ids_.try_emplace(std::string(tokens[i]), static_cast<uint32_t>(tokens_.size()));
        if (inserted) {
          tokens_.emplace_back(tokens[i]);
          postings.emplace_back();
        }
        name_tokens_.push_back(it->second);
        if (IsStrong(tokens[i])) {
          ++rec.strong;
          std::vector<uint32_t>& p = postings[it->second];
          if (p.empty() || p.back() != id) p.push_back(id);
        }
      }
      names_.push_back(rec);
      keys.emplace_back(std::move(n.key), id);
    }
  }
  // Postings, flattened.
  postings_begin_.reserve(tokens_.size() + 1);
  for (const auto& p : postings) {
    postings_begin_.push_back(static_cast<uint32_t>(postings_.size()));
    postings_.insert(postings_.end(), p.begin(), p.end());
  }
  postings_begin_.push_back(static_cast<uint32_t>(postings_.size()));
  // Exact keys.
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    const uint32_t begin = static_cast<uint32_t>(exact_names_.size());
    while (j < keys.size() && keys[j].first == keys[i].first) exact_names_.push_back(keys[j++].second);
    exact_.emplace(keys[i].first, Range{begin, static_cast<uint32_t>(exact_names_.size())});
    i = j;
  }
  // Deletion index over strong tokens.
  std::vector<std::pair<uint64_t, uint32_t>> deletions;
  for (uint32_t t = 0; t < tokens_.size(); ++t) {
    if (!IsStrong(tokens_[t])) continue;
    ForEachDeletion(tokens_[t], [&](uint64_t h) { deletions.emplace_back(h, t); });
  }
  std::sort(deletions.begin(), deletions.end());
  deletions.erase(std::unique(deletions.begin(), deletions.end()), deletions.end());
  deletions_.reserve(deletions.size());
  deletion_tokens_.reserve(deletions.size());
  for (size_t i = 0; i < deletions.size();) {
    size_t j = i;
    const uint32_t begin = static_cast<uint32_t>(deletion_tokens_.size());
    while (j < deletions.size() && deletions[j].first == deletions[i].first) {
      deletion_tokens_.push_back(deletions[j++].second);
    }
    deletions_.emplace(deletions[i].first, Range{begin, static_cast<uint32_t>(deletion_tokens_.size())});
    i = j;
  }
}

bool Screener::Exact(absl::string_view key, Range* range) const {
  auto it = exact_.find(key);
  if (it == exact_.end()) return false;
  *range = it->second;
  return true;
}

template <typename Sink>
void Screener::Fuzzy(absl::string_view key, double threshold, ScreenScratch& s, Sink&& sink) const {
  absl::string_view q[kMaxQueryTokens];
  const size_t nq = SplitKey(key, q, kMaxQueryTokens);
  if (s.stamp.size() != names_.size() || s.token_stamp.size() != tokens_.size()) {
    s.stamp.assign(names_.size(), 0);
    s.matched.assign(names_.size(), 0);
    s.token_stamp.assign(tokens_.size(), 0);
    s.touched.reserve(names_.size());
    for (auto& n : s.neighbours) n.reserve(std::min<size_t>(tokens_.size(), 1024));
    s.query = 0;
  }
  if (s.query > UINT32_MAX - kMaxQueryTokens - 2) {  // wrap: start the stamps afresh
    std::fill(s.stamp.begin(), s.stamp.end(), 0);
    std::fill(s.token_stamp.begin(), s.token_stamp.end(), 0);
    s.query = 0;
  }
  const uint32_t name_stamp = ++s.query;
  s.touched.clear();
  // Neighbours of each strong query token, then the names holding them.
  for (size_t i = 0; i < nq; ++i) {
    std::vector<ScreenScratch::Neighbour>& out = s.neighbours[i];
    out.clear();
    if (!IsStrong(q[i])) continue;
    const uint32_t token_stamp = ++s.query;
    ForEachDeletion(q[i], [&](uint64_t h) {
      auto it = deletions_.find(h);
      if (it == deletions_.end()) return;
      for (uint32_t k = it->second.begin; k < it->second.end; ++k) {
        const uint32_t t = deletion_tokens_[k];
        if (s.token_stamp[t] == token_stamp) continue;
        s.token_stamp[t] = token_stamp;
        const float sim = StrongSimilarity(q[i], tokens_[t]);
        if (sim > 0) out.push_back({t, sim});
      }
    });
    for (const ScreenScratch::Neighbour& nb : out) {
      for (uint32_t p = postings_begin_[nb.token]; p < postings_begin_[nb.token + 1]; ++p) {
        const uint32_t n = postings_[p];
        if (s.stamp[n] != name_stamp) {
          s.stamp[n] = name_stamp;
          s.matched[n] = 0;
          s.touched.push_back(n);
        }
        s.matched[n] |= static_cast<uint16_t>(1u << i);
      }
    }
  }
  for (uint32_t n : s.touched) {
    const Name& rec = names_[n];
    if (!IsCandidate(rec.strong, __builtin_popcount(s.matched[n]))) continue;
    absl::string_view t[kMaxNameTokens];
    uint32_t ids[kMaxNameTokens];
    size_t listed_chars = 0;
    for (size_t j = 0; j < rec.token_count; ++j) {
      ids[j] = name_tokens_[rec.tokens_begin + j];
      t[j] = tokens_[ids[j]];
      listed_chars += t[j].size();
    }
    const double score = ScoreTokens(q, nq, t, rec.token_count, listed_chars, rec.required, [&](size_t i, size_t j) {
      float strong = 0;
      for (const ScreenScratch::Neighbour& nb : s.neighbours[i]) {
        if (nb.token == ids[j]) {
          strong = nb.similarity;
          break;
        }
      }
      return PairSimilarity(q[i], t[j], strong);
    });
    if (score > 0 && score >= threshold && !sink(n, score)) return;
  }
}

namespace {

// Orders hits: exact first, then by score, then by entry and name.
bool Better(const ScreenHit& a, const ScreenHit& b) {
  if (a.exact != b.exact) return a.exact;
  if (a.score != b.score) return a.score > b.score;
  if (a.entry != b.entry) return a.entry < b.entry;
  return a.name < b.name;
}

// Keeps each entry's best hit, best first, at most `max`.
void Finish(std::vector<ScreenHit>* hits, size_t max) {
  std::sort(hits->begin(), hits->end(), [](const ScreenHit& a, const ScreenHit& b) {
    if (a.entry != b.entry) return a.entry < b.entry;
    return Better(a, b);
  });
  hits->erase(std::unique(hits->begin(), hits->end(),
                          [](const ScreenHit& a, const ScreenHit& b) { return a.entry == b.entry; }),
              hits->end());
  std::sort(hits->begin(), hits->end(), Better);
  if (hits->size() > max) hits->resize(max);
}

}  // namespace

void Screener::Screen(absl::string_view key, double threshold, size_t max_hits, ScreenScratch& scratch,
                      std::vector<ScreenHit>* out) const {
  out->clear();
  if (key.empty()) return;
  Range exact;
  if (Exact(key, &exact)) {
    for (uint32_t k = exact.begin; k < exact.end; ++k) {
      const Name& rec = names_[exact_names_[k]];
      out->push_back(ScreenHit{rec.entry, rec.name, 1.0, true});
    }
  }
  Fuzzy(key, threshold, scratch, [&](uint32_t n, double score) {
    out->push_back(ScreenHit{names_[n].entry, names_[n].name, score, false});
    return true;
  });
  Finish(out, max_hits);
}

int Screener::Classify(absl::string_view key, double threshold, ScreenScratch& scratch) const {
  if (key.empty()) return 0;
  Range exact;
  if (Exact(key, &exact)) return 2;
  bool near = false;
  Fuzzy(key, threshold, scratch, [&](uint32_t, double) {
    near = true;
    return false;  // one is enough
  });
  return near ? 1 : 0;
}

ScreenScratch& Screener::ThreadScratch() const {
  constexpr int kSlots = 4;
  struct Cache {
    uint64_t owner[kSlots] = {};
    ScreenScratch scratch[kSlots];
    int next = 0;
  };
  thread_local Cache cache;
  for (int i = 0; i < kSlots; ++i) {
    if (cache.owner[i] == id_) return cache.scratch[i];
  }
  const int slot = cache.next;
  cache.next = (cache.next + 1) % kSlots;
  cache.owner[slot] = id_;
  return cache.scratch[slot];
}

int Screener::Classify(absl::string_view key, double threshold) const {
  return Classify(key, threshold, ThreadScratch());
}

void Screener::Screen(absl::string_view key, double threshold, size_t max_hits,
                      std::vector<ScreenHit>* out) const {
  Screen(key, threshold, max_hits, ThreadScratch(), out);
}

namespace {

bool SameTokens(const absl::string_view* q, size_t nq, const absl::string_view* t, size_t nt) {
  if (nq != nt) return false;
  for (size_t j = 0; j < nq; ++j) {
    if (q[j] != t[j]) return false;
  }
  return true;
}

// The score of query tokens q against listed tokens t, computing every
// pair's similarity directly (no index): 0 if t is not a candidate. What
// Scan and Explain share.
double ScoreDirect(const absl::string_view* q, size_t nq, const absl::string_view* t, size_t nt,
                   uint32_t required, Screener::Explanation* explain) {
  float strong[Screener::kMaxQueryTokens][kMaxNameTokens];
  size_t listed_chars = 0;
  int strong_listed = 0, matched = 0;
  for (size_t j = 0; j < nt; ++j) {
    listed_chars += t[j].size();
    strong_listed += IsStrong(t[j]);
  }
  for (size_t i = 0; i < nq; ++i) {
    bool any = false;
    for (size_t j = 0; j < nt; ++j) {
      strong[i][j] = IsStrong(q[i]) ? StrongSimilarity(q[i], t[j]) : 0.0f;
      any |= strong[i][j] > 0;
    }
    matched += any;
  }
  const bool candidate = SameTokens(q, nq, t, nt) || IsCandidate(strong_listed, matched);
  if (explain != nullptr) explain->candidate = candidate;
  if (!candidate) return 0;
  return ScoreTokens(
      q, nq, t, nt, listed_chars, required,
      [&](size_t i, size_t j) { return PairSimilarity(q[i], t[j], strong[i][j]); }, explain);
}

}  // namespace

void Screener::Scan(absl::string_view key, double threshold, size_t max_hits,
                    std::vector<ScreenHit>* out) const {
  out->clear();
  if (key.empty()) return;
  absl::string_view q[kMaxQueryTokens];
  const size_t nq = SplitKey(key, q, kMaxQueryTokens);
  for (uint32_t n = 0; n < names_.size(); ++n) {
    const Name& rec = names_[n];
    absl::string_view t[kMaxNameTokens];
    for (size_t j = 0; j < rec.token_count; ++j) t[j] = tokens_[name_tokens_[rec.tokens_begin + j]];
    if (SameTokens(q, nq, t, rec.token_count)) {  // keys are sorted tokens
      out->push_back(ScreenHit{rec.entry, rec.name, 1.0, true});
      continue;
    }
    const double score = ScoreDirect(q, nq, t, rec.token_count, rec.required, nullptr);
    if (score > 0 && score >= threshold) out->push_back(ScreenHit{rec.entry, rec.name, score, false});
  }
  Finish(out, max_hits);
}

Screener::Explanation Screener::Explain(absl::string_view query_key, absl::string_view listed_name,
                                        bool person) {
  Explanation out;
  const std::string listed_key = NormalizeName(listed_name).key;
  absl::string_view q[kMaxQueryTokens], t[kMaxNameTokens];
  const size_t nq = SplitKey(query_key, q, kMaxQueryTokens);
  const size_t nt = SplitKey(listed_key, t, kMaxNameTokens);
  const uint32_t required = person ? SurnameMask(listed_name, t, nt) : 0;
  out.score = ScoreDirect(q, nq, t, nt, required, &out);
  return out;
}

double Screener::Score(absl::string_view query_key, absl::string_view listed_name, bool person) {
  return Explain(query_key, listed_name, person).score;
}

}  // namespace interdict::internal
