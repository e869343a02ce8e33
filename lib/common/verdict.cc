// Names of the public enums of decision.h, shared by every stage.
#include "interdict/decision.h"

namespace interdict {

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllow: return "allow";
    case Verdict::kReview: return "review";
    case Verdict::kDeny: return "deny";
  }
  return "?";
}

const char* TruthName(Truth truth) {
  switch (truth) {
    case Truth::kFalse: return "false";
    case Truth::kTrue: return "true";
    case Truth::kUnknown: return "unknown";
  }
  return "?";
}

}  // namespace interdict
