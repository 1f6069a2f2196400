// Store: Vínculo's one persistence layer over SQLite and PostgreSQL.
//
// Store::Open picks the engine from the target: a PostgreSQL key=value
// connection string ("host=127.0.0.1 port=5433 dbname=vinculo") or a
// "postgresql://" URL selects PostgreSQL; anything else is a SQLite file path.
// Both engines run the same SQL through SOCI and the same migrations
// (store/schema.cc), and the same test suite runs against both.
//
// PostgreSQL going away mid-run: a request answers kUnavailable at once (a
// 503), and a pooled connection found lost is opened again when it is next
// borrowed, so service resumes by itself when the server is back.
//
// Work happens inside Read() or Write(): each borrows one pooled connection and
// hands the callback a Txn. Write() runs the callback in one transaction
// (SQLite: BEGIN IMMEDIATE) and commits only if it returns OK, so a write is
// all or nothing. Store is thread-safe: each thread borrows its own connection;
// a Txn must not leave the callback or be shared between threads.
// Only this folder knows SQL; callers see records, Status and Result.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/access.h"
#include "domain/record.h"
#include "store/nursery_care_rows.h"
#include "store/nursery_rows.h"
#include "store/supply_rows.h"
#include "store/workshop_rows.h"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace vinculo::store_internal {
class StatementCache;
}  // namespace vinculo::store_internal

namespace vinculo {

enum class Engine { kSqlite, kPostgres };

// How long a PostgreSQL connection attempt may take (libpq's smallest
// useful value), and the Retry-After of a 503 while the database is away.
inline constexpr int kPostgresConnectTimeoutSeconds = 2;
inline constexpr int kDatabaseRetryAfterSeconds = 1;

enum class ArchivedFilter { kActive, kArchived, kAll };

struct ListQuery {
  // Equality filters on filterable fields, already type-checked.
  FieldValues filters;
  // Words that must all appear, accent- and case-insensitively, in the
  // kind's searchable fields (its stored search text, domain SearchText).
  std::string search;
  // Keyset pagination: records with id greater than this, in id order.
  long long after_id = 0;
  int limit = 50;
  ArchivedFilter archived = ArchivedFilter::kActive;
};

struct Page {
  std::vector<Record> items;
  // The cursor for the next page, absent on the last page.
  std::optional<long long> next_after_id;
};

// One line of the audit log: who read or changed which record, when, from where.
struct AuditEvent {
  std::string at;  // FormatTimestamp
  long long user_id = 0;
  std::string username;
  std::string action;  // "read", "create", "update", "archive", "login", ...
  std::string record_kind;
  long long record_id = 0;
  std::string remote_address;
  std::string detail;
};

struct User {
  long long id = 0;
  std::string username;
  std::string password_hash;  // libsodium crypto_pwhash_str (argon2id)
  Role role = Role::kAuditor;
  std::optional<long long> organisation_id;
  std::optional<long long> facility_id;
  std::string display_name;
  std::string language = "es";
  bool disabled = false;
  long long version = 1;
  std::string created_at;
  std::optional<long long> staff_id;  // the staff record this user is (escorts)
};

struct SessionRow {
  long long id = 0;
  std::string token_hash;
  long long user_id = 0;
  std::string created_at;
  std::string expires_at;
  std::string remote_address;
  std::string last_seen_at;  // empty until first used after sign-in
};

// A child's placement history: one row per period in one placement.
struct Placement {
  long long id = 0;
  long long child_id = 0;
  std::string placement;  // the child placement enum
  std::optional<long long> facility_id;
  std::optional<long long> home_id;
  std::optional<long long> organisation_id;
  std::string started_on;
  std::optional<std::string> ended_on;  // absent while current
  std::string note;
  long long recorded_by = 0;
  std::string created_at;
};

// A parent's move from one facility to another.
struct Transfer {
  long long id = 0;
  long long parent_id = 0;
  long long from_facility_id = 0;
  long long to_facility_id = 0;
  std::string transferred_on;
  std::string reason;
  long long recorded_by = 0;
  std::string created_at;
};

class Txn {
 public:
  // `statements` is the borrowed connection's prepared-statement cache, or null.
  Txn(soci::session& sql, Engine engine, store_internal::StatementCache* statements = nullptr)
      : sql_(sql), engine_(engine), statements_(statements) {}
  Engine engine() const { return engine_; }

