// Calendar subscription URLs (issue 18), on both engines: a user makes a
// secret URL for a feed she may read; a calendar application fetches it with
// no Authorization header and Debian's python3-icalendar (not our writer)
// reads it; the feed follows its owner as she is at each fetch (revoked,
// disabled, a changed role: one 404 for all, naming nobody); a user of
// organisation B can neither subscribe to nor read organisation A's feeds;
// only the token's hash is stored; creating and revoking are audited.
// The clock is fixed at 2026-11-23.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "http/server_metrics.h"
#include "python_reader.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

// Reads a feed with python3-icalendar and returns "<events> <first TZID>",
// or the parser's complaint.
std::string ReadWithPythonICalendar(const std::string& feed) {
  std::string out = RunPythonOn(
      "import sys, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "events = cal.walk('VEVENT')\n"
      "zones = [ev['DTSTART'].params.get('TZID') for ev in events]\n"
      "print(len(events), zones[0] if zones else '-')\n",
      feed);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class CalendarSubscriptionsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
  }
  HttpAnswer Subscribe(const std::string& as, const std::string& feed, long long subject_id) {
    return Post("/api/v1/calendar-subscriptions", as, {{"feed", feed}, {"subject_id", subject_id}});
  }
  // A fetch as a calendar application makes it: no Authorization header.
  HttpAnswer Fetch(const std::string& path) { return Call("GET", path, ""); }
  long long Count(const std::string& query) {
    world_->context.audit->Flush();
    long long count = -1;
    Status read = world_->context.store->Read([&](Txn& txn) -> Status {
      txn.session() << query, soci::into(count);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return count;
  }
  std::string FacilityFeed() {
    return "/api/v1/facilities/" + std::to_string(world_->facility_a) + "/visit-calendar";
  }
  VisitProgramme programme_;
};

TEST_F(CalendarSubscriptionsApiTest, Issue18_ASubscribedFeedAnswersWithoutSignIn) {
  HttpAnswer created = Subscribe("visits_officer_a", "facility", world_->facility_a);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string token = created.body["token"];
  EXPECT_EQ(token.size(), 43u);  // 32 random bytes in base64url
  const std::string path = created.body["path"];
  EXPECT_EQ(path, "/api/v1/calendars/" + token + ".ics");
  EXPECT_EQ(created.body["feed"], "facility");
  EXPECT_EQ(created.body["subject_id"], world_->facility_a);
  EXPECT_TRUE(created.body["revoked_at"].is_null());

  HttpAnswer feed = Fetch(path);
  ASSERT_EQ(feed.status, 200) << feed.raw;
  EXPECT_EQ(feed.content_type.rfind("text/calendar", 0), 0u) << feed.content_type;
  HttpAnswer signed_in = Get(FacilityFeed(), "visits_officer_a");
  ASSERT_EQ(signed_in.status, 200);
  // The Saturdays of December at facility A (Lima), read by another program.
  const std::string read = ReadWithPythonICalendar(feed.raw);
  EXPECT_EQ(read, ReadWithPythonICalendar(signed_in.raw));
  EXPECT_NE(read.find(" America/Lima"), std::string::npos) << read;
  EXPECT_GE(std::stoi(read), 4) << read;

  // Listed for her, without the token; nobody else sees it.
  HttpAnswer mine = Get("/api/v1/calendar-subscriptions", "visits_officer_a");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["items"].size(), 1u) << mine.raw;
  EXPECT_EQ(mine.body["items"][0]["id"], created.body["id"]);
  EXPECT_FALSE(mine.body["items"][0].contains("token"));
  EXPECT_EQ(mine.raw.find(token), std::string::npos);
  EXPECT_EQ(Get("/api/v1/calendar-subscriptions", "admin_a").body["items"].size(), 0u);

  // Only a hash is stored: the token itself is nowhere in the table.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM calendar_subscriptions WHERE token_hash = '" + token +
                  "' OR length(token_hash) <> 64"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'calendar_subscription_created' AND record_kind = 'calendar_subscriptions'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'calendar_fetch'"), 1);
}

