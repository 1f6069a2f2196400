// The nursery at national scale (issue 3): the age-out board and the 12-month
// forecast for 100,000 children living inside across 1,000 facilities, on a
// SQLite file in a temporary folder. Target: each under 200 ms.
//
// The data is generated in one transaction with set-based INSERT ... SELECT
// over a recursive counter (not measured): 10 jurisdictions with limits of
// 18 to 72 months (two of them with a law change in 2025), 1,000 facilities
// (every tenth with its own lower limit), 100,000 children born over the last
// 4 years, 5,000 admissions, 2,000 approved extensions, 3,000 pregnancies
// and 10,000 transition plans (half approved).
// The clock is fixed at 2026-11-23; the actor is the global administrator.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "service/nursery_service.h"
#include "store/ageout_store.h"
#include "store/nursery_care_store.h"
#include "store/nursery_store.h"

namespace vinculo {
namespace {

constexpr int kChildren = 100000;
constexpr int kFacilities = 1000;
constexpr int kJurisdictions = 10;

struct Fixture {
  std::filesystem::path folder;
  std::unique_ptr<Store> store;
  std::unique_ptr<FixedClock> clock;
  std::unique_ptr<AuditLog> audit;
  ServiceContext context;
};

Fixture* fixture = nullptr;

// A counter 1..n as a recursive CTE, for set-based generation.
std::string Counter(int n) {
  return "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < " +
         std::to_string(n) + ") ";
}

Status Generate(Txn& txn) {
  const std::string now = "'2026-11-23T12:00:00Z'";
  // Limits in months per jurisdiction: England-like 18 up to Bolivia-like 72.
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO jurisdictions (created_at, updated_at, code, name) " + Counter(kJurisdictions) +
      "SELECT " + now + ", " + now + ", 'J' || n, 'Jurisdiction ' || n FROM seq"));
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO coresidence_rules (created_at, updated_at, jurisdiction_id, allowed, "
      "max_age_months, rule_kind, extension_possible, effective_from, source) " +
      Counter(kJurisdictions) + "SELECT " + now + ", " + now +
      ", n, 1, 18 + (n % 10) * 6, 'law', 'yes', '1900-01-01', 'Synthetic law ' || n FROM seq"));
  // A law change in 2025 in two jurisdictions (lower limits).
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO coresidence_rules (created_at, updated_at, jurisdiction_id, allowed, "
      "max_age_months, rule_kind, extension_possible, effective_from, source) VALUES (" +
      now + ", " + now + ", 1, 1, 24, 'law', 'no', '2025-01-01', 'Reform 1'), (" + now + ", " +
      now + ", 2, 1, 36, 'law', 'no', '2025-06-01', 'Reform 2')"));
  VINCULO_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO facilities (created_at, updated_at, name, kind, jurisdiction_id, "
                  "official_capacity, current_population, has_nursery, nursery_max_age_months) " +
                  Counter(kFacilities) + "SELECT " + now + ", " + now +
                  ", 'Facility ' || n, 'prison', 1 + (n % " + std::to_string(kJurisdictions) +
                  "), 500, 600, 1, CASE WHEN n % 10 = 0 THEN 30 ELSE NULL END FROM seq"));
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO children (created_at, updated_at, given_names, family_names, pseudonym, "
      "date_of_birth, sex, placement, facility_id) " +
      Counter(kChildren) + "SELECT " + now + ", " + now +
      ", 'Child ' || n, 'Family ' || (n % 977), 'NNA-B' || n, "
      "date('2026-11-23', '-' || (n * 7 % 1460) || ' days'), "
      "CASE WHEN n % 2 = 0 THEN 'female' ELSE 'male' END, 'inside_with_mother', "
      "1 + (n % " +
      std::to_string(kFacilities) + ") FROM seq"));
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO nursery_admissions (child_id, facility_id, admitted_on, review_date, "
      "recorded_by, created_at, updated_at) SELECT id, facility_id, "
      "date(date_of_birth, '+30 days'), NULL, 0, " +
      now + ", " + now + " FROM children WHERE id % 20 = 0"));
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO coresidence_extensions (child_id, requested_on, requested_by_user_id, "
      "reason, new_age_out_date, status, approved_by_user_id, approved_on, decision_note, "
      "created_at) SELECT id, '2026-10-01', 0, 'Synthetic reason', "
      "date(date_of_birth, '+5 years'), 'approved', 0, '2026-10-02', '', " +
      now + " FROM children WHERE id % 50 = 0"));
  VINCULO_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO parents (created_at, updated_at, given_names, family_names, sex, "
                  "facility_id, custody_status, admission_date) " +
                  Counter(3000) + "SELECT " + now + ", " + now +
                  ", 'Mother ' || n, 'Family', 'female', 1 + (n % " + std::to_string(kFacilities) +
                  "), 'incarcerated', '2026-01-01' FROM seq"));
  // Transition plans (migration 3) for every tenth child, half of them
  // approved: the board reads their status in bulk.
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO transition_plans (child_id, destination, receiving_party, consulted, status, "
      "recorded_by, created_at, updated_at) SELECT id, 'relatives', 'Synthetic family', "
      "'Synthetic', CASE WHEN id % 20 = 0 THEN 'approved' ELSE 'draft' END, 0, " +
      now + ", " + now + " FROM children WHERE id % 10 = 0"));
  // Issue 15: every child keeps her age-out decision (as once each has been
  // admitted, moved inside or backfilled), and one in a hundred has a
  // proposal waiting: the board reads both in bulk.
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO ageout_decisions (child_id, facility_id, age_out_date, basis, source, policy, "
      "occasion, decided_at) SELECT id, facility_id, date(date_of_birth, '+36 months'), "
      "'jurisdiction_rule', 'Synthetic law', 'rule_at_admission', 'existing', " +
      now + " FROM children"));
  VINCULO_RETURN_IF_ERROR(txn.Execute(
      "INSERT INTO ageout_proposals (child_id, decision_id, kept_date, proposed_date, "
      "proposed_basis, proposed_source, reason, status, created_at, updated_at) SELECT "
      "child_id, id, age_out_date, date(age_out_date, '-6 months'), 'jurisdiction_rule', "
      "'Reform', 'rule version 1 added', 'pending', " +
      now + ", " + now + " FROM ageout_decisions WHERE child_id % 100 = 0"));
  return txn.Execute(
      "INSERT INTO pregnancies (parent_id, facility_id, due_date, registered_on, status, "
      "recorded_by, created_at) SELECT id, facility_id, date('2026-11-24', '+' || (id % 280) "
      "|| ' days'), '2026-11-01', 'expected', 0, " +
      now + " FROM parents");
}

