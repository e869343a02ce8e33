// The evaluator's view of a transaction: one Value per schema slot.
// Built and owned by interdict::Transaction (lib/api/transaction.cc).
#ifndef INTERDICT_LIB_EVAL_VALUE_H_
#define INTERDICT_LIB_EVAL_VALUE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lib/common/schema.h"

namespace interdict::internal {

enum class ValueState : uint8_t {
  kAbsent = 0,  // the transaction does not carry the field
  kInvalid,     // carried, but not a valid value of the field's type
  kValid,
};

struct Value {
  ValueState state = ValueState::kAbsent;
  int64_t i = 0;     // instant (Unix ns), date (days), country or region number,
                     // action number, party type number, bool (0 or 1)
  double d = 0;      // number
  std::string text;  // as given: strings, names, and invalid input (for messages)
  std::string key;   // names: the normalised key (lib/matching/normalizer.h)
  // List fields (product.embedded_vendors): items[0, item_count). The vector
  // only grows, so a reused Transaction does not allocate again.
  std::vector<Value> items;
  uint32_t item_count = 0;
};

struct TxnData {
  std::shared_ptr<const Schema> schema;
  std::vector<Value> values;  // by slot

  explicit TxnData(std::shared_ptr<const Schema> s)
      : schema(std::move(s)), values(schema->slot_count()) {}
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_EVAL_VALUE_H_