TEST_F(CalendarSubscriptionsApiTest, Issue18_ARevokedOrUnknownTokenReadsAsNotFound) {
  HttpAnswer created = Subscribe("caregiver_a", "escort", programme_.escort_1);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string path = created.body["path"];
  ASSERT_EQ(Fetch(path).status, 200);

  const std::string id = std::to_string(created.body["id"].get<long long>());
  // Another user cannot revoke it: 404, and it still answers.
  EXPECT_EQ(
      Call("DELETE", "/api/v1/calendar-subscriptions/" + id, TokenFor("coordinator_a")).status,
      404);
  EXPECT_EQ(Fetch(path).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/calendar-subscriptions/" + id, TokenFor("caregiver_a")).status,
            204);
  HttpAnswer revoked = Fetch(path);
  HttpAnswer unknown = Fetch("/api/v1/calendars/" + std::string(43, 'A') + ".ics");
  EXPECT_EQ(revoked.status, 404);
  EXPECT_EQ(revoked.content_type, "application/problem+json");
  // One answer for both, naming nobody.
  EXPECT_EQ(revoked.raw, unknown.raw);
  EXPECT_EQ(revoked.raw.find("caregiver"), std::string::npos) << revoked.raw;
  // Revoking twice: 404; the list says when it was revoked.
  EXPECT_EQ(Call("DELETE", "/api/v1/calendar-subscriptions/" + id, TokenFor("caregiver_a")).status,
            404);
  HttpAnswer mine = Get("/api/v1/calendar-subscriptions", "caregiver_a");
  ASSERT_EQ(mine.body["items"].size(), 1u);
  EXPECT_FALSE(mine.body["items"][0]["revoked_at"].is_null());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = "
                  "'calendar_subscription_revoked'"),
            1);
}

TEST_F(CalendarSubscriptionsApiTest, Issue18_TheFeedFollowsItsOwnerAsSheIsNow) {
  HttpAnswer escort_feed = Subscribe("coordinator_a", "escort", programme_.escort_1);
  ASSERT_EQ(escort_feed.status, 201) << escort_feed.raw;
  HttpAnswer own_feed = Subscribe("caregiver_a", "escort", programme_.escort_1);
  ASSERT_EQ(own_feed.status, 201) << own_feed.raw;
  ASSERT_EQ(Fetch(escort_feed.body["path"]).status, 200);
  ASSERT_EQ(Fetch(own_feed.body["path"]).status, 200);

  // A disabled owner: refused, as an unknown token; enabled again, answered.
  const std::string caregiver =
      "/api/v1/users/" + std::to_string(world_->actor("caregiver_a").user_id);
  HttpAnswer read = Get(caregiver, "admin_a");
  ASSERT_EQ(read.status, 200) << read.raw;
  HttpAnswer disabled =
      Call("POST", caregiver + "/disable", TokenFor("admin_a"), "{}", {{"If-Match", read.etag}});
  ASSERT_EQ(disabled.status, 200) << disabled.raw;
  EXPECT_EQ(Fetch(own_feed.body["path"]).status, 404);
  EXPECT_EQ(Fetch(escort_feed.body["path"]).status, 200);  // another owner's
  HttpAnswer enabled =
      Call("POST", caregiver + "/enable", TokenFor("admin_a"), "{}", {{"If-Match", disabled.etag}});
  ASSERT_EQ(enabled.status, 200) << enabled.raw;
  EXPECT_EQ(Fetch(own_feed.body["path"]).status, 200);

  // A coordinator made a caregiver (not linked to escort 1) no longer reads
  // escort 1's trips: neither signed in nor through her subscription.
  const std::string coordinator =
      "/api/v1/users/" + std::to_string(world_->actor("coordinator_a").user_id);
  read = Get(coordinator, "admin_a");
  HttpAnswer changed = Patch(coordinator, "admin_a", {{"role", "caregiver"}}, read.etag);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(Fetch(escort_feed.body["path"]).status, 404);
}

