// SolvePlan: the optimising monthly visit planner (issue 4). The model of
// one part, its solve (LP bound, heuristics, branch and bound) and the
// extraction of its plan are in part_model.h; this file splits the instance
// into independent parts and runs them.
//
// DECOMPOSITION. Pairs, sessions and escorts interact only through a home base
// or a facility: a union-find joins each schedulable pair's home base and
// facility, and all home bases of an escort. Each component is an independent
// MIP (a region's organisation and the prisons it visits). Two passes: first
// every part (biggest first) gets its LP bound and heuristic plan, on a pool of
// Settings::threads workers; then the time left goes to CBC, one part at a
// time (CBC's driver is not reentrant), largest gap first, each with an equal
// share of what remains (on every thread when that share is too short for
// CBC). The first-come plan
// restricted to a part is a warm start and the fallback: a part never started
// (time limit) keeps first-come, and no part returns less coverage than
// first-come, so the plan is always complete and feasible.
//
// BOUND. Per part, the LP bound on coverage, lowered by CBC's best possible
// when it ran (the model's optimum when CBC proved it); a part never started
// contributes the sum of its schedulable priorities. The model counts never
// more than the checker (part_model.cc), so this bounds every plan that passes
// CheckPlan; the plan is proven optimal only when every part's extracted plan
// reaches its bound (tests/planner/exact_model_test.cc checks both claims).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <unordered_map>

#include "planner/part_model.h"
#include "planner/plan_support.h"
#include "planner/planner.h"

namespace vinculo::planner {

using internal::Clock;
using internal::PartModel;
using internal::PartPlan;
using internal::PartTrip;
using internal::PartVisit;
using internal::Problem;

namespace {

class UnionFind {
 public:
  int Add() {
    parent_.push_back(static_cast<int>(parent_.size()));
    return parent_.back();
  }
  int Find(int node) {
    while (parent_[node] != node) node = parent_[node] = parent_[parent_[node]];
    return node;
  }
  void Join(int a, int b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<int> parent_;
};

// Components of schedulable pairs, as lists of pair indices, biggest first.
std::vector<std::vector<int>> Decompose(const Problem& problem) {
  const Instance& instance = problem.instance;
  UnionFind components;
  std::unordered_map<long long, int> base_node;
  std::unordered_map<long long, int> facility_node;
  auto node = [&](std::unordered_map<long long, int>& nodes, long long id) {
    auto it = nodes.find(id);
    if (it != nodes.end()) return it->second;
    int added = components.Add();
    nodes[id] = added;
    return added;
  };
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    if (problem.index.Candidates(pair_idx).empty()) continue;
    const Pair& pair = instance.pairs[pair_idx];
    components.Join(node(base_node, pair.home_base_id), node(facility_node, pair.facility_id));
  }
  for (const Escort& escort : instance.escorts) {
    int first = -1;
    for (long long base : escort.home_base_ids) {
      auto it = base_node.find(base);
      if (it == base_node.end()) continue;
      if (first < 0) {
        first = it->second;
      } else {
        components.Join(first, it->second);
      }
    }
  }
  std::unordered_map<int, std::vector<int>> by_root;
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    if (problem.index.Candidates(pair_idx).empty()) continue;
    by_root[components.Find(base_node[instance.pairs[pair_idx].home_base_id])].push_back(pair_idx);
  }
  std::vector<std::vector<int>> parts;
  for (auto& [root, pairs] : by_root) parts.push_back(std::move(pairs));
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
  });
  return parts;
}

}  // namespace

