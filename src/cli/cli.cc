#include "cli/cli.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "cli/cli_backup.h"
#include "cli/cli_generate.h"
#include "cli/cli_report.h"
#include "cli/cli_security.h"
#include "cli/cli_supplies.h"
#include "cli/cli_visits.h"
#include "cli/cli_workshops.h"
#include "cli/exit_codes.h"
#include "cli/open_store.h"
#include "cli/output_file.h"
#include "http/api_server.h"
#include "json/nursery_json.h"
#include "service/csv_exchange.h"
#include "service/demo_programme.h"
#include "service/nursery_service.h"
#include "service/rule_set.h"
#include "service/secrets.h"

namespace vinculo {

Result<std::unique_ptr<Store>> OpenReady(const std::string& db, int pool_size) {
  auto store = Store::Open(db, pool_size);
  if (!store.ok()) return store.status();
  auto version = (*store)->SchemaVersion();
  if (!version.ok()) return version.status();
  if (*version == 0) {
    return Status(StatusCode::kNotFound,
                  "the database " + db + " is not initialised; run: vinculo init --db " + db);
  }
  if (*version < Store::LatestSchemaVersion()) {
    return Status(StatusCode::kConflict, "the database schema is at version " +
                                             std::to_string(*version) +
                                             "; run: vinculo migrate --db " + db);
  }
  return store;
}

namespace {

// Prints "vinculo: <category>: <message>" and returns the matching exit code.
int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

std::string DefaultDatabase() {
  const char* from_env = std::getenv("VINCULO_DB");
  return from_env && *from_env ? from_env : "var/vinculo.db";
}

// The clock, audit log and services of one CLI run.
struct Session {
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<AuditLog> audit;
  ServiceContext context;
  explicit Session(std::unique_ptr<Store> opened,
                   std::chrono::milliseconds audit_batch_interval = std::chrono::milliseconds(200))
      : store(std::move(opened)) {
    audit = std::make_unique<AuditLog>(*store, audit_batch_interval);
    context = ServiceContext{store.get(), &clock, audit.get()};
  }
};

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status(StatusCode::kNotFound, "cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

const RecordKind* KindFromName(const std::string& name) { return FindRecordKind(name); }

std::string KindNames() {
  std::string names;
  for (const RecordKind* kind : AllRecordKinds()) {
    names += (names.empty() ? "" : ", ") + std::string(kind->name);
  }
  return names;
}

// The built web UI: web/dist of the source tree this binary was configured
// from (VINCULO_WEB_DIST), else web/dist under the working directory or next
// to the binary, else an installed share/vinculo/web.
std::string DefaultWebDir() {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  std::vector<std::filesystem::path> candidates;
#ifdef VINCULO_WEB_DIST
  candidates.emplace_back(VINCULO_WEB_DIST);
#endif
  candidates.insert(candidates.end(),
                    {std::filesystem::path("web/dist"), exe.parent_path() / "../web/dist",
                     exe.parent_path() / "../share/vinculo/web"});
  for (const std::filesystem::path& candidate : candidates) {
    if (std::filesystem::exists(candidate / "index.html", error)) return candidate.string();
  }
  return {};
}

// Where `serve` journals reads ahead when --audit-journal is not given: beside
// a SQLite file; for PostgreSQL under $STATE_DIRECTORY (systemd's) or var/,
// named after the database.
std::string DefaultAuditJournal(const std::string& db, bool sqlite) {
  if (sqlite) return db + ".audit-journal";
  std::string name = "vinculo";
  if (const size_t at = db.find("dbname="); at != std::string::npos) {
    const size_t start = at + 7;
    const size_t end = db.find(' ', start);
    name = db.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  const char* state = std::getenv("STATE_DIRECTORY");
  return std::string(state && *state ? state : "var") + "/" + name + ".audit-journal";
}

constexpr int kSqliteActiveRequests = 8;
constexpr int kSqlitePoolPerActiveRequest = 3;

int Serve(const std::string& db, ApiOptions options, int shutdown_timeout_seconds,
          std::string audit_journal, int audit_batch_ms) {
  // SIGINT and SIGTERM are blocked before any thread starts (the audit
  // writer, the store's, httplib's workers), so every thread inherits the
  // mask and only the waiter below receives them; a thread that had them
  // unblocked would take the default action and kill the process mid-request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const bool sqlite = db.find("dbname=") == std::string::npos &&
                      db.find("host=") == std::string::npos && db.rfind("postgres", 0) != 0;
  // Issue 13: on SQLite, whose requests are all CPU, at most this many
  // handlers run at once unless --active-requests says otherwise: the child
  // GET's p99 stayed under 10 ms in every round with it, in 10 of 15 without
  // (docs/benchmarks.md).
  if (options.active_requests < 0) options.active_requests = sqlite ? kSqliteActiveRequests : 0;
  // Connections: PostgreSQL's cost server memory; 16 keep two cores busy and
  // the pool queues the rest. SQLite's each keep a page cache of up to 2 MiB:
  // one per worker thread (96 in the national benchmark) held 190 MiB of the
  // server's memory (issue 14), while only the admitted handlers and the
  // audit writer use one at once. Without a gate, one per thread, so that no
  // request waits for a connection.
  const int sqlite_pool =
      options.active_requests > 0
          ? std::min(options.threads, kSqlitePoolPerActiveRequest * options.active_requests)
          : options.threads;
  auto store = OpenReady(db, sqlite ? sqlite_pool : 16);
  if (!store.ok()) return Fail(store.status());
  Session session(std::move(*store), std::chrono::milliseconds(audit_batch_ms));
  // Reads are journaled ahead of their answer (see AuditLog): a server that
  // cannot keep that promise does not start.
  if (audit_journal.empty()) audit_journal = DefaultAuditJournal(db, sqlite);
  std::error_code folder_error;
  std::filesystem::create_directories(std::filesystem::path(audit_journal).parent_path(),
                                      folder_error);
  if (Status journal = session.audit->UseJournal(audit_journal); !journal.ok()) {
    return Fail(Status(journal.code(),
                       journal.message() + " (choose a writable place with --audit-journal)"));
  }
  ApiServer server(session.context, options);
  Status bound = server.Bind();
  if (!bound.ok()) return Fail(bound);

  // On a signal: stop accepting, let the requests in flight finish, flush
  // the audit log and exit 0; if that takes longer than the timeout, exit
  // with kExitUnavailable rather than hang a service manager's stop.
  std::mutex finished_mutex;
  std::condition_variable finished_signal;
  bool finished = false;
  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    {
      std::lock_guard<std::mutex> lock(finished_mutex);
      if (finished) return;
    }
    spdlog::info("signal {} received: no new connections; finishing the requests in flight",
                 received == SIGINT ? "SIGINT" : "SIGTERM");
    server.Stop();
    std::unique_lock<std::mutex> lock(finished_mutex);
    if (!finished_signal.wait_for(lock, std::chrono::seconds(shutdown_timeout_seconds),
                                  [&] { return finished; })) {
      spdlog::error("requests still running {} s after the signal; exiting without them",
                    shutdown_timeout_seconds);
      std::_Exit(kExitUnavailable);
    }
  });

  std::cout << "Vínculo is serving on http://" << options.host << ":" << server.port() << "/\n"
            << "  database: " << (session.store->engine() == Engine::kSqlite ? db : "PostgreSQL")
            << "\n"
            << "  web UI:   "
            << (options.web_dir.empty()
                    ? "not built (the API alone is served); build it with: make web"
                    : options.web_dir)
            << "\n"
            << "Stop with Ctrl-C." << std::endl;
  Status ran = server.Run();
  Status flushed = session.audit->Flush();
  if (!flushed.ok()) spdlog::error("audit log not flushed: {}", flushed.ToString());
  {
    std::lock_guard<std::mutex> lock(finished_mutex);
    finished = true;
  }
  finished_signal.notify_all();
  // Wakes the waiter if no signal came (the server stopped by itself); if it
  // already took one, this one stays pending and blocked, harmlessly.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (ran.ok()) spdlog::info("stopped");
  return ran.ok() ? kExitOk : Fail(ran);
}

int Init(const std::string& db, bool demo) {
  auto store = Store::Open(db, 2);
  if (!store.ok()) return Fail(store.status());
  auto applied = (*store)->Migrate();
  if (!applied.ok()) return Fail(applied.status());
  Session session(std::move(*store));
  RecordService records(session.context);
  AuthService auth(session.context);
  if (demo) {
    auto report = CreateDemoProgramme(session.context, records, auth);
    if (!report.ok()) return Fail(report.status());
    std::cout << "Created the demo programme in " << db << ": " << report->organisations
              << " organisations, " << report->facilities << " facilities, " << report->parents
              << " parents, " << report->children << " children, " << report->users
              << " users (all names are invented).\n"
              << "Sign in as: " << report->admin_username << " / " << report->admin_password
              << "\n";
    return kExitOk;
  }
  auto csv = DefaultRuleSetCsv();
  if (!csv.ok()) return Fail(csv.status());
  auto rules = LoadCoresidenceRules(records, Actor::System(), *csv);
  if (!rules.ok()) return Fail(rules.status());
  std::cout << "Initialised " << db << " (schema version " << Store::LatestSchemaVersion() << "); "
            << rules->rules_created << " co-residence rules loaded, " << rules->rules_unchanged
            << " already present.\n";
  return kExitOk;
}

int Migrate(const std::string& db) {
  auto store = Store::Open(db, 1);
  if (!store.ok()) return Fail(store.status());
  auto applied = (*store)->Migrate();
  if (!applied.ok()) return Fail(applied.status());
  if (applied->empty()) {
    std::cout << "The schema is up to date (version " << Store::LatestSchemaVersion() << ").\n";
  } else {
    std::cout << "Applied migrations:";
    for (int version : *applied) std::cout << " " << version;
    std::cout << "\n";
  }
  return kExitOk;
}

int AddUser(const std::string& db, NewUser user, const std::string& role_name,
            bool password_stdin) {
  auto role = ParseRole(role_name);
  if (!role.ok()) return Fail(role.status());
  user.role = *role;
  if (!password_stdin) {
    return Fail(InvalidArgument("password-stdin",
                                "give the password on standard input with --password-stdin, "
                                "never on the command line"));
  }
  std::getline(std::cin, user.password);
  if (!user.password.empty() && user.password.back() == '\r') user.password.pop_back();
  auto store = OpenReady(db, 1);
  if (!store.ok()) return Fail(store.status());
  Session session(std::move(*store));
  AuthService auth(session.context);
  auto created = auth.AddUser(Actor::System(), user);
  if (!created.ok()) return Fail(created.status());
  std::cout << "Added user " << created->username << " (" << RoleName(created->role) << "), id "
            << created->id << ".\n";
  return kExitOk;
}

int Import(const std::string& db, const std::string& kind_name, const std::string& path) {
  const RecordKind* kind = KindFromName(kind_name);
  if (!kind) return Fail(InvalidArgument("kind", "must be one of: " + KindNames()));
  auto text = ReadInput(path);
  if (!text.ok()) return Fail(text.status());
  auto store = OpenReady(db, 1);
  if (!store.ok()) return Fail(store.status());
  Session session(std::move(*store));
  RecordService records(session.context);
  auto report = ImportCsv(records, Actor::System(), *kind, *text);
  if (!report.ok()) {
    std::cerr << "vinculo: nothing was imported.\n";
    return Fail(report.status());
  }
  std::cout << "Imported " << report->created << " " << kind->name << ".\n";
  return kExitOk;
}

int Export(const std::string& db, const std::string& kind_name, bool with_names,
           const std::string& output, const std::string& separator, bool byte_order_mark,
           const std::string& format_name) {
  auto dialect = CsvDialectNamed(separator, byte_order_mark);
  if (!dialect.ok()) return Fail(dialect.status());
  auto format = SheetFormatNamed(format_name);
  if (!format.ok()) return Fail(format.status());
  const RecordKind* kind = KindFromName(kind_name);
  if (!kind) return Fail(InvalidArgument("kind", "must be one of: " + KindNames()));
  auto store = OpenReady(db, 1);
  if (!store.ok()) return Fail(store.status());
  Session session(std::move(*store));
  RecordService records(session.context);
  ExportOptions options;
  options.with_names = with_names;
  options.dialect = *dialect;
  auto bytes = ExportRecords(records, Actor::System(), *kind, options, *format);
  if (!bytes.ok()) return Fail(bytes.status());
  if (output.empty() || output == "-") {
    std::cout << *bytes << std::flush;
    return std::cout ? kExitOk
                     : Fail(Status(StatusCode::kUnavailable, "could not write", "output"));
  }
  // Whole or not at all: a failed export leaves the previous file as it was.
  if (Status written = WriteFileWhole(output, *bytes, "output"); !written.ok())
    return Fail(written);
  return kExitOk;
}

// The age-out board as the system sees it: every child living inside, with
// names (the operator of the machine is the installation's administrator).
int AgeOuts(const std::string& db, const AgeOutQuery& query, const std::string& as_of_text,
            bool as_json) {
  AgeOutQuery board_query = query;
  if (!as_of_text.empty()) {
    auto as_of = ParseDate(as_of_text, "as-of");
    if (!as_of.ok()) return Fail(as_of.status());
    board_query.as_of = *as_of;
  }
  auto store = OpenReady(db, 1);
  if (!store.ok()) return Fail(store.status());
  Session session(std::move(*store));
  NurseryService nursery(session.context);
  auto board = nursery.AgeOutBoard(Actor::System(), board_query);
  if (!board.ok()) return Fail(board.status());
  if (as_json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const AgeOutRow& row : *board) rows.push_back(AgeOutRowToJson(row));
    std::cout << rows.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(8) << "child" << std::setw(14) << "pseudonym" << std::setw(32)
            << "name" << std::setw(12) << "born" << std::setw(12) << "age-out" << std::setw(7)
            << "days" << std::setw(10) << "alert"
            << "facility / rule\n";
  for (const AgeOutRow& row : *board) {
    std::cout << std::left << std::setw(8) << row.child_id << std::setw(14) << row.pseudonym
              << std::setw(32) << row.name.value_or("").substr(0, 30) << std::setw(12)
              << row.date_of_birth;
    if (row.age_out) {
      std::cout << std::setw(12) << FormatDate(row.age_out->age_out_date) << std::setw(7)
                << row.age_out->days_remaining << std::setw(10) << row.alert_level << row.facility
                << " / " << AgeOutBasisName(row.age_out->basis) << " / plan " << row.TransitionPlanShown()
                << (row.needs_plan ? " (needed)" : "") << "\n";
    } else {
      std::cout << std::setw(12) << "?" << std::setw(7) << "?" << std::setw(10) << row.alert_level
                << row.facility << " / " << row.problem << "\n";
    }
  }
  std::cout << board->size() << " children living inside.\n";
  return kExitOk;
}

int PrintOpenApi(const std::string& output) {
  if (output.empty()) {
    std::cout << OpenApiDocument() << "\n";
    return kExitOk;
  }
  std::ofstream file(output, std::ios::binary);
  file << OpenApiDocument() << "\n";
  if (!file) return Fail(Status(StatusCode::kUnavailable, "cannot write " + output));
  return kExitOk;
}

}  // namespace

int RunCli(int argc, char** argv) {
  // Logs go to standard error, never standard output, which belongs to what
  // a command prints (an export, --json). VINCULO_LOG_LEVEL or
  // `serve --log-level` chooses how much.
  spdlog::set_default_logger(spdlog::stderr_color_mt("vinculo"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S%z %^%l%$ %v");
  if (const char* level = std::getenv("VINCULO_LOG_LEVEL"); level && *level) {
    spdlog::set_level(spdlog::level::from_str(level));
  }
  if (!InitSecrets().ok()) return Fail(Internal("libsodium could not start"));

  CLI::App app{
      "Vínculo: records, nursery, visits and workshops for children of imprisoned parents"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vinculo 0.1.0");
  std::string db = DefaultDatabase();
  const char* kDbHelp =
      "SQLite file path, or a PostgreSQL connection string such as "
      "\"host=127.0.0.1 port=5432 dbname=vinculo user=vinculo\" (default: $VINCULO_DB or "
      "var/vinculo.db)";

  ApiOptions serve_options;
  serve_options.active_requests = -1;  // by engine, in Serve()
  serve_options.web_dir = DefaultWebDir();
  CLI::App* serve = app.add_subcommand("serve", "Serve the HTTP API and the web UI");
  serve->add_option("--db", db, kDbHelp);
  serve->add_option("--host", serve_options.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", serve_options.port, "Port to listen on")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve
      ->add_option("--threads", serve_options.threads,
                   "Worker threads; keep above the number of concurrent connections")
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
  serve
      ->add_option("--active-requests", serve_options.active_requests,
                   "Requests handled at once; the others wait their turn in arrival order "
                   "(0: no bound; default 8 on SQLite, no bound on PostgreSQL, whose "
                   "requests wait on the network)")
      ->check(CLI::Range(0, 1024));
  serve
      ->add_option("--request-queue-wait-ms", serve_options.request_queue_wait_ms,
                   "Longest wait for a turn, after which a request runs anyway (so that a few "
                   "long requests cannot hold the others back)")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  bool web_root_given = false;
  serve
      ->add_option("--web-root,--web-dir", serve_options.web_dir,
                   "Folder of the built web UI (default: the source tree's web/dist; build it "
                   "with: make web)")
      ->each([&web_root_given](const std::string&) { web_root_given = true; });
  serve->add_flag("--secure-cookies", serve_options.secure_cookies,
                  "Mark the session cookie Secure (when served over HTTPS)");
  std::string log_level = "info";
  serve->add_option("--log-level", log_level, "Least severe log lines written to standard error")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  bool no_access_log = false;
  serve->add_flag("--no-access-log", no_access_log,
                  "Leave out the access log (one line per request: method, route, status, "
                  "duration)");
  std::string metrics_token_file;
  serve
      ->add_option("--metrics-token-file", metrics_token_file,
                   "File holding the token GET /metrics then requires as a Bearer token from any "
                   "address (default: $VINCULO_METRICS_TOKEN; without a token /metrics answers "
                   "loopback only)")
      ->check(CLI::ExistingFile);
  std::string audit_journal;
  serve->add_option("--audit-journal", audit_journal,
                    "File where each read of a child's or parent's record is written before it is "
                    "answered, until the audit log has it (default: beside a SQLite database; "
                    "for PostgreSQL $STATE_DIRECTORY/<dbname>.audit-journal or "
                    "var/<dbname>.audit-journal)");
  int audit_batch_ms = 200;
  serve->add_option("--audit-batch-ms", audit_batch_ms)
      ->check(CLI::Range(10, 3600000))
      ->group("");  // for tests of the journal: reads stay queued this long
  int shutdown_timeout_seconds = 20;
  serve
      ->add_option("--shutdown-timeout", shutdown_timeout_seconds,
                   "Seconds the requests in flight get to finish after SIGTERM or SIGINT")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));

  bool demo = false;
  CLI::App* init = app.add_subcommand(
      "init", "Create or upgrade the database and load the default co-residence rules");
  init->add_option("--db", db, kDbHelp);
  init->add_flag("--demo", demo, "Also create the demo programme (invented names) and its users");

  CLI::App* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");
  migrate->add_option("--db", db, kDbHelp);

  CLI::App* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  NewUser new_user;
  std::string role_name;
  bool password_stdin = false;
  long long organisation_id = 0;
  long long facility_id = 0;
  long long staff_id = 0;
  CLI::App* user_add = user->add_subcommand("add", "Add a user; the password is read from stdin");
  user_add->add_option("--db", db, kDbHelp);
  user_add->add_option("--username", new_user.username, "Login name")->required();
  user_add
      ->add_option("--role", role_name,
                   "administrator, programme_coordinator, caregiver, social_worker, "
                   "nursery_officer, visits_officer or auditor")
      ->required();
  auto* org_option = user_add->add_option("--org", organisation_id, "Organisation id");
  auto* facility_option = user_add->add_option("--facility", facility_id, "Facility id");
  org_option->excludes(facility_option);
  auto* staff_option = user_add->add_option(
      "--staff", staff_id, "Staff record id the user is (of her organisation; e.g. an escort)");
  user_add->add_option("--display-name", new_user.display_name, "Name shown in the UI");
  user_add->add_option("--language", new_user.language, "es or en")->capture_default_str();
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");

  std::string kind_name;
  std::string path;
  CLI::App* import = app.add_subcommand(
      "import", "Import records from CSV (UTF-8), all or nothing; reports the failing line");
  import->add_option("--db", db, kDbHelp);
  import->add_option("--kind", kind_name, "Record kind: " + KindNames())->required();
  import->add_option("--file", path, "CSV file, or - for standard input")->required();

  bool with_names = false;
  std::string output;
  CLI::App* export_command = app.add_subcommand(
      "export", "Export records as CSV or XLSX; children appear under their pseudonyms by default");
  export_command->add_option("--db", db, kDbHelp);
  export_command->add_option("--kind", kind_name, "Record kind: " + KindNames())->required();
  export_command->add_flag("--with-names", with_names,
                           "Include children's real names (handle the file as confidential)");
  export_command->add_option("--output", output, "Output file (default: standard output)");
  std::string separator = "comma";
  export_command
      ->add_option("--separator", separator,
                   "comma (RFC 4180, decimal points) or semicolon (decimal commas, for "
                   "spreadsheets in Spanish, German, French... locales)")
      ->capture_default_str();
  std::string export_format = "csv";
  export_command
      ->add_option("--format", export_format,
                   "csv, or xlsx (a workbook: numbers as numbers, no formula is ever read)")
      ->capture_default_str();
  bool byte_order_mark = false;
  export_command->add_flag("--bom", byte_order_mark,
                           "Start with a UTF-8 byte order mark, so Excel for Windows reads "
                           "accents right");

  AgeOutQuery ageout_query;
  long long ageout_facility = 0;
  int within_days = 0;
  std::string as_of_text;
  bool as_json = false;
  CLI::App* ageouts = app.add_subcommand(
      "ageouts", "List the children living inside by days until they must leave (age-out board)");
  ageouts->add_option("--db", db, kDbHelp);
  auto* ageout_facility_option =
      ageouts->add_option("--facility", ageout_facility, "Only this facility id");
  auto* within_option =
      ageouts->add_option("--within", within_days, "Only age-outs at most this many days away")
          ->check(CLI::Range(0, 36500));
  ageouts->add_option("--as-of", as_of_text,
                      "Count days from this date, YYYY-MM-DD (default: today)");
  ageouts->add_flag("--json", as_json, "Print a JSON array instead of a table");
  std::string openapi_output;
  CLI::App* openapi = app.add_subcommand(
      "openapi", "Print the OpenAPI 3 document the server serves, generated from its operations");
  openapi->add_option("--output", openapi_output, "Output file (default: standard output)");
  SupplyCommands supply_commands;
  supply_commands.Add(app, db, kDbHelp);
  SecurityCommands security_commands;
  security_commands.Add(app, db, kDbHelp);
  BackupCommands backup_commands;
  backup_commands.Add(app, db, kDbHelp);
  ReportCommands report_commands;
  report_commands.Add(app, db, kDbHelp);

  WorkshopCommands workshop_commands;
  AddWorkshopCommands(app, workshop_commands, db, kDbHelp);
  std::unique_ptr<VisitCommands> visit_commands = AddVisitCommands(app, db);
  std::unique_ptr<GenerateCommand> generate_command = AddGenerateCommand(app, db);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitUsage;
  }

  if (auto code = visit_commands->RunIfChosen()) return *code;
  if (auto code = generate_command->RunIfChosen()) return *code;
  if (*serve) {
    std::error_code error;
    if (web_root_given && !std::filesystem::exists(
                              std::filesystem::path(serve_options.web_dir) / "index.html", error)) {
      return Fail(
          Status(StatusCode::kNotFound, "--web-root " + serve_options.web_dir +
                                            " holds no index.html; build the web UI with: make web "
                                            "(or: cd web && npm ci && npm run build)"));
    }
    if (*serve->get_option("--log-level")) spdlog::set_level(spdlog::level::from_str(log_level));
    serve_options.access_log = !no_access_log;
    if (const char* token = std::getenv("VINCULO_METRICS_TOKEN"); token && *token) {
      serve_options.metrics_token = token;
    }
    if (!metrics_token_file.empty()) {
      auto token = ReadInput(metrics_token_file);
      if (!token.ok()) return Fail(token.status());
      serve_options.metrics_token = *token;
      while (!serve_options.metrics_token.empty() &&
             std::isspace(static_cast<unsigned char>(serve_options.metrics_token.back()))) {
        serve_options.metrics_token.pop_back();
      }
      if (serve_options.metrics_token.empty()) {
        return Fail(InvalidArgument("metrics-token-file", "the file holds no token"));
      }
    }
    return Serve(db, serve_options, shutdown_timeout_seconds, audit_journal, audit_batch_ms);
  }
  if (*openapi) return PrintOpenApi(openapi_output);
  if (*init) return Init(db, demo);
  if (*migrate) return Migrate(db);
  if (*user_add) {
    if (*org_option) new_user.organisation_id = organisation_id;
    if (*facility_option) new_user.facility_id = facility_id;
    if (*staff_option) new_user.staff_id = staff_id;
    return AddUser(db, new_user, role_name, password_stdin);
  }
  if (*import) return Import(db, kind_name, path);
  if (*export_command) {
    return Export(db, kind_name, with_names, output, separator, byte_order_mark, export_format);
  }
  if (supply_commands.Chosen()) return supply_commands.Run(db);
  if (security_commands.Chosen()) return security_commands.Run(db);
  if (backup_commands.Chosen()) return backup_commands.Run(db);
  if (report_commands.Chosen()) return report_commands.Run(db);
  if (*ageouts) {
    if (*ageout_facility_option) ageout_query.facility_id = ageout_facility;
    if (*within_option) ageout_query.within_days = within_days;
    return AgeOuts(db, ageout_query, as_of_text, as_json);
  }
  if (*workshop_commands.workshops) return RunWorkshopCommands(workshop_commands);
  return kExitUsage;
}

}  // namespace vinculo