Status Setup(Fixture& setup) {
  setup.folder = std::filesystem::temp_directory_path() /
                 ("vinculo-nursery-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(setup.folder);
  VINCULO_ASSIGN_OR_RETURN(setup.store, Store::Open((setup.folder / "bench.db").string(), 2));
  auto migrated = setup.store->Migrate();
  if (!migrated.ok()) return migrated.status();
  VINCULO_RETURN_IF_ERROR(setup.store->Write(Generate));
  VINCULO_RETURN_IF_ERROR(setup.store->Write([](Txn& txn) { return txn.Execute("ANALYZE"); }));
  setup.clock = std::make_unique<FixedClock>(StartOfDayUtc(*ParseDate("2026-11-23")));
  setup.audit = std::make_unique<AuditLog>(*setup.store);
  setup.context = ServiceContext{setup.store.get(), setup.clock.get(), setup.audit.get()};
  return Status::Ok();
}

void BM_AgeOutBoard(benchmark::State& state) {
  NurseryService nursery(fixture->context);
  size_t rows = 0;
  for (auto _ : state) {
    auto board = nursery.AgeOutBoard(Actor::System(), AgeOutQuery{});
    if (!board.ok()) {
      state.SkipWithError(board.status().ToString().c_str());
      return;
    }
    rows = board->size();
    benchmark::DoNotOptimize(board);
  }
  state.counters["children"] = static_cast<double>(rows);
}
BENCHMARK(BM_AgeOutBoard)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The board's reading of the children alone (nursery_store::ForEachChildInside: its
// set-based statements, rows read, nothing kept), to see how the board's time
// splits between the database and the rules engine.
void BM_ChildrenInsideQuery(benchmark::State& state) {
  for (auto _ : state) {
    long long rows = 0;
    Status status = fixture->store->Read([&rows](Txn& txn) -> Status {
      return nursery_store::ForEachChildInside(
          txn, ChildrenInsideFilter{}, Actor::System(),
          [&rows](const ChildInsideRow& child) { rows += child.child_id > 0; });
    });
    benchmark::DoNotOptimize(rows);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
}
BENCHMARK(BM_ChildrenInsideQuery)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The board's second query alone: the transition plan status of every child
// inside that has a plan (10,000 rows), read in bulk (migration 3).
void BM_TransitionPlanStatuses(benchmark::State& state) {
  for (auto _ : state) {
    size_t rows = 0;
    Status status = fixture->store->Read([&rows](Txn& txn) -> Status {
      auto plans =
          nursery_care_store::TransitionPlanStatuses(txn, ChildrenInsideFilter{}, Actor::System());
      if (!plans.ok()) return plans.status();
      rows = plans->size();
      return Status::Ok();
    });
    benchmark::DoNotOptimize(rows);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
}
BENCHMARK(BM_TransitionPlanStatuses)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The board's reading of the kept age-out decisions alone (issue 15: every
// child has one, 100,000 rows, bulk-fetched in a second pass): against
// BM_ChildrenInsideQuery, what the decisions add.
void BM_DecisionsInside(benchmark::State& state) {
  for (auto _ : state) {
    size_t rows = 0;
    Status status = fixture->store->Read([&rows](Txn& txn) -> Status {
      auto decisions = ageout_store::DecisionsInside(txn, Actor::System(), {});
      if (!decisions.ok()) return decisions.status();
      rows = decisions->size();
      return Status::Ok();
    });
    benchmark::DoNotOptimize(rows);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
}
BENCHMARK(BM_DecisionsInside)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Forecast12Months(benchmark::State& state) {
  NurseryService nursery(fixture->context);
  size_t rows = 0;
  ForecastQuery query;
  query.from_month = *ParseDate("2026-12-01");
  query.months = 12;
  for (auto _ : state) {
    auto forecast = nursery.Forecast(Actor::System(), query);
    if (!forecast.ok()) {
      state.SkipWithError(forecast.status().ToString().c_str());
      return;
    }
    rows = forecast->size();
    benchmark::DoNotOptimize(forecast);
  }
  state.counters["facility_months"] = static_cast<double>(rows);
}
BENCHMARK(BM_Forecast12Months)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

// The jemalloc options the `vinculo` binary ships with, src/common/allocator_config.cc.
const char* AllocatorConfig();
}  // namespace vinculo

int main(int argc, char** argv) {
  // Linked with jemalloc and the shipped malloc_conf, as the `vinculo` binary.
  benchmark::AddCustomContext("malloc_conf", vinculo::AllocatorConfig());
  benchmark::Initialize(&argc, argv);
  vinculo::Fixture setup;
  const vinculo::Status status = vinculo::Setup(setup);
  if (!status.ok()) {
    std::cerr << "nursery_bench: " << status.ToString() << "\n";
    return 70;
  }
  vinculo::fixture = &setup;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  setup.audit.reset();
  setup.store.reset();
  // VINCULO_BENCH_KEEP=1 keeps the database to inspect query plans.
  if (!std::getenv("VINCULO_BENCH_KEEP")) std::filesystem::remove_all(setup.folder);
  return 0;
}
