// Issue 14: retries never duplicate. A POST sent with an Idempotency-Key runs
// once per user and key: the triple tap on "record donation" over a slow link
// (three requests at once with one key) records one donation; a later retry
// gets the first answer again and writes nothing; the same key with another
// body is 422; keys expire after 24 hours; two users' keys are separate. On
// both engines, through the real server.
#include <gtest/gtest.h>

#include <atomic>

#include "api_fixture.h"
#include "support/supply_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class Issue14IdempotencyTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    children_ = AddSupplyChildren(*world_);
    ASSERT_GT(children_.outside_a, 0);
    crib_ = CatalogueItemId(*world_, "crib");
  }
  std::string Donations() {
    return "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/donations";
  }
  json Donation(int quantity = 2) {
    return {{"item_id", crib_}, {"quantity", quantity}, {"donor_type", "family"}};
  }
  HttpAnswer Donate(const std::string& key, const json& body,
                    const std::string& as = "nursery_officer_a") {
    return Call("POST", Donations(), TokenFor(as), body.dump(), {{"Idempotency-Key", key}});
  }
  size_t DonationCount() { return Get(Donations(), "nursery_officer_a").body["items"].size(); }
  long long CribsInStock() {
    HttpAnswer stock = Get("/api/v1/facilities/" + std::to_string(world_->facility_a) + "/stock",
                           "nursery_officer_a");
    for (const json& line : stock.body["items"]) {
      if (line["item_id"] == crib_) return line["quantity"].get<long long>();
    }
    return 0;
  }
  SupplyChildren children_;
  long long crib_ = 0;
};

TEST_F(Issue14IdempotencyTest, Issue14_ATripleTapOnRecordDonationRecordsOneDonation) {
  const std::string token = TokenFor("nursery_officer_a");
  const std::string body = Donation().dump();
  constexpr int kTaps = 3;
  std::vector<HttpAnswer> answers(kTaps);
  std::atomic<int> ready{0};
  std::vector<std::thread> taps;
  for (int tap = 0; tap < kTaps; ++tap) {
    taps.emplace_back([&, tap] {
      ready.fetch_add(1);
      while (ready.load() < kTaps) std::this_thread::yield();
      answers[tap] = Call("POST", Donations(), token, body, {{"Idempotency-Key", "tap-7f3a"}});
    });
  }
  for (std::thread& tap : taps) tap.join();
  for (const HttpAnswer& answer : answers) {
    ASSERT_EQ(answer.status, 201) << answer.raw;
    EXPECT_EQ(answer.body["id"], answers[0].body["id"]);
    EXPECT_EQ(answer.raw, answers[0].raw);
  }
  EXPECT_EQ(DonationCount(), 1u);
  EXPECT_EQ(CribsInStock(), 2);
}

TEST_F(Issue14IdempotencyTest, Issue14_ARetryGetsTheFirstAnswerAndWritesNothing) {
  HttpAnswer first = Donate("retry-1", Donation());
  ASSERT_EQ(first.status, 201) << first.raw;
  HttpAnswer again = Donate("retry-1", Donation());
  EXPECT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.raw, first.raw);
  EXPECT_EQ(again.content_type, "application/json");
  EXPECT_EQ(DonationCount(), 1u);
  EXPECT_EQ(CribsInStock(), 2);
  // Without a key, or with another key, the same body is a new donation.
  ASSERT_EQ(Post(Donations(), "nursery_officer_a", Donation()).status, 201);
  ASSERT_EQ(Donate("retry-2", Donation()).status, 201);
  EXPECT_EQ(DonationCount(), 3u);
}

TEST_F(Issue14IdempotencyTest, Issue14_TheSameKeyWithAnotherBodyIs422AndWritesNothing) {
  ASSERT_EQ(Donate("k-1", Donation(2)).status, 201);
  HttpAnswer reused = Donate("k-1", Donation(5));
  EXPECT_EQ(reused.status, 422) << reused.raw;
  EXPECT_EQ(reused.content_type, "application/problem+json");
  EXPECT_EQ(reused.body["field"], "Idempotency-Key");
  EXPECT_EQ(DonationCount(), 1u);
  EXPECT_EQ(CribsInStock(), 2);
  // A malformed key is refused before anything runs.
  for (const std::string& bad : {std::string(256, 'x'), std::string("with space")}) {
    HttpAnswer refused = Donate(bad, Donation());
    EXPECT_EQ(refused.status, 422) << refused.raw;
    EXPECT_EQ(refused.body["field"], "Idempotency-Key");
  }
  EXPECT_EQ(DonationCount(), 1u);
}

TEST_F(Issue14IdempotencyTest, Issue14_ARefusalIsReplayedAndKeysAreTheUsersOwn) {
  json bad = Donation();
  bad["quantity"] = 0;
  HttpAnswer refused = Donate("k-bad", bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(Donate("k-bad", bad).raw, refused.raw);
  // Another user's same key is hers alone.
  ASSERT_EQ(Donate("shared", Donation(1)).status, 201);
  HttpAnswer other = Donate("shared", Donation(3), "root");
  EXPECT_EQ(other.status, 201) << other.raw;
  EXPECT_EQ(DonationCount(), 2u);
}

TEST_F(Issue14IdempotencyTest, Issue14_KeysExpireAfterTwentyFourHours) {
  ASSERT_EQ(Donate("daily", Donation(2)).status, 201);
  // (Sessions last 12 hours: sign in again after each jump.)
  world_->clock->Set(world_->clock->Now() + std::chrono::hours(23));
  tokens_.clear();
  EXPECT_EQ(Donate("daily", Donation(2)).status, 201);
  EXPECT_EQ(DonationCount(), 1u);
  world_->clock->Set(world_->clock->Now() + std::chrono::hours(2));
  tokens_.clear();
  // Expired: the key is free again, for any request.
  HttpAnswer later = Donate("daily", Donation(4));
  EXPECT_EQ(later.status, 201) << later.raw;
  EXPECT_EQ(DonationCount(), 2u);
}

}  // namespace
}  // namespace vinculo::testing
