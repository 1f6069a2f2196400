// Issue 15, on both engines: a leave can be booked ahead; its state (booked,
// out, overdue, returned) follows from its dates and the recorded return as
// the clock moves; the nursery board shows who is out on leave now, who is
// overdue and who has a leave booked; a booked leave can be cancelled before
// it begins, not after; bad input (a return before the start, a start more
// than a year ahead) is 422 naming the field and writes nothing. The nursery
// world; the clock starts at 2026-11-23T12:00:00Z.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "support/nursery_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

class LeaveBookingApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NE(world_, nullptr);
    children_ = AddNursery(*world_);
    ASSERT_GT(children_.calm_b, 0);
    for (long long child : {children_.overdue_a, children_.critical_a}) {
      HttpAnswer adult = Post(ChildPath(child, "/authorised-adults"), "nursery_officer_a",
                              {{"full_name", "Carmen Sintética"},
                               {"relationship", "abuela"},
                               {"document_id", "DNI 00000001"}});
      ASSERT_EQ(adult.status, 201) << adult.raw;
      adults_[child] = adult.body["id"];
    }
  }
  static std::string ChildPath(long long child_id, const std::string& rest) {
    return "/api/v1/children/" + std::to_string(child_id) + rest;
  }
  HttpAnswer Book(long long child, const std::string& left_at, const std::string& due_back_at) {
    return Post(ChildPath(child, "/leaves"), "nursery_officer_a",
                {{"adult_id", adults_[child]},
                 {"reason", "weekend_with_relatives"},
                 {"left_at", left_at},
                 {"due_back_at", due_back_at}});
  }
  std::string BookState(long long child) {
    HttpAnswer book =
        Get("/api/v1/nursery/leaves?child_id=" + std::to_string(child), "nursery_officer_a");
    EXPECT_EQ(book.status, 200) << book.raw;
    return book.body["items"].empty() ? "" : book.body["items"][0]["state"].get<std::string>();
  }
  // child id -> the board's leave state ("" when she is in).
  std::map<long long, std::string> BoardLeaves() {
    HttpAnswer board = Get("/api/v1/nursery/ageouts", "nursery_officer_a");
    EXPECT_EQ(board.status, 200) << board.raw;
    std::map<long long, std::string> states;
    for (const json& row : board.body["items"]) {
      states[row["child_id"]] = row["leave"].is_null() ? "" : row["leave"]["state"];
    }
    return states;
  }
  void SetClock(const std::string& day, int hour) {
    world_->clock->Set(StartOfDayUtc(*ParseDate(day)) + std::chrono::hours(hour));
    tokens_.clear();  // sessions expire across days
  }

  NurseryChildren children_;
  std::map<long long, long long> adults_;
};

