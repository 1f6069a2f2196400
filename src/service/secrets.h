// Passwords and session tokens, through libsodium.
//
// Passwords are hashed with argon2id (crypto_pwhash_str, the "interactive"
// limits: about 64 MiB and a fraction of a second per login). Session tokens
// are 32 random bytes sent to the client in base64url; only their BLAKE2b hash
// is stored, so a copy of the database does not hold usable tokens.
// All functions are thread-safe once InitSecrets() has run.
#pragma once

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
// A new random session token (43 base64url characters).
std::string NewSessionToken();
// The stored form of a token: hex of a 32-byte BLAKE2b hash.
std::string TokenHash(const std::string& token);
// `length` random characters from an unambiguous alphabet (no 0/O, 1/I/L).
std::string RandomCode(int length);
// Checks the minimum password policy: at least 10 characters.
Status CheckPasswordPolicy(const std::string& password, const std::string& field = "password");

}  // namespace vinculo
