// Hand edits of a published plan's visits over HTTP on both engines: a move
// into a session with room, into a full session (409 naming session_id), into
// another month, or one that would give an escort two trips on one day (409
// naming escort_id), each refused with nothing changed (checked by reading
// again); a cancellation read back; the visit record with actual times, what
// the child brought, a note and the observation before and after, bad values
// refused (422 naming the field), a caregiver recording only on her own trip,
// and another organisation getting 404. December 2026 with the visit world's
// Saturday sessions at facility A (2 families each); the clock starts at
// 2026-11-23.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class PlanVisitEditsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
    org_ = "/api/v1/organisations/" + std::to_string(world_->organisation_a);
    // A published December plan, emptied of what the planner chose so that
    // each test books exactly what it needs.
    HttpAnswer plan = Post(org_ + "/plans", "coordinator_a", {{"month", "2026-12"}});
    ASSERT_EQ(plan.status, 201) << plan.raw;
    plan_ = "/api/v1/plans/" + std::to_string(plan.body["id"].get<long long>());
    HttpAnswer published = Post(plan_ + "/publish", "coordinator_a", json::object());
    ASSERT_EQ(published.status, 200) << published.raw;
    for (const json& visit : published.body["visits"]) {
      ASSERT_EQ(
          Post(VisitPath(visit["id"], "/cancel"), "coordinator_a", {{"reason", "prueba"}}).status,
          200);
    }
  }

  static std::string VisitPath(long long visit_id, const std::string& action) {
    return "/api/v1/plan-visits/" + std::to_string(visit_id) + action;
  }

  long long RequirementId(long long child_id, long long parent_id) {
    HttpAnswer requirements =
        Post(org_ + "/visit-requirements/generate", "coordinator_a", json::object());
    EXPECT_EQ(requirements.status, 200) << requirements.raw;
    for (const json& row : requirements.body["items"]) {
      if (row["child_id"] == child_id && row["parent_id"] == parent_id) return row["id"];
    }
    ADD_FAILURE() << "no requirement for child " << child_id << " and parent " << parent_id;
    return 0;
  }

  json Session(long long facility_id, const std::string& date) {
    HttpAnswer sessions = Get("/api/v1/facilities/" + std::to_string(facility_id) +
                                  "/visit-sessions?month=" + date.substr(0, 7),
                              "coordinator_a");
    EXPECT_EQ(sessions.status, 200) << sessions.raw;
    for (const json& session : sessions.body["items"]) {
      if (session["date"] == date) return session;
    }
    ADD_FAILURE() << "no session on " << date << " at facility " << facility_id;
    return json::object();
  }
  long long SessionId(long long facility_id, const std::string& date) {
    return Session(facility_id, date).value("id", 0LL);
  }
  long long BookedFamilies(long long facility_id, const std::string& date) {
    return Session(facility_id, date).value("booked_families", -1LL);
  }

  HttpAnswer Book(long long requirement_id, long long session_id, long long escort_id) {
    return Post(
        plan_ + "/visits", "coordinator_a",
        {{"requirement_id", requirement_id}, {"session_id", session_id}, {"escort_id", escort_id}});
  }
  long long BookOrFail(long long requirement_id, long long session_id, long long escort_id) {
    HttpAnswer booked = Book(requirement_id, session_id, escort_id);
    EXPECT_EQ(booked.status, 201) << booked.raw;
    return booked.body.value("id", 0LL);
  }

  // The visit as the plan shows it now, and its trip.
  json VisitInPlan(long long visit_id) {
    HttpAnswer plan = Get(plan_, "coordinator_a");
    EXPECT_EQ(plan.status, 200) << plan.raw;
    for (const json& visit : plan.body["visits"]) {
      if (visit["id"] == visit_id) return visit;
    }
    ADD_FAILURE() << "no visit " << visit_id << " in the plan";
    return json::object();
  }
  json TripInPlan(long long trip_id) {
    HttpAnswer plan = Get(plan_, "coordinator_a");
    for (const json& trip : plan.body["trips"]) {
      if (trip["id"] == trip_id) return trip;
    }
    return json::object();  // a cancelled trip is not shown
  }

  VisitProgramme programme_;
  std::string org_;
  std::string plan_;
};