TEST_F(LeaveBookingApiTest, Issue15_ABookedLeaveIsBookedThenOutThenOverdueOnTheBookAndTheBoard) {
  HttpAnswer booked = Book(children_.overdue_a, "2026-11-27T08:00:00Z", "2026-11-29T18:00:00Z");
  ASSERT_EQ(booked.status, 201) << booked.raw;
  EXPECT_EQ(BookState(children_.overdue_a), "booked");
  std::map<long long, std::string> board = BoardLeaves();
  EXPECT_EQ(board[children_.overdue_a], "booked");
  EXPECT_EQ(board[children_.critical_a], "");
  // Never two leaves at once: a second booking over the first is 409.
  HttpAnswer second = Book(children_.overdue_a, "2026-11-29T08:00:00Z", "2026-12-01T18:00:00Z");
  EXPECT_EQ(second.status, 409) << second.raw;
  EXPECT_EQ(second.body["field"], "child_id");

  // Another child out now.
  ASSERT_EQ(Book(children_.critical_a, "2026-11-23T08:00:00Z", "2026-11-28T18:00:00Z").status, 201);
  board = BoardLeaves();
  EXPECT_EQ(board[children_.critical_a], "out");

  SetClock("2026-11-28", 12);  // the booked leave has begun
  EXPECT_EQ(BookState(children_.overdue_a), "out");
  board = BoardLeaves();
  EXPECT_EQ(board[children_.overdue_a], "out");
  EXPECT_EQ(board[children_.critical_a], "out");

  SetClock("2026-11-30", 12);  // both past due, neither back
  board = BoardLeaves();
  EXPECT_EQ(board[children_.overdue_a], "overdue");
  EXPECT_EQ(board[children_.critical_a], "overdue");
  HttpAnswer overdue = Get("/api/v1/nursery/leaves?overdue=true", "nursery_officer_a");
  ASSERT_EQ(overdue.status, 200);
  EXPECT_EQ(overdue.body["items"].size(), 2u);
  // A nursery officer of the other facility sees neither on her board.
  HttpAnswer other = Get("/api/v1/nursery/ageouts", "nursery_officer_b");
  ASSERT_EQ(other.status, 200);
  for (const json& row : other.body["items"]) EXPECT_TRUE(row["leave"].is_null()) << row;

  const std::string back =
      "/api/v1/leaves/" + std::to_string(booked.body["id"].get<long long>()) + "/return";
  ASSERT_EQ(Post(back, "nursery_officer_a", {{"returned_at", "2026-11-30T09:00:00Z"}}).status, 200);
  EXPECT_EQ(BookState(children_.overdue_a), "returned");
  EXPECT_EQ(BoardLeaves()[children_.overdue_a], "");
}

TEST_F(LeaveBookingApiTest, Issue15_BadBookingsAreRefusedNamingTheFieldAndABookingCanBeCancelled) {
  const struct {
    const char* name;
    const char* left_at;
    const char* due_back_at;
    const char* field;
  } cases[] = {
      {"back before it begins", "2026-12-05T08:00:00Z", "2026-12-04T18:00:00Z", "due_back_at"},
      {"back as it begins", "2026-12-05T08:00:00Z", "2026-12-05T08:00:00Z", "due_back_at"},
      {"more than a year ahead", "2027-12-05T08:00:00Z", "2027-12-06T18:00:00Z", "left_at"},
      {"not a time", "el sábado", "2026-12-06T18:00:00Z", "left_at"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.name);
    HttpAnswer refused = Book(children_.overdue_a, bad.left_at, bad.due_back_at);
    EXPECT_EQ(refused.status, 422) << refused.raw;
    EXPECT_EQ(refused.content_type, "application/problem+json");
    EXPECT_EQ(refused.body["field"], bad.field) << refused.raw;
  }
  EXPECT_EQ(BookState(children_.overdue_a), "");

  HttpAnswer booked = Book(children_.overdue_a, "2026-12-05T08:00:00Z", "2026-12-06T18:00:00Z");
  ASSERT_EQ(booked.status, 201) << booked.raw;
  const std::string cancel =
      "/api/v1/leaves/" + std::to_string(booked.body["id"].get<long long>()) + "/cancel";
  EXPECT_EQ(Post(cancel, "nursery_officer_b", json::object()).status, 404);
  EXPECT_EQ(Post(cancel, "coordinator_a", json::object()).status, 403);
  HttpAnswer cancelled = Post(cancel, "nursery_officer_a", json::object());
  EXPECT_EQ(cancelled.status, 204) << cancelled.raw;
  EXPECT_EQ(BookState(children_.overdue_a), "");
  EXPECT_EQ(BoardLeaves()[children_.overdue_a], "");

  // Once begun, a leave is not cancelled: its return is recorded.
  HttpAnswer again = Book(children_.overdue_a, "2026-12-05T08:00:00Z", "2026-12-06T18:00:00Z");
  ASSERT_EQ(again.status, 201) << again.raw;
  SetClock("2026-12-05", 12);
  HttpAnswer late =
      Post("/api/v1/leaves/" + std::to_string(again.body["id"].get<long long>()) + "/cancel",
           "nursery_officer_a", json::object());
  EXPECT_EQ(late.status, 409) << late.raw;
  EXPECT_EQ(late.body["field"], "left_at");
  EXPECT_EQ(late.body["code"], "leave_has_begun");
  EXPECT_EQ(BookState(children_.overdue_a), "out");
}

