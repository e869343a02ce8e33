// SHA-256 (OpenSSL's libcrypto), for the policy hash in decision records.
#ifndef INTERDICT_LIB_COMMON_SHA256_H_
#define INTERDICT_LIB_COMMON_SHA256_H_

#include <string>

#include "absl/strings/string_view.h"

namespace interdict::internal {

// Lower-case hex digest of `data`.
std::string Sha256Hex(absl::string_view data);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_SHA256_H_
