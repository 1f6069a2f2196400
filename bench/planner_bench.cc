// The visit planner on generated instances (issue 4), with the first-come
// baseline beside it:
//   (a) a programme: 300 pairs, 4 facilities, 12 escorts (target: proven
//       optimal in under 1 s);
//   (b) national: 50,000 pairs, 300 facilities, 2,000 escorts (target: a
//       complete plan in under 30 s with coverage within 1% of the bound).
// Every plan is validated by CheckPlan (not timed). Usage:
//   bench_planner [seed] [time_limit_seconds]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "planner/instance_generator.h"
#include "planner/planner.h"

namespace {

using vinculo::planner::GenerateInstance;
using vinculo::planner::GeneratorOptions;
using vinculo::planner::Instance;
using vinculo::planner::Plan;

bool Run(const char* name, const GeneratorOptions& options, double time_limit) {
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
      "| %s | %zu pairs, %zu sessions, %zu escorts | %d | %.2f s (CPU %.2f s) | %.2f (%zu visits) "
      "| %.2f | "
      "%.3f%% | %s | %zu | %.0f | %.2f (%zu visits) | %zu | %.0f | %.2f s | %zu |\n",
      name, instance.pairs.size(), instance.sessions.size(), instance.escorts.size(), plan.parts,
      plan.solve_seconds, cpu_seconds, plan.coverage, plan.visits.size(), plan.bound,
      100 * plan.gap, plan.proven_optimal ? "yes" : "no", plan.trips.size(), plan.travel_cost,
      baseline.coverage, baseline.visits.size(), baseline.trips.size(), baseline.travel_cost,
      baseline_seconds, plan_violations.size() + baseline_violations.size());
  std::printf("<!-- %s: total priority %.2f; coverage +%.1f%% over first-come -->\n", name,
              priorities, 100 * (plan.coverage - baseline.coverage) / baseline.coverage);
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
  bool valid = Run("(a) programme", programme, 10.0);

  GeneratorOptions national;
  national.seed = seed;
  national.pairs = 50000;
  national.facilities = 300;
  national.escorts = 2000;
  national.facilities_per_organisation = 2;
  national.home_bases_per_organisation = 3;
  valid = Run("(b) national", national, national_limit) && valid;
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