TEST_F(CalendarSubscriptionsApiTest, Issue18_OrganisationBNeverReadsOrganisationAsFeeds) {
  // Not hers to see: the same 404 as the feed itself.
  EXPECT_EQ(Subscribe("coordinator_b", "escort", programme_.escort_1).status, 404);
  EXPECT_EQ(Subscribe("nursery_officer_b", "facility", world_->facility_a).status, 403);
  EXPECT_EQ(
      Subscribe("coordinator_b", "facilitator", world_->actor("coordinator_a").user_id).status,
      404);
  // A role that may not read the feed at all: 403, as the feed answers.
  EXPECT_EQ(Subscribe("coordinator_a", "facility", world_->facility_a).status, 403);
  EXPECT_EQ(Subscribe("auditor", "escort", programme_.escort_1).status, 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM calendar_subscriptions"), 0);

  // A's token shows A's escort and nothing of another escort.
  HttpAnswer created = Subscribe("coordinator_a", "escort", programme_.escort_1);
  ASSERT_EQ(created.status, 201) << created.raw;
  HttpAnswer feed = Fetch(created.body["path"]);
  ASSERT_EQ(feed.status, 200) << feed.raw;
  HttpAnswer signed_in =
      Get("/api/v1/escorts/" + std::to_string(programme_.escort_1) + "/calendar", "coordinator_a");
  EXPECT_EQ(ReadWithPythonICalendar(feed.raw), ReadWithPythonICalendar(signed_in.raw));
  HttpAnswer other =
      Get("/api/v1/escorts/" + std::to_string(programme_.escort_2) + "/calendar", "coordinator_a");
  ASSERT_EQ(other.status, 200);
  const size_t name = other.raw.find("X-WR-CALNAME:");
  ASSERT_NE(name, std::string::npos);
  const std::string other_name = other.raw.substr(name, other.raw.find("\r\n", name) - name);
  EXPECT_EQ(feed.raw.find(other_name), std::string::npos) << other_name;
}

// The access log and the metrics count a subscribed feed by its route: the
// secret in its path never reaches either.
TEST(CalendarSubscriptionRoute, Issue18_TheTokenNeverReachesTheAccessLogOrTheMetrics) {
  const std::string token = "q3Vx-_0abcDEFghiJKLmnoPQRstuVWXyz0123456789";
  EXPECT_EQ(http_internal::RouteOf("/api/v1/calendars/" + token + ".ics"),
            "/api/v1/calendars/{token}.ics");
  EXPECT_EQ(http_internal::RouteOf("/api/v1/calendar-subscriptions/12"),
            "/api/v1/calendar-subscriptions/{id}");
}

TEST_F(CalendarSubscriptionsApiTest, Issue18_BadRequestsAreRefusedNamingTheFieldAndWriteNothing) {
  HttpAnswer bad_feed = Subscribe("visits_officer_a", "prison", world_->facility_a);
  EXPECT_EQ(bad_feed.status, 422) << bad_feed.raw;
  EXPECT_NE(bad_feed.raw.find("feed"), std::string::npos) << bad_feed.raw;
  HttpAnswer bad_subject = Subscribe("visits_officer_a", "facility", 0);
  EXPECT_EQ(bad_subject.status, 422) << bad_subject.raw;
  EXPECT_NE(bad_subject.raw.find("subject_id"), std::string::npos) << bad_subject.raw;
  EXPECT_EQ(Subscribe("visits_officer_a", "facility", 999999).status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/calendar-subscriptions", "",
                 json{{"feed", "facility"}, {"subject_id", world_->facility_a}}.dump())
                .status,
            401);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM calendar_subscriptions"), 0);
}

}  // namespace
}  // namespace vinculo::testing