Plan SolvePlan(const Instance& instance) {
  Clock::time_point start = Clock::now();
  internal::PlanningIndex index(instance);
  Problem problem{instance, index, {}, {}, {}, {}, {}};
  for (int idx = 0; idx < static_cast<int>(instance.pairs.size()); ++idx) {
    problem.pair_by_id[instance.pairs[idx].id] = idx;
  }
  for (int idx = 0; idx < static_cast<int>(instance.sessions.size()); ++idx) {
    problem.session_by_id[instance.sessions[idx].id] = idx;
  }
  std::map<std::pair<std::vector<long long>, int>, int> class_by_signature;
  for (int idx = 0; idx < static_cast<int>(instance.escorts.size()); ++idx) {
    const Escort& escort = instance.escorts[idx];
    problem.escort_by_id[escort.id] = idx;
    if (escort.max_children <= 0) continue;
    auto [it, inserted] = class_by_signature.try_emplace(
        {escort.home_base_ids, escort.max_children}, static_cast<int>(problem.classes.size()));
    if (inserted) {
      problem.classes.push_back({escort.home_base_ids, escort.max_children, {}});
      std::set<long long> bases(escort.home_base_ids.begin(), escort.home_base_ids.end());
      for (long long base : bases) problem.classes_by_base[base].push_back(it->second);
    }
    problem.classes[it->second].escort_idxs.push_back(idx);
  }

  // The baseline, split by part: warm start and fallback.
  Plan first_come = PlanFirstCome(instance);
  std::vector<std::vector<int>> parts = Decompose(problem);
  std::vector<int> part_of_pair(instance.pairs.size(), -1);
  for (int part_idx = 0; part_idx < static_cast<int>(parts.size()); ++part_idx) {
    for (int pair_idx : parts[part_idx]) part_of_pair[pair_idx] = part_idx;
  }
  std::vector<PartPlan> fallback(parts.size());
  std::vector<std::map<int, int>> local_trip(parts.size());
  for (const Visit& visit : first_come.visits) {
    int pair_idx = problem.pair_by_id.at(visit.pair_id);
    int part_idx = part_of_pair[pair_idx];
    PartPlan& part = fallback[part_idx];
    auto [it, inserted] =
        local_trip[part_idx].try_emplace(visit.trip_id, static_cast<int>(part.trips.size()));
    if (inserted) {
      const Trip& trip = first_come.trips[visit.trip_id];
      part.trips.push_back({problem.escort_by_id.at(trip.escort_id), trip.home_base_id,
                            trip.facility_id, trip.date});
    }
    part.visits.push_back({pair_idx, problem.session_by_id.at(visit.session_id), it->second});
    part.coverage += instance.pairs[pair_idx].priority;
  }
  for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    double schedulable = 0;
    for (int pair_idx : parts[part_idx]) {
      schedulable += instance.pairs[pair_idx].priority * internal::MostVisits(index, pair_idx);
    }
    fallback[part_idx].bound = schedulable;
  }

  // Two passes. First every part gets its LP bound and heuristic plan (biggest
  // first) on a pool of workers; then the time left goes to branch and bound,
  // the parts with the largest gap first.
  std::vector<PartPlan> results = fallback;
  double limit = instance.settings.time_limit_seconds;
  auto left = [&]() { return limit - std::chrono::duration<double>(Clock::now() - start).count(); };
  std::vector<std::unique_ptr<PartModel>> models(parts.size());
  int threads =
      std::max(1, std::min<int>(instance.settings.threads, static_cast<int>(parts.size())));
  auto run_pool = [&](const std::function<void(size_t)>& task, size_t count) {
    std::atomic<size_t> next{0};
    auto work = [&]() {
      for (size_t item = next.fetch_add(1); item < count; item = next.fetch_add(1)) task(item);
    };
    std::vector<std::thread> workers;
    for (int worker = 1; worker < threads; ++worker) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();
  };
  run_pool(
      [&](size_t part_idx) {
        if (left() <= 0) return;  // out of time: the part keeps first-come
        auto model = std::make_unique<PartModel>(problem, parts[part_idx]);
        model->Start(fallback[part_idx]);
        models[part_idx] = std::move(model);
      },
      parts.size());
  std::vector<size_t> order;
  for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    if (models[part_idx]) order.push_back(part_idx);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return models[a]->Gap() > models[b]->Gap(); });
  // One part at a time: CBC's driver runs one search at a time (part_model.cc),
  // so each part gets an equal share of what remains. When that share is too
  // short for CBC's coverage search (the national instance: 150 parts in 15 s),
  // the parts' own moves do the work, and they run on every thread, each part
  // with its share of the threads' time (CBC's short trips stage still waits
  // for the driver, and the wait counts against the part).
  if (!order.empty() && threads > 1 &&
      left() / static_cast<double>(order.size()) < internal::kLeastCoverageSearchSeconds) {
    std::atomic<size_t> started{0};
    run_pool(
        [&](size_t position) {
          const double remaining = left();
          if (remaining <= 0.01) return;
          const size_t waiting = order.size() - started.fetch_add(1);
          models[order[position]]->Improve(remaining * threads /
                                           static_cast<double>(std::max<size_t>(waiting, threads)));
        },
        order.size());
  } else {
    for (size_t position = 0; position < order.size(); ++position) {
      double remaining = left();
      if (remaining <= 0.01) break;
      models[order[position]]->Improve(remaining / static_cast<double>(order.size() - position));
    }
  }
  Clock::time_point coverage_settled = start;
  for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    if (!models[part_idx]) continue;
    results[part_idx] = models[part_idx]->Result();
    coverage_settled = std::max(coverage_settled, models[part_idx]->coverage_settled());
  }

  // One plan from the parts.
  Plan plan;
  plan.proven_optimal = true;
  double bound = 0;
  for (const PartPlan& part : results) {
    int offset = static_cast<int>(plan.trips.size());
    for (const PartTrip& trip : part.trips) {
      Trip made;
      made.id = static_cast<int>(plan.trips.size());
      made.escort_id = instance.escorts[trip.escort_idx].id;
      made.home_base_id = trip.home_base_id;
      made.facility_id = trip.facility_id;
      made.date = trip.date;
      plan.trips.push_back(made);
    }
    for (const PartVisit& visit : part.visits) {
      plan.visits.push_back({instance.pairs[visit.pair_idx].id,
                             instance.sessions[visit.session_idx].id, offset + visit.trip});
    }
    bound += part.bound;
    plan.proven_optimal = plan.proven_optimal && part.proven_optimal;
  }
  internal::FinishPlan(index, plan);
  plan.parts = static_cast<int>(parts.size());
  plan.bound = plan.proven_optimal ? plan.coverage : std::max(bound, plan.coverage);
  plan.gap = plan.bound > 0 ? (plan.bound - plan.coverage) / plan.bound : 0;
  plan.solve_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  plan.coverage_seconds = std::chrono::duration<double>(coverage_settled - start).count();
  return plan;
}

}  // namespace vinculo::planner