TEST_F(PlanVisitEditsApiTest, AVisitMovesToASessionWithRoomButNotIntoAFullOne) {
  const long long fa = world_->facility_a;
  BookOrFail(RequirementId(programme_.child_1, programme_.mother), SessionId(fa, "2026-12-05"),
             programme_.escort_1);
  BookOrFail(RequirementId(programme_.child_2, programme_.mother), SessionId(fa, "2026-12-05"),
             programme_.escort_1);
  // The mother with her two children is one family; another mother's child the second.
  const long long other_mother = world_->AddParent("A", "female").id;
  const long long killa = AddChildAtHome(*world_, "A", programme_.home, "Killa");
  world_->Link(other_mother, killa, "mother");
  BookOrFail(RequirementId(killa, other_mother), SessionId(fa, "2026-12-05"), programme_.escort_1);
  const long long father_visit = BookOrFail(RequirementId(programme_.child_1, programme_.father),
                                            SessionId(fa, "2026-12-12"), programme_.escort_2);
  const json before = VisitInPlan(father_visit);

  // 12-05 holds 2 families already: refused, naming the session; nothing moved.
  HttpAnswer full = Post(VisitPath(father_visit, "/move"), "coordinator_a",
                         {{"session_id", SessionId(fa, "2026-12-05")}});
  EXPECT_EQ(full.status, 409) << full.raw;
  EXPECT_EQ(full.content_type, "application/problem+json");
  EXPECT_EQ(full.body["field"], "session_id");
  EXPECT_EQ(VisitInPlan(father_visit), before);
  EXPECT_EQ(BookedFamilies(fa, "2026-12-05"), 2);
  EXPECT_EQ(BookedFamilies(fa, "2026-12-12"), 1);

  // Bad requests name the field and change nothing either.
  for (const json& body : {json{{"session_id", SessionId(fa, "2026-12-12")}},  // the same
                           json{{"session_id", 987654321}}, json{{"session_id", "12"}},
                           json::object(), json{{"session_id", 1}, {"escort_id", 1}}}) {
    HttpAnswer refused = Post(VisitPath(father_visit, "/move"), "coordinator_a", body);
    EXPECT_EQ(refused.status, 422) << body << " " << refused.raw;
    EXPECT_FALSE(refused.body.value("field", "").empty()) << refused.raw;
  }
  EXPECT_EQ(VisitInPlan(father_visit), before);

  // 12-19 has room: the visit moves, its seat on 12-12 is given back, and the
  // escort's trip follows it (the emptied trip of 12-12 is closed).
  HttpAnswer moved = Post(VisitPath(father_visit, "/move"), "coordinator_a",
                          {{"session_id", SessionId(fa, "2026-12-19")}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_EQ(moved.body["session_id"], SessionId(fa, "2026-12-19"));
  const json after = VisitInPlan(father_visit);
  EXPECT_EQ(after["session_id"], SessionId(fa, "2026-12-19"));
  EXPECT_EQ(after["status"], "planned");
  EXPECT_GT(after["version"].get<long long>(), before["version"].get<long long>());
  EXPECT_EQ(BookedFamilies(fa, "2026-12-12"), 0);
  EXPECT_EQ(BookedFamilies(fa, "2026-12-19"), 1);
  const json trip = TripInPlan(after["trip_id"]);
  EXPECT_EQ(trip["date"], "2026-12-19");
  EXPECT_EQ(trip["escort_id"], programme_.escort_2);
  EXPECT_TRUE(TripInPlan(before["trip_id"]).empty() ||
              TripInPlan(before["trip_id"])["status"] == "cancelled");

  // Other people: another organisation does not see the visit; the
  // organisation's caregiver may not move it, nor may a visits officer, whose
  // role the table leaves out (the role gate, issue 17: 403 before any record
  // is read).
  const json back = {{"session_id", SessionId(fa, "2026-12-12")}};
  EXPECT_EQ(Post(VisitPath(father_visit, "/move"), "coordinator_b", back).status, 404);
  EXPECT_EQ(Post(VisitPath(father_visit, "/move"), "caregiver_a", back).status, 403);
  EXPECT_EQ(Post(VisitPath(father_visit, "/move"), "visits_officer_a", back).status, 403);
  EXPECT_EQ(VisitInPlan(father_visit)["session_id"], SessionId(fa, "2026-12-19"));
}

TEST_F(PlanVisitEditsApiTest, AMoveThatWouldGiveAnEscortTwoTripsOnOneDayIsRefused) {
  const long long fa = world_->facility_a;
  const long long fb = world_->facility_b;
  // Facility B receives visits on Saturday afternoons (set up by the system:
  // its visits officers are not among the world's users); child 3's mother
  // is held there, an hour's drive from the children's home.
  TemplateRequest saturday;
  saturday.facility_id = fb;
  saturday.pattern = "weekly";
  saturday.weekday = 6;
  saturday.valid_from = "2026-12-01";
  saturday.start_time = "15:00";
  saturday.end_time = "17:00";
  saturday.capacity_families = 4;
  saturday.capacity_people = 12;
  ASSERT_TRUE(VisitService(world_->context).CreateTemplate(Actor::System(), saturday).ok());
  const long long mother_b = world_->AddParent("B", "female").id;
  world_->Link(mother_b, programme_.child_3, "mother");
  HttpAnswer route = Post(
      org_ + "/routes", "coordinator_a",
      {{"home_id", programme_.home}, {"facility_id", fb}, {"travel_minutes", 60}, {"cost", 12.0}});
  ASSERT_EQ(route.status, 200) << route.raw;

  // Escort 2 takes child 1 to his father at facility A on 12-12, and child 3
  // to her mother at facility B on 12-19.
  BookOrFail(RequirementId(programme_.child_1, programme_.father), SessionId(fa, "2026-12-12"),
             programme_.escort_2);
  const long long in_b = BookOrFail(RequirementId(programme_.child_3, mother_b),
                                    SessionId(fb, "2026-12-19"), programme_.escort_2);
  const json before = VisitInPlan(in_b);
  ASSERT_FALSE(TripInPlan(before["trip_id"]).empty());

  // Moving child 3 to B's 12-12 session would send escort 2 to two prisons
  // on one day: refused naming the escort, nothing moved.
  HttpAnswer twice = Post(VisitPath(in_b, "/move"), "coordinator_a",
                          {{"session_id", SessionId(fb, "2026-12-12")}});
  EXPECT_EQ(twice.status, 409) << twice.raw;
  EXPECT_EQ(twice.body["field"], "escort_id");
  EXPECT_EQ(VisitInPlan(in_b), before);
  EXPECT_EQ(BookedFamilies(fb, "2026-12-12"), 0);
  EXPECT_EQ(BookedFamilies(fb, "2026-12-19"), 1);

  // To 12-26, where escort 2 has no other trip, it moves.
  HttpAnswer moved = Post(VisitPath(in_b, "/move"), "coordinator_a",
                          {{"session_id", SessionId(fb, "2026-12-26")}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_EQ(TripInPlan(moved.body["trip_id"])["date"], "2026-12-26");
  EXPECT_EQ(BookedFamilies(fb, "2026-12-19"), 0);
  EXPECT_EQ(BookedFamilies(fb, "2026-12-26"), 1);
}

TEST_F(PlanVisitEditsApiTest, AVisitDoesNotMoveOutOfItsPlansMonth) {
  const long long fa = world_->facility_a;
  const long long visit = BookOrFail(RequirementId(programme_.child_1, programme_.mother),
                                     SessionId(fa, "2026-12-05"), programme_.escort_1);
  const json before = VisitInPlan(visit);
  // Escort 1 is free on the first Saturday of January too.
  HttpAnswer escort = Post(org_ + "/escorts", "coordinator_a",
                           {{"staff_id", programme_.staff_1}, {"available_dates", {"2027-01-02"}}});
  ASSERT_EQ(escort.status, 200) << escort.raw;
  const long long january = SessionId(fa, "2027-01-02");
  ASSERT_GT(january, 0);
  HttpAnswer refused = Post(VisitPath(visit, "/move"), "coordinator_a", {{"session_id", january}});
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["field"], "session_id");
  EXPECT_EQ(VisitInPlan(visit), before);
  EXPECT_EQ(BookedFamilies(fa, "2027-01-02"), 0);
  EXPECT_EQ(BookedFamilies(fa, "2026-12-05"), 1);
}

TEST_F(PlanVisitEditsApiTest, ACancelledVisitGivesItsSeatBackAndReadsAsCancelled) {
  const long long fa = world_->facility_a;
  const long long visit = BookOrFail(RequirementId(programme_.child_2, programme_.mother),
                                     SessionId(fa, "2026-12-12"), programme_.escort_1);
  EXPECT_EQ(BookedFamilies(fa, "2026-12-12"), 1);
  const json before = VisitInPlan(visit);

  // Without a reason, by another organisation, or by a caregiver: refused.
  EXPECT_EQ(Post(VisitPath(visit, "/cancel"), "coordinator_a", {{"reason", "   "}}).body["field"],
            "reason");
  EXPECT_EQ(Post(VisitPath(visit, "/cancel"), "coordinator_a", json::object()).body["field"],
            "reason");
  EXPECT_EQ(Post(VisitPath(visit, "/cancel"), "coordinator_b", {{"reason", "x"}}).status, 404);
  EXPECT_EQ(Post(VisitPath(visit, "/cancel"), "caregiver_a", {{"reason", "x"}}).status, 403);
  EXPECT_EQ(VisitInPlan(visit), before);

  HttpAnswer cancelled =
      Post(VisitPath(visit, "/cancel"), "coordinator_a", {{"reason", "fiebre del niño"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.raw;
  EXPECT_EQ(cancelled.body["status"], "cancelled");
  const json after = VisitInPlan(visit);
  EXPECT_EQ(after["status"], "cancelled");
  EXPECT_EQ(after["review_reason"], "cancelled: fiebre del niño");
  EXPECT_EQ(BookedFamilies(fa, "2026-12-12"), 0);
  EXPECT_EQ(Session(fa, "2026-12-12")["booked_people"], 0);

  // A cancelled visit is not cancelled twice, moved or recorded.
  HttpAnswer again = Post(VisitPath(visit, "/cancel"), "coordinator_a", {{"reason", "otra vez"}});
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(again.body["field"], "status");
  EXPECT_EQ(Post(VisitPath(visit, "/move"), "coordinator_a",
                 {{"session_id", SessionId(fa, "2026-12-19")}})
                .status,
            409);
  EXPECT_EQ(VisitInPlan(visit), after);
  EXPECT_EQ(BookedFamilies(fa, "2026-12-19"), 0);
}

TEST_F(PlanVisitEditsApiTest, TheEscortRecordsTheVisitAndBadValuesAreRefusedNamingTheField) {
  const long long fa = world_->facility_a;
  const long long visit = BookOrFail(RequirementId(programme_.child_1, programme_.mother),
                                     SessionId(fa, "2026-12-05"), programme_.escort_1);
  const json good = {{"attended", true},
                     {"actual_start", "09:10"},
                     {"actual_end", "10:50"},
                     {"brought", {"photos", "drawings"}},
                     {"note", "Le mostró sus dibujos a su mamá"},
                     {"mood_before", 2},
                     {"mood_after", 4}};
  // Not before the day.
  HttpAnswer early = Post(VisitPath(visit, "/record"), "caregiver_a", good);
  EXPECT_EQ(early.status, 422) << early.raw;
  EXPECT_EQ(early.body["field"], "attended");

  world_->clock->Set(StartOfDayUtc(Date{2026, 12, 5}) + std::chrono::hours(18));
  tokens_.clear();  // the sessions signed in on 2026-11-23 have expired
  const auto with = [&](const char* key, const json& value) {
    json body = good;
    body[key] = value;
    return body;
  };
  json without_attended = good;
  without_attended.erase("attended");
  const struct {
    json body;
    const char* field;
  } cases[] = {
      {with("mood_before", 0), "mood_before"},
      {with("mood_after", 6), "mood_after"},
      {with("mood_after", 3.5), "mood_after"},
      {with("mood_before", 4294967298LL), "mood_before"},  // 2 once cut to 32 bits
      {with("mood_before", "bien"), "mood_before"},
      {with("actual_end", "09:00"), "actual_end"},  // before the start
      {with("actual_end", "09:10"), "actual_end"},  // no time at all
      {with("actual_start", "25:00"), "actual_start"},
      {with("brought", {"juguetes"}), "brought"},
      {with("brought", "photos"), "brought"},
      {with("note", std::string(2001, 'a')), "note"},
      {with("attended", "sí"), "attended"},
      {without_attended, "attended"},
      {json{{"attended", false}}, "absence_reason"},
      {with("escort_id", 1), "escort_id"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.body.dump().substr(0, 200));
    HttpAnswer refused = Post(VisitPath(visit, "/record"), "caregiver_a", bad.body);
    EXPECT_EQ(refused.status, 422) << refused.raw;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body["field"], bad.field) << refused.raw;
  }
  EXPECT_TRUE(VisitInPlan(visit)["record"]["attended"].is_null());

  // Only the escort of the trip (or a coordinator) records it: the other
  // caregiver and an unlinked one are told there is no such visit; another
  // organisation too; a social worker reads but does not record.
  EXPECT_EQ(Post(VisitPath(visit, "/record"), "caregiver_a2", good).status, 404);
  EXPECT_EQ(Post(VisitPath(visit, "/record"), "caregiver_a_unlinked", good).status, 404);
  EXPECT_EQ(Post(VisitPath(visit, "/record"), "coordinator_b", good).status, 404);
  EXPECT_EQ(Post(VisitPath(visit, "/record"), "social_worker_a", good).status, 403);
  EXPECT_TRUE(VisitInPlan(visit)["record"]["attended"].is_null());

  HttpAnswer recorded = Post(VisitPath(visit, "/record"), "caregiver_a", good);
  ASSERT_EQ(recorded.status, 200) << recorded.raw;
  const json record = VisitInPlan(visit)["record"];
  EXPECT_EQ(record["attended"], true);
  EXPECT_EQ(record["actual_start"], "09:10");
  EXPECT_EQ(record["actual_end"], "10:50");
  EXPECT_EQ(record["brought"], json({"photos", "drawings"}));
  EXPECT_EQ(record["note"], "Le mostró sus dibujos a su mamá");
  EXPECT_EQ(record["mood_before"], 2);
  EXPECT_EQ(record["mood_after"], 4);
  HttpAnswer requirements = Get(org_ + "/visit-requirements", "coordinator_a");
  for (const json& row : requirements.body["items"]) {
    if (row["child_id"] == programme_.child_1 && row["parent_id"] == programme_.mother) {
      EXPECT_EQ(row["last_visit_on"], "2026-12-05");
    }
  }

  // The coordinator corrects it: the child did not come after all.
  HttpAnswer corrected =
      Post(VisitPath(visit, "/record"), "coordinator_a",
           {{"attended", false}, {"absence_reason", "el penal cerró la visita"}});
  ASSERT_EQ(corrected.status, 200) << corrected.raw;
  EXPECT_EQ(VisitInPlan(visit)["record"]["attended"], false);
  EXPECT_EQ(VisitInPlan(visit)["record"]["absence_reason"], "el penal cerró la visita");
  EXPECT_TRUE(VisitInPlan(visit)["record"]["mood_before"].is_null());
}

}  // namespace
}  // namespace vinculo::testing

namespace vinculo::testing {
namespace {

// Issue 16: a record sent with If-Match (a caregiver's record queued offline)
// is written only over the version it was made against: after the
// coordinator's record it is 412 and her record stays; without If-Match the
// record is written as before; a cancelled visit is 409 naming status.
TEST_F(PlanVisitEditsApiTest, Issue16_ARecordWithAnOldVersionIsRefusedAndChangesNothing) {
  const long long fa = world_->facility_a;
  const long long visit = BookOrFail(RequirementId(programme_.child_1, programme_.mother),
                                     SessionId(fa, "2026-12-05"), programme_.escort_1);
  world_->clock->Set(StartOfDayUtc(Date{2026, 12, 5}) + std::chrono::hours(18));
  tokens_.clear();
  const std::string seen =
      "\"" + std::to_string(VisitInPlan(visit)["version"].get<long long>()) + "\"";
  const json theirs = {{"attended", true}, {"note", "registrado por la coordinadora"}};
  ASSERT_EQ(Post(VisitPath(visit, "/record"), "coordinator_a", theirs).status, 200);
  const json mine = {{"attended", true}, {"note", "registrado sin señal"}};
  HttpAnswer stale = Call("POST", VisitPath(visit, "/record"), TokenFor("caregiver_a"), mine.dump(),
                          {{"If-Match", seen}});
  EXPECT_EQ(stale.status, 412) << stale.raw;
  EXPECT_EQ(VisitInPlan(visit)["record"]["note"], "registrado por la coordinadora");
  const std::string now =
      "\"" + std::to_string(VisitInPlan(visit)["version"].get<long long>()) + "\"";
  HttpAnswer current = Call("POST", VisitPath(visit, "/record"), TokenFor("caregiver_a"),
                            mine.dump(), {{"If-Match", now}});
  EXPECT_EQ(current.status, 200) << current.raw;
  EXPECT_EQ(VisitInPlan(visit)["record"]["note"], "registrado sin señal");
  ASSERT_EQ(Post(VisitPath(visit, "/cancel"), "coordinator_a", {{"reason", "prueba"}}).status, 200);
  HttpAnswer cancelled = Call("POST", VisitPath(visit, "/record"), TokenFor("caregiver_a"),
                              mine.dump(), {{"If-Match", now}});
  EXPECT_EQ(cancelled.status, 409) << cancelled.raw;
  EXPECT_EQ(cancelled.body["field"], "status");
}

// Issue 19: a visit booked by hand keeps a child's longest day: no new trip
// longer, door to door, than the organisation allows. Refused with the field
// and code, and nothing booked. (The notice before a visit is the planner's
// alone: a coordinator may book today's session by hand.)
TEST_F(PlanVisitEditsApiTest, Issue19_AHandBookingPastAChildsLongestDayIsRefused) {
  const long long fa = world_->facility_a;
  const std::string settings = org_ + "/visit-settings";
  // A two-hour session with travel on both sides is longer than a two-hour
  // day: a new trip for it is refused.
  HttpAnswer current = Get(settings, "coordinator_a");
  ASSERT_EQ(current.status, 200) << current.raw;
  HttpAnswer short_day = Put(settings, "coordinator_a",
                             {{"travel_speed_kmh", current.body["travel_speed_kmh"]},
                              {"cost_per_km", current.body["cost_per_km"]},
                              {"longest_child_day_hours", 2}},
                             current.etag);
  ASSERT_EQ(short_day.status, 200) << short_day.raw;
  HttpAnswer too_long = Book(RequirementId(programme_.child_1, programme_.father),
                             SessionId(fa, "2026-12-19"), programme_.escort_2);
  EXPECT_EQ(too_long.status, 422) << too_long.raw;
  EXPECT_EQ(too_long.body["field"], "session_id");
  EXPECT_EQ(too_long.body["code"], "child_day_too_long") << too_long.raw;
  EXPECT_EQ(BookedFamilies(fa, "2026-12-19"), 0);
}

}  // namespace
}  // namespace vinculo::testing
