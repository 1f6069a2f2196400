// Passwords and session tokens, through libsodium.
//
// Passwords are hashed with argon2id (crypto_pwhash_str, the "interactive"
// limits: about 64 MiB and a fraction of a second per login). Session tokens
// are 32 random bytes sent to the client in base64url; only their BLAKE2b hash
// is stored, so a copy of the database does not hold usable tokens.
// All functions are thread-safe once InitSecrets() has run.
#pragma once

#include <chrono>
#include <string>

#include "common/status.h"

namespace vinculo {

// Initialises libsodium; call once at start-up. kInternal if it cannot.
Status InitSecrets();
Result<std::string> HashPassword(const std::string& password);
// From now on, new hashes use argon2id's minimum cost instead of "interactive".
// Only the test suites call this (tests/support), so that suites creating
// hundreds of demo users stay fast; verification reads the cost from each
// stored hash, so both kinds verify. The server and the CLI never call it.
void UseMinimumPasswordCostForTests();
bool VerifyPassword(const std::string& password, const std::string& stored_hash);

// Each argon2id computation holds 64 MiB: 64 logins at once were 2.75 GB.
// A PasswordHashingSlot is the right to run one; at most
// kPasswordHashingSlots exist at once (issue 13).
inline constexpr int kPasswordHashingSlots = 4;
class PasswordHashingSlot {
 public:
  // Waits up to `wait` for a slot; kTooManyAttempts (retry after 1 s) when
  // none came free.
  static Result<PasswordHashingSlot> Acquire(
      std::chrono::milliseconds wait = std::chrono::milliseconds(2000));
  PasswordHashingSlot(PasswordHashingSlot&& other) noexcept : held_(other.held_) {
    other.held_ = false;
  }
  PasswordHashingSlot& operator=(PasswordHashingSlot&&) = delete;
  ~PasswordHashingSlot();

 private:
  PasswordHashingSlot() = default;
  bool held_ = false;
};
// Tests only: how many slots exist (kPasswordHashingSlots by default).
void SetPasswordHashingSlotsForTests(int slots);
// A new random session token (43 base64url characters).
std::string NewSessionToken();
// The stored form of a token: hex of a 32-byte BLAKE2b hash.
std::string TokenHash(const std::string& token);
// `length` random characters from an unambiguous alphabet (no 0/O, 1/I/L).
std::string RandomCode(int length);
// The password policy (issue 13): 10 to 256 characters, and libpwquality's
// checks with its built-in defaults (the machine's pwquality.conf is not
// read, so every installation refuses the same): not in or derived from
// cracklib's dictionary, not systematic (1234567890), not a palindrome or one
// character repeated, not containing `username` in any form, not too similar
// to `old_password` when one is given. kInvalidArgument naming `field` with
// libpwquality's reason.
Status CheckPasswordPolicy(const std::string& password, const std::string& field = "password",
                           const std::string& username = {}, const std::string& old_password = {});

}  // namespace vinculo