  // --- Records of any kind (store/record_store.cc) ---
  // Inserts and returns the stored record (version 1). kConflict on a unique key.
  Result<Record> Insert(const RecordKind& kind, const FieldValues& values, const std::string& now);
  // The record if it exists and `actor` may see it; kNotFound otherwise (the
  // caller cannot tell "absent" from "not yours", on purpose).
  Result<Record> Get(const RecordKind& kind, long long id, const Actor& actor);
  // Whether a record exists (archived or not) and `actor` may see it.
  Result<bool> Visible(const RecordKind& kind, long long id, const Actor& actor);
  Result<Page> List(const RecordKind& kind, const ListQuery& query, const Actor& actor);
  // Applies `changes` if the stored version is `expected_version`; bumps the
  // version. kPreconditionFailed when another write got there first.
  Result<Record> Update(const RecordKind& kind, long long id, long long expected_version,
                        const FieldValues& changes, const std::string& now);
  Result<Record> SetArchived(const RecordKind& kind, long long id, long long expected_version,
                             bool archived, const std::string& now);
  Result<long long> Count(const RecordKind& kind, const Actor& actor);
  // Writes the search text (domain SearchText) of every record of a
  // searchable kind that has none: rows written before migration 25 or by a
  // bulk load that left it out. Returns how many rows it filled.
  Result<long long> FillMissingSearchText();

  // --- Histories (store/history_store.cc) ---
  Status ClosePlacement(long long child_id, const std::string& ended_on);
  Result<Placement> InsertPlacement(const Placement& placement);
  Result<std::vector<Placement>> Placements(long long child_id);
  Result<Transfer> InsertTransfer(const Transfer& transfer);
  Result<std::vector<Transfer>> Transfers(long long parent_id);
  // Children sharing at least one parent with `child_id`, visible to `actor`.
  Result<std::vector<Record>> Siblings(long long child_id, const Actor& actor);
  // Counts grouped by one enum or reference field of a kind, within `actor`'s scope.
  Result<std::vector<std::pair<std::string, long long>>> CountBy(const RecordKind& kind,
                                                                 std::string_view field,
                                                                 const Actor& actor);

  // --- Users and sessions (store/user_store.cc) ---
  Result<User> InsertUser(const User& user, const std::string& now);
  Result<User> FindUser(const std::string& username);
  Result<User> GetUser(long long id);
  Result<std::vector<User>> ListUsers(const Actor& actor);
  Result<User> UpdateUser(const User& user, long long expected_version, const std::string& now);
  Status InsertSession(const SessionRow& session);
  // The live session with this token hash (not revoked, not expired at `now`).
  Result<SessionRow> FindLiveSession(const std::string& token_hash, const std::string& now);
  Status RevokeSession(const std::string& token_hash, const std::string& now);
  Status RevokeUserSessions(long long user_id, const std::string& now);
  // Records that the session was used at `now` (the idle timeout's clock).
  Status TouchSession(const std::string& token_hash, const std::string& now);

  // --- Audit log (store/audit_store.cc) ---
  // Appends to the hash chain (store/audit_chain.cc): events get the next
  // chain_seq and their chain_hash, in order.
  Status AppendAudit(const std::vector<AuditEvent>& events);
  // Walks the whole chain in id order (store/audit_chain.cc): OK with the
  // count of chained events, or kMalformed naming the first event edited,
  // inserted, or the first missing (deleted) place in the chain.
  Result<long long> VerifyAuditChain();
  Result<std::vector<AuditEvent>> AuditTrail(const std::string& record_kind, long long record_id,
                                             int limit);

  // Runs raw SQL; for migrations and tests only.
  Status Execute(const std::string& sql);
  soci::session& session() { return sql_; }

