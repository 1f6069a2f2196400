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
  // The connection's prepared statements (store_internal::EachRowOf), or null.
  store_internal::StatementCache* statement_cache() { return statements_; }

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