// A child out on leave now can have her next leave booked ahead; the board
// shows her out (then overdue), not the booking; a leave over the one she is
// on, or over an overdue one (she is still out), is 409 naming child_id and
// writes nothing; once she is back the board shows the booking.
TEST_F(LeaveBookingApiTest, Issue15_ALeaveIsBookedAheadWhileTheChildIsOutOnAnother) {
  const long long child = children_.critical_a;
  const std::string book = "/api/v1/nursery/leaves?child_id=" + std::to_string(child);
  HttpAnswer out = Book(child, "2026-11-23T08:00:00Z", "2026-11-25T18:00:00Z");
  ASSERT_EQ(out.status, 201) << out.raw;
  EXPECT_EQ(BoardLeaves()[child], "out");

  HttpAnswer ahead = Book(child, "2026-12-05T08:00:00Z", "2026-12-06T18:00:00Z");
  ASSERT_EQ(ahead.status, 201) << ahead.raw;
  EXPECT_EQ(BoardLeaves()[child], "out");
  std::map<long long, std::string> states;
  HttpAnswer listed = Get(book, "nursery_officer_a");
  for (const json& row : listed.body["items"]) {
    states[row["id"].get<long long>()] = row["state"].get<std::string>();
  }
  EXPECT_EQ(states,
            (std::map<long long, std::string>{{out.body["id"].get<long long>(), "out"},
                                              {ahead.body["id"].get<long long>(), "booked"}}));

  const struct {
    const char* name;
    const char* left_at;
    const char* due_back_at;
  } overlapping[] = {
      {"inside the leave she is on", "2026-11-24T08:00:00Z", "2026-11-24T18:00:00Z"},
      {"across her return", "2026-11-25T12:00:00Z", "2026-11-27T18:00:00Z"},
      {"over the booking", "2026-12-01T08:00:00Z", "2026-12-05T09:00:00Z"},
      {"around the booking", "2026-12-04T08:00:00Z", "2026-12-08T09:00:00Z"},
  };
  for (const auto& bad : overlapping) {
    SCOPED_TRACE(bad.name);
    HttpAnswer refused = Book(child, bad.left_at, bad.due_back_at);
    EXPECT_EQ(refused.status, 409) << refused.raw;
    EXPECT_EQ(refused.body["field"], "child_id") << refused.raw;
    EXPECT_EQ(refused.body["code"], "leave_already_out") << refused.raw;
  }
  EXPECT_EQ(Get(book, "nursery_officer_a").body["items"].size(), 2u);
  // Between the two: booked too.
  HttpAnswer between = Book(child, "2026-11-28T08:00:00Z", "2026-11-29T18:00:00Z");
  ASSERT_EQ(between.status, 201) << between.raw;

  SetClock("2026-11-27", 12);  // past due and not back: overdue, still out
  EXPECT_EQ(BoardLeaves()[child], "overdue");
  HttpAnswer while_overdue = Book(child, "2026-11-26T08:00:00Z", "2026-11-27T18:00:00Z");
  EXPECT_EQ(while_overdue.status, 409) << while_overdue.raw;
  EXPECT_EQ(Get(book, "nursery_officer_a").body["items"].size(), 3u);

  const std::string back =
      "/api/v1/leaves/" + std::to_string(out.body["id"].get<long long>()) + "/return";
  ASSERT_EQ(Post(back, "nursery_officer_a", {{"returned_at", "2026-11-27T10:00:00Z"}}).status, 200);
  EXPECT_EQ(BoardLeaves()[child], "booked");
}

}  // namespace
}  // namespace vinculo::testing