  // --- Nursery (store/nursery_store.cc) ---
  // Every active co-residence rule version, all jurisdictions (a small table).
  Result<std::vector<CoresidenceRuleRow>> CoresidenceRules();
  // Active children living inside (placement inside_with_mother) that `actor`
  // may see, in one set-based query, ordered by child id. Calls `on_child`
  // per child with a row buffer that is reused: copy what you keep.
  Status ForEachChildInside(const ChildrenInsideFilter& filter, const Actor& actor,
                            const std::function<void(const ChildInsideRow&)>& on_child);
  // How many children ForEachChildInside would visit (to size results once).
  Result<long long> CountChildrenInside(const ChildrenInsideFilter& filter, const Actor& actor);
  // Inserts or replaces the child's admission row (one per child).
  Result<NurseryAdmission> UpsertAdmission(const NurseryAdmission& admission);
  Result<ExtensionRow> InsertExtension(const ExtensionRow& extension);
  // kNotFound when absent.
  Result<ExtensionRow> GetExtension(long long id);
  // Records a decision on a request still "requested"; kConflict when it was
  // decided already (someone else got there first).
  Result<ExtensionRow> DecideExtension(long long id, const std::string& status,
                                       long long decided_by, const std::string& decided_on,
                                       const std::string& note);
  Result<PregnancyRow> InsertPregnancy(const PregnancyRow& pregnancy);
  // Expected pregnancies due on or after `from` in facilities of the filter.
  Result<std::vector<PregnancyRow>> ExpectedPregnancies(const ChildrenInsideFilter& filter,
                                                        const std::string& from);

