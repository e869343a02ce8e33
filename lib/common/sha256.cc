#include "lib/common/sha256.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"

namespace interdict::internal {

std::string Sha256Hex(absl::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) return "";
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(md), len));
}

}  // namespace interdict::internal
