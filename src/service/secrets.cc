#include "service/secrets.h"

#include <pwquality.h>
#include <sodium.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

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
  if (crypto_pwhash_str(
          hash, password.data(), password.size(),
          minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
          minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Internal("out of memory while hashing a password");
  }
  return std::string(hash);
}

namespace {
std::mutex hashing_mutex;
std::condition_variable hashing_slot_freed;
int hashing_slots_free = kPasswordHashingSlots;   // GUARDED_BY(hashing_mutex)
int hashing_slots_total = kPasswordHashingSlots;  // GUARDED_BY(hashing_mutex)
}  // namespace

Result<PasswordHashingSlot> PasswordHashingSlot::Acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(hashing_mutex);
  if (!hashing_slot_freed.wait_for(lock, wait, [] { return hashing_slots_free > 0; })) {
    return Status(StatusCode::kTooManyAttempts,
                  "the server is checking too many passwords at once; try again in a moment")
        .WithRetryAfter(1);
  }
  --hashing_slots_free;
  PasswordHashingSlot slot;
  slot.held_ = true;
  return slot;
}

PasswordHashingSlot::~PasswordHashingSlot() {
  if (!held_) return;
  {
    std::lock_guard lock(hashing_mutex);
    ++hashing_slots_free;
  }
  hashing_slot_freed.notify_one();
}

void SetPasswordHashingSlotsForTests(int slots) {
  {
    std::lock_guard lock(hashing_mutex);
    hashing_slots_free += slots - hashing_slots_total;
    hashing_slots_total = slots;
  }
  hashing_slot_freed.notify_all();
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

Status CheckPasswordPolicy(const std::string& password, const std::string& field,
                           const std::string& username, const std::string& old_password) {
  if (password.size() < 10)
    return InvalidArgument(field, "must have at least 10 characters")
        .Because(Refusal::kTextTooShort);
  if (password.size() > 256)
    return InvalidArgument(field, "must have at most 256 characters")
        .Because(Refusal::kTextTooLong);
  // cracklib's dictionary lookups are not documented as thread-safe.
  static std::mutex pwquality_mutex;
  std::lock_guard lock(pwquality_mutex);
  static pwquality_settings_t* const kSettings = pwquality_default_settings();
  if (!kSettings) return Internal("libpwquality could not be initialised");
  void* auxiliary = nullptr;
  const int score = pwquality_check(kSettings, password.c_str(),
                                    old_password.empty() ? nullptr : old_password.c_str(),
                                    username.empty() ? nullptr : username.c_str(), &auxiliary);
  if (score < 0) {
    char reason[PWQ_MAX_ERROR_MESSAGE_LEN];
    const char* text = pwquality_strerror(reason, sizeof(reason), score, auxiliary);
    std::string message = "is too easy to guess: ";
    message += text ? text : "refused by the password policy";
    return InvalidArgument(field, message);
  }
  return Status::Ok();
}

}  // namespace vinculo