  // --- Nursery supplies (store/supply_store.cc) ---
  // The catalogue in id order, archived items too when `include_archived`.
  Result<std::vector<SupplyItemRow>> SupplyItems(bool include_archived);
  // kNotFound when absent.
  Result<SupplyItemRow> GetSupplyItem(long long id);
  // kConflict when the code is taken.
  Result<SupplyItemRow> InsertSupplyItem(const SupplyItemRow& item, const std::string& now);
  // Writes every field of `item` (archived included) if the stored version is
  // `expected_version`; bumps the version. kPreconditionFailed when stale,
  // kNotFound when absent, kConflict when the code is taken.
  Result<SupplyItemRow> UpdateSupplyItem(const SupplyItemRow& item, long long expected_version,
                                         const std::string& now);
  Result<SupplyDonationRow> InsertDonation(const SupplyDonationRow& donation);
  // kNotFound when absent.
  Result<SupplyDonationRow> GetDonation(long long id);
  Status CorrectDonation(long long id, long long quantity, const std::string& reason,
                         const std::string& now);
  Result<std::vector<SupplyDonationRow>> Donations(long long facility_id);
  // Adds `quantity` (> 0) to the facility's stock of the item.
  Status AddStock(long long facility_id, long long item_id, long long quantity,
                  const std::string& now);
  // Takes `quantity` (> 0) from the stock with one conditional UPDATE
  // (... WHERE quantity >= ?): false, and nothing changed, when there is not
  // that much. Two concurrent takers can never drive the stock below zero.
  Result<bool> TakeStock(long long facility_id, long long item_id, long long quantity,
                         const std::string& now);
  // The facility's stock rows (items never donated have none).
  Result<std::vector<SupplyStockRow>> Stock(long long facility_id);
  Result<SupplyAllocationRow> InsertAllocation(const SupplyAllocationRow& allocation);
  Result<std::vector<SupplyAllocationRow>> Allocations(long long facility_id);
  // Per child and item, everything allocated in the facility (all time).
  Result<std::vector<ChildItemTotal>> AllocatedPerChild(long long facility_id);
  // --- Workshops (store/workshop_store.cc) ---
  // Inserts a course with its topics (positions 1..n); kConflict on a taken code.
  Result<CourseRow> InsertCourse(const CourseRow& course, const std::string& now);
  // Replaces a course's topics if its version is `expected_version`; bumps it.
  Result<CourseRow> ReplaceCourseTopics(long long course_id, long long expected_version,
                                        const std::vector<CourseTopicRow>& topics,
                                        const std::string& now);
  Result<CourseRow> GetCourse(long long id);  // kNotFound when absent
  Result<std::vector<CourseRow>> Courses();
  Result<bool> MixedGroupsAllowed(long long facility_id);
  Status SetMixedGroupsAllowed(long long facility_id, bool allowed, const std::string& now);
  // kConflict when the facility is already closed that day.
  Status InsertClosure(long long facility_id, const std::string& closed_on,
                       const std::string& reason, const std::string& now);
  // Closure dates of a facility on or after `from`, in order.
  Result<std::vector<std::string>> Closures(long long facility_id, const std::string& from);
  Result<CohortRow> InsertCohort(const CohortRow& cohort);
  Result<CohortRow> GetCohort(long long id);  // kNotFound when absent
  Result<std::vector<CohortRow>> Cohorts(const CohortFilter& filter);
  Result<WorkshopSessionRow> InsertWorkshopSession(const WorkshopSessionRow& session);
  Result<WorkshopSessionRow> GetWorkshopSession(long long id);  // kNotFound when absent
  // Sessions in date, start and id order.
  Result<std::vector<WorkshopSessionRow>> WorkshopSessions(const WorkshopSessionFilter& filter);
  // Moves a session if its version is `expected_version`; kPreconditionFailed otherwise.
  Result<WorkshopSessionRow> MoveWorkshopSession(long long id, long long expected_version,
                                                 const std::string& session_date, int start_minute,
                                                 int end_minute);
  // Everything that occupies `space_id` on `date` (YYYY-MM-DD), by start time.
  Result<std::vector<SpaceBooking>> SpaceBookingsOn(long long space_id, const std::string& date);
  // Whether the parent has a link to a child of `organisation_id`.
  Result<bool> ParentKnownToOrganisation(long long parent_id, long long organisation_id);
  Result<EnrolmentRow> InsertEnrolment(const EnrolmentRow& enrolment);
  Result<std::optional<EnrolmentRow>> FindEnrolment(long long cohort_id, long long parent_id);
  Result<std::vector<EnrolmentRow>> CohortEnrolments(long long cohort_id);  // id order
  Result<std::vector<EnrolmentRow>> ParentEnrolments(long long parent_id);  // id order
  Status UpdateEnrolment(const EnrolmentRow& enrolment, const std::string& now);
  // Inserts or replaces the mark of one enrolment at one session.
  Status UpsertAttendance(const AttendanceRow& attendance);
  // Every mark of every session of a cohort.
  Result<std::vector<AttendanceRow>> CohortAttendance(long long cohort_id);
  // --- Nursery care (store/nursery_care_store.cc) ---
  // The child's plan with its steps in order; nullopt when it has none.
  Result<std::optional<TransitionPlanRow>> TransitionPlanOf(long long child_id);
  // Inserts or replaces the child's plan and its steps (one plan per child);
  // a replaced plan loses its approval.
  Result<TransitionPlanRow> SaveTransitionPlan(const TransitionPlanRow& plan);
  Result<TransitionPlanRow> GetTransitionPlan(long long id);  // kNotFound
  // Approves a draft; kConflict naming status when it is approved already.
  Status ApproveTransitionPlan(long long id, long long approved_by, const std::string& approved_on,
                               const std::string& now);
  // (child id, plan status) of the children ForEachChildInside would visit
  // that have a plan, by child id: one query for the whole board. A global
  // actor without a facility filter also gets plans of children not inside.
  Result<std::vector<std::pair<long long, std::string>>> TransitionPlanStatuses(
      const ChildrenInsideFilter& filter, const Actor& actor);
  Result<VisitRequirementRow> InsertVisitRequirement(const VisitRequirementRow& requirement);
  Result<std::vector<VisitRequirementRow>> VisitRequirements(long long child_id);
  Result<AuthorisedAdultRow> InsertAuthorisedAdult(const AuthorisedAdultRow& adult);
  Result<std::vector<AuthorisedAdultRow>> AuthorisedAdults(long long child_id);
  Result<AuthorisedAdultRow> GetAuthorisedAdult(long long id);  // kNotFound
  Status SetAuthorisedAdultActive(long long id, bool active);
  Result<LeaveRow> InsertLeave(const LeaveRow& leave);
  Result<LeaveRow> GetLeave(long long id);  // kNotFound
  // The child's leave not yet returned, if any.
  Result<std::optional<LeaveRow>> OpenLeaveOf(long long child_id);
  // kConflict naming returned_at when the leave has returned already.
  Status ReturnLeave(long long id, const std::string& returned_at);
  // Removes a booked leave that has not begun by `now` (issue 15: it never
  // happened; the audit log keeps the booking and its cancellation).
  // kConflict naming left_at when it has begun or returned.
  Status CancelBookedLeave(long long id, const std::string& now);
  // Leaves of children `actor` may see, newest first.
  Result<std::vector<LeaveRow>> Leaves(const LeaveFilter& filter, const Actor& actor);
  // Every schedule entry, active or not, by age.
  Result<std::vector<HealthScheduleRow>> HealthSchedule();
  Result<HealthScheduleRow> InsertScheduleEntry(const HealthScheduleRow& entry);
  Status SetScheduleEntryActive(long long id, bool active);  // kNotFound
  Result<AppointmentRow> InsertAppointment(const AppointmentRow& appointment);
  Result<std::vector<AppointmentRow>> Appointments(long long child_id);
  Result<SchoolEnrolmentRow> InsertSchoolEnrolment(const SchoolEnrolmentRow& enrolment);
  Result<std::vector<SchoolEnrolmentRow>> SchoolEnrolments(long long child_id);
  Result<PregnancyRow> GetPregnancy(long long id);  // kNotFound
  // Marks an expected pregnancy born (with the child) or ended; kConflict
  // naming status when it already has an outcome.
  Status SetPregnancyOutcome(long long id, const std::string& status,
                             std::optional<long long> child_id, const std::string& on);

