#include "service/secrets.h"

#include <sodium.h>

#include <atomic>

namespace vinculo {

namespace {
std::atomic<bool> minimum_password_cost{false};
}  // namespace

void UseMinimumPasswordCostForTests() { minimum_password_cost = true; }

Status InitSecrets() {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  return Status::Ok();
}

Result<std::string> HashPassword(const std::string& password) {
  char hash[crypto_pwhash_STRBYTES];
  const bool minimum = minimum_password_cost;
  if (crypto_pwhash_str(hash, password.data(), password.size(),
                        minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) !=
      0) {
    return Internal("out of memory while hashing a password");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& password, const std::string& stored_hash) {
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewSessionToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof(bytes));
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof(encoded), bytes, sizeof(bytes),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

std::string TokenHash(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

std::string RandomCode(int length) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  constexpr uint32_t kSize = sizeof(kAlphabet) - 1;
  std::string code;
  for (int char_idx = 0; char_idx < length; ++char_idx) {
    code += kAlphabet[randombytes_uniform(kSize)];
  }
  return code;
}

Status CheckPasswordPolicy(const std::string& password, const std::string& field) {
  if (password.size() < 10) return InvalidArgument(field, "must have at least 10 characters");
  if (password.size() > 256) return InvalidArgument(field, "must have at most 256 characters");
  return Status::Ok();
}

}  // namespace vinculo
