// The visit planner on generated instances (issue 4), with the first-come
// baseline beside it:
//   (a) a programme: 300 pairs, 4 facilities, 12 escorts (target: proven
//       optimal in under 1 s);
//   (b) national: 50,000 pairs, 300 facilities, 2,000 escorts (target: a
//       complete plan in under 30 s with coverage within 0.5% of the bound).
// Issue 19: (a) is run five times and its median solve time reported; growth
// is measured at 300, 3,000, 20,000 and 50,000 pairs (facilities and escorts
// in the national proportion) in the same run. The bound is a bound of the
// real rules (tests/planner/exact_model_test.cc checks it against an exact
// model), so the gap is a true gap. Every plan is validated by CheckPlan (not
// timed). Usage:
//   bench_planner [seed] [time_limit_seconds] [a: only (a) | b: only (b)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "planner/instance_generator.h"
#include "planner/planner.h"

namespace {

using vinculo::planner::GenerateInstance;
using vinculo::planner::GeneratorOptions;
using vinculo::planner::Instance;
using vinculo::planner::Plan;

bool Run(const char* name, const GeneratorOptions& options, double time_limit,
         double* solve_seconds = nullptr, double* coverage_seconds = nullptr) {
  Instance instance = GenerateInstance(options);
  instance.settings.time_limit_seconds = time_limit;
  auto started = std::chrono::steady_clock::now();
  Plan baseline = vinculo::planner::PlanFirstCome(instance);
  double baseline_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::clock_t cpu_started = std::clock();
  Plan plan = vinculo::planner::SolvePlan(instance);
  double cpu_seconds = static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC;
  auto plan_violations = vinculo::planner::CheckPlan(instance, plan);
  auto baseline_violations = vinculo::planner::CheckPlan(instance, baseline);
  double priorities = 0;
  for (const auto& pair : instance.pairs) priorities += pair.priority;
  std::printf(
      "| %s | %zu pairs, %zu sessions, %zu escorts | %d | %.2f s (CPU %.2f s; coverage settled "
      "at %.2f s) | %.2f (%zu visits) "
      "| %.2f | "
      "%.3f%% | %s | %zu | %.0f | %.2f (%zu visits) | %zu | %.0f | %.2f s | %zu |\n",
      name, instance.pairs.size(), instance.sessions.size(), instance.escorts.size(), plan.parts,
      plan.solve_seconds, cpu_seconds, plan.coverage_seconds, plan.coverage, plan.visits.size(),
      plan.bound, 100 * plan.gap, plan.proven_optimal ? "yes" : "no", plan.trips.size(),
      plan.travel_cost, baseline.coverage, baseline.visits.size(), baseline.trips.size(),
      baseline.travel_cost, baseline_seconds, plan_violations.size() + baseline_violations.size());
  std::printf(
      "<!-- %s: total priority %.2f; coverage +%.1f%% over first-come; trips saved %d -->\n", name,
      priorities, 100 * (plan.coverage - baseline.coverage) / baseline.coverage,
      static_cast<int>(baseline.trips.size()) - static_cast<int>(plan.trips.size()));
  if (solve_seconds != nullptr) *solve_seconds = plan.solve_seconds;
  if (coverage_seconds != nullptr) *coverage_seconds = plan.coverage_seconds;
  return plan_violations.empty() && baseline_violations.empty();
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2026;
  double national_limit = argc > 2 ? std::atof(argv[2]) : 25.0;
  std::printf(
      "| instance | size | parts | solve time | coverage | bound | gap | proven optimal | trips | "
      "travel cost | first-come coverage | first-come trips | first-come cost | first-come time | "
      "violations |\n");
  std::printf(
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- "
      "|\n");
  GeneratorOptions programme;
  programme.seed = seed;
  programme.pairs = 300;
  programme.facilities = 4;
  programme.escorts = 12;
  programme.facilities_per_organisation = 4;
  programme.home_bases_per_organisation = 4;
  bool valid = true;
  bool only_b = argc > 3 && (std::string(argv[3]) == "b" || std::atoi(argv[3]) > 0);
  std::vector<double> times;
  std::vector<double> coverage_times;
  for (int run = 0; run < (only_b ? 0 : 5); ++run) {
    double seconds = 0;
    double coverage_seconds = 0;
    valid = Run("(a) programme", programme, 10.0, &seconds, &coverage_seconds) && valid;
    times.push_back(seconds);
    coverage_times.push_back(coverage_seconds);
  }
  if (!only_b) {
    std::sort(times.begin(), times.end());
    std::sort(coverage_times.begin(), coverage_times.end());
    std::printf("<!-- (a) median of 5: solve %.3f s, coverage settled at %.3f s -->\n", times[2],
                coverage_times[2]);
  }
  if (argc > 3 && std::string(argv[3]) == "a") return valid ? 0 : 1;  // (a) only

  // Growth: the national shape (2 facilities and 3 home bases per
  // organisation, 6 facilities and 40 escorts per 1,000 pairs).
  for (int pairs : {3000, 20000, 50000}) {
    if (only_b && pairs != 50000) continue;
    if (argc > 3 && std::atoi(argv[3]) > 0 && pairs != std::atoi(argv[3])) continue;
    GeneratorOptions national;
    national.seed = seed;
    national.pairs = pairs;
    national.facilities = pairs * 6 / 1000;
    national.escorts = pairs * 40 / 1000;
    national.facilities_per_organisation = 2;
    national.home_bases_per_organisation = 3;
    std::string name = pairs == 50000 ? "(b) national" : "growth " + std::to_string(pairs);
    valid = Run(name.c_str(), national, national_limit) && valid;
  }
  std::string load = "unknown";
  if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
    char text[64] = {0};
    if (std::fgets(text, sizeof text, file) != nullptr) load = text;
    std::fclose(file);
    while (!load.empty() && load.back() == '\n') load.pop_back();
  }
  std::printf("\nseed %llu, national time limit %.0f s, load average after the run: %s\n",
              static_cast<unsigned long long>(seed), national_limit, load.c_str());
  return valid ? 0 : 1;
}