 private:
  soci::session& sql_;
  Engine engine_;
  store_internal::StatementCache* statements_;
};

class Store {
 public:
  // Opens a pool of `pool_size` connections. For SQLite: creates the file if
  // missing, WAL journal, foreign keys on, busy timeout. kUnavailable if the
  // database cannot be opened.
  static Result<std::unique_ptr<Store>> Open(const std::string& target, int pool_size = 4);
  ~Store();

  Engine engine() const { return engine_; }
  const std::string& target() const { return target_; }

  // Brings the schema to the newest version; returns the versions applied.
  Result<std::vector<int>> Migrate();
  // Applies the migrations up to `up_to_version` only (tests of an upgrade
  // from an older schema).
  Result<std::vector<int>> MigrateTo(int up_to_version);
  // The schema version in the database (0 for an empty database).
  Result<int> SchemaVersion();
  // The newest version this binary knows.
  static int LatestSchemaVersion();

  Status Read(const std::function<Status(Txn&)>& work);
  Status Write(const std::function<Status(Txn&)>& work);

  // How many pooled connections there are and how many are lent right now
  // (the server's /metrics).
  struct PoolUse {
    int size = 0;
    int in_use = 0;
  };
  PoolUse pool_use() const { return {pool_size_, in_use_.load(std::memory_order_relaxed)}; }

 private:
  Store(Engine engine, std::string target, int pool_size);
  Status RunGuarded(bool write, const std::function<Status(Txn&)>& work);
  // PostgreSQL: opens the pooled connection at `position` again if it was
  // lost; kUnavailable (Retry-After 1 s) while the server cannot be reached.
  Status EnsureConnected(soci::session& sql, size_t position);

  Engine engine_;
  std::string target_;
  int pool_size_;
  std::atomic<int> in_use_{0};
  // SQLite has one writer at a time. The process's writers queue here, woken
  // in turn as each commits, instead of each sleeping and retrying in
  // SQLite's busy handler (up to 100 ms a time), which let no write through
  // within 2 s with 64 writers at national scale (docs/benchmarks.md). Other
  // processes (a CLI beside the server) still meet the busy timeout.
  std::timed_mutex sqlite_writer_;
  std::unique_ptr<soci::connection_pool> pool_;
  // One cache per pooled connection, indexed by pool position; a cache is only
  // used by the thread that has leased its connection.
  std::vector<std::unique_ptr<store_internal::StatementCache>> statements_;
};

// Maps a driver exception message to a Status (unique key → kConflict, busy →
// kUnavailable, ...). Exposed for the store's own files.
Status StatusFromDriverError(const std::string& what, const std::string& context);

}  // namespace vinculo
