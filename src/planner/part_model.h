// PartModel: the optimising planner's model of one part of an instance (a
// region's organisation and the prisons it visits), its LP bound, heuristics
// and branch and bound, and the extraction of its plan. Internal to
// src/planner; solve_plan.cc decomposes the instance and runs the parts.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "planner/plan_support.h"
#include "planner/planner.h"

class OsiClpSolverInterface;

namespace vinculo::planner::internal {

using Clock = std::chrono::steady_clock;

// CBC given less than this on a part the first pass did not prove changed
// nothing (the national instance: 140 parts searched for 0.1 s each, none
// moved); below it the part's time goes to rebuilding groups and to the
// trips stage, and the parts, which then need CBC little or not at all, are
// improved on every thread (solve_plan.cc).
constexpr double kLeastCoverageSearchSeconds = 0.5;

// Escorts with the same home bases and maximum of children.
struct EscortClass {
  std::vector<long long> home_base_ids;
  int max_children = 0;
  std::vector<int> escort_idxs;
};

struct Problem {
  const Instance& instance;
  const internal::PlanningIndex& index;
  std::vector<EscortClass> classes;
  std::unordered_map<long long, std::vector<int>> classes_by_base;
  std::unordered_map<long long, int> pair_by_id;
  std::unordered_map<long long, int> session_by_id;
  std::unordered_map<long long, int> escort_by_id;
};

// A part's plan in instance indices; trips are local to the part.
struct PartTrip {
  int escort_idx;
  long long home_base_id;
  long long facility_id;
  Date date;
};
struct PartVisit {
  int pair_idx;
  int session_idx;
  int trip;
};
struct PartPlan {
  std::vector<PartTrip> trips;
  std::vector<PartVisit> visits;
  double coverage = 0;
  double bound = 0;
  bool proven_optimal = false;
};

// The model of one part, its solve and the extraction of its plan.
class PartModel {
 public:
  PartModel(const Problem& problem, const std::vector<int>& pairs)
      : problem_(problem), instance_(problem.instance), pairs_(pairs) {}

  // Builds the model, solves its LP relaxation (the coverage bound) and finds a
  // good plan with LP-guided heuristics (never worse than `first_come`, which
  // must outlive the model).
  void Start(const PartPlan& first_come);
  // Branch and bound on coverage if not yet proven, then on trips, cost and
  // bonuses at that coverage, for at most about `seconds`.
  void Improve(double seconds);
  PartPlan Result() const;
  bool proven() const { return proven_; }
  double Gap() const { return coverage_bound_ - CoverageOf(best_); }
  // When the coverage stage last ended (Start, or Improve's branch and bound).
  Clock::time_point coverage_settled() const { return coverage_settled_; }

 private:
  struct Group {  // one (home base, facility, date)
    long long home_base_id;
    long long facility_id;
    Date date;
    std::vector<int> y_cols;
    std::vector<std::pair<int, int>> z_cols;  // (column, class)
    // Per session, when the group has children in two sessions that day: the
    // Zs columns, parallel to z_cols (trips of the class attending the session).
    std::map<int, std::vector<int>> zs_cols;
  };

  void Build();
  int AddColumn(double objective, double upper, bool integer) {
    objective_.push_back(objective);
    upper_.push_back(upper);
    integer_.push_back(integer);
    return static_cast<int>(objective_.size()) - 1;
  }
  void AddRow(const std::vector<std::pair<int, double>>& terms, double upper) {
    int row = static_cast<int>(row_upper_.size());
    for (const auto& [col, value] : terms) {
      rows_.push_back(row);
      cols_.push_back(col);
      values_.push_back(value);
    }
    row_upper_.push_back(upper);
  }
  double TripWeight(const Group& group) const;
  // Whether two visits cannot both happen (one pair on one day, a child's
  // two parents in sessions she cannot attend both of).
  bool Exclusive(int y_a, int y_b) const;
  // Terms counting each child (or parent) of `y_cols` once: a y column alone,
  // or an implied column u >= each clique of its y columns that exclude
  // each other when it has several.
  std::vector<std::pair<int, double>> CountOnce(const std::vector<int>& y_cols,
                                                long long Pair::*member);
  // Sets every implied column to the largest of its y columns.
  void FillImplied(std::vector<double>& x) const;
  // Trips kept to what the visits of `x` need (per class, per session).
  void CloseUnneededTrips(std::vector<double>& x) const;
  // Visits of an extracted plan are dropped, the lowest priority first (with
  // the dropped child's siblings visiting that parent there), until each
  // session's load fits its capacity by the domain's rule (`Fits`). The model's
  // rows hold the places exactly; what breaks is people, a packing into trips
  // the model's counts could not foresee.
  void DropOverfull(PartPlan& plan) const;
  // A family's visits to a session not all on one trip are dropped together.
  void DropSplitFamilies(PartPlan& plan) const;
  // The LP (integers marked) for `objective`; with min_coverage > 0, a row
  // keeping coverage at least that; without bonuses, the v and w columns and
  // their rows are left out (fixed at 0), which makes the coverage LP smaller.
  std::unique_ptr<OsiClpSolverInterface> MakeSolver(const std::vector<double>& objective,
                                                    double min_coverage, bool bonuses) const;
  void FillBonuses(std::vector<double>& x) const;
  // With `fill_first`, those pairs are placed first, filling trips a (base,
  // facility, date) at a time (the one most of them can still use first).
  std::vector<double> Greedy(const std::vector<double>& score,
                             const std::set<int>* fill_first = nullptr, unsigned seed = 0) const;
  // The greedy in an order that fills trips: the pairs visited in `from`, a
  // (base, facility, date) at a time, the one most of them can still use first.
  // `seed` draws the ties between groups (0: in group order).
  std::vector<double> FewestTrips(const std::vector<double>& from, unsigned seed) const;
  double CoverageOf(const std::vector<double>& x) const;
  double ValueOf(const std::vector<double>& objective, const std::vector<double>& x) const;
  bool BranchAndBound(const std::vector<double>& objective, double min_coverage, bool bonuses,
                      double seconds, std::vector<double>& best, double& bound) const;
  std::vector<double> WarmStart(const PartPlan& first_come) const;
  PartPlan Extract(const double* solution) const;
  // When the greedy packing of a group left children home: the exact packing
  // of the group's children by ride unit (`children_of_unit`, as Extract joined
  // them) on its `trips` ((trip, seats)), kept in `trip_of_child` when it
  // places more priority.
  void PackExactly(const std::map<long long, std::vector<int>>& visits_by_child,
                   const std::map<long long, std::vector<long long>>& children_of_unit,
                   const std::vector<std::pair<int, int>>& trips, const Group& group,
                   std::map<long long, int>& trip_of_child) const;

  // Whether one more of each column of `cols` (and of the implied columns a
  // y column raises from 0, listed with them in `adding`) keeps every row the
  // change raises within its bound; `delta` gets their terms (row, value).
  bool CanAdd(const std::vector<int>& cols, const std::vector<double>& x,
              const std::vector<std::vector<std::pair<int, double>>>& col_rows,
              const std::vector<double>& activity, std::vector<int>& adding,
              std::vector<std::pair<int, double>>& delta) const;
  // Moves on a plan in the model's columns (part_moves.cc).
  class Moves;
  // The visit (a family's columns in one session) y column `y_col` is part of.
  const std::vector<int>& VisitOf(int y_col) const;
  // Moves the visit of `y_col` to another of its sessions in another group,
  // into trips already open; false (and nothing changed) when none has room.
  bool MoveVisitElsewhere(Moves& moves, int y_col, bool may_open_trip) const;
  // Trips closed one at a time where their families can move to trips already
  // open on other dates or at other prisons, at the same coverage.
  std::vector<double> CloseTrips(const std::vector<double>& from) const;
  // Adds the visit of `y_col` (a family's columns in one session): into room
  // left, a trip opened for it, or by moving the visits in its way to other
  // sessions with room; false (and nothing changed) when none of these works.
  bool AddVisitByMoving(Moves& moves, int y_col) const;
  // The visits not made, highest priority first, each added where
  // AddVisitByMoving finds it room.
  std::vector<double> AddVisits(const std::vector<double>& from) const;
  // Each visit of `candidates` (one column per family) not made, added by
  // AddVisitByMoving, highest worth first.
  void AddEach(Moves& moves, std::vector<int> candidates) const;
  // Ruin and recreate: every visit and trip of group `group_idx` taken out,
  // then the pairs that could visit there added first, those taken out last.
  std::vector<double> Rebuild(const std::vector<double>& from, int group_idx) const;
  // Rebuild on groups drawn at random for `seconds`, each kept when the plan
  // covers more (or the same at a better value); all of it undone when its
  // extraction places fewer visits.
  void RebuildGroups(double seconds);
  // The moves' plans hold the model's rows; the extraction packs children as
  // the checker counts them. `candidate` becomes the best plan when its
  // extraction places at least as much coverage as the best's (with `more`,
  // more); returns whether it did.
  bool KeepIfPlaced(std::vector<double> candidate, bool more);
  // AddVisits until it adds no more; kept when its extraction places more.
  void KeepAddedVisits();
  // CloseTrips until it closes no more; kept when the plan's value is better
  // and its extraction places as many visits.
  void KeepClosedTrips();

  const Problem& problem_;
  const Instance& instance_;
  const std::vector<int>& pairs_;
  const PartPlan* first_come_ = nullptr;
  std::vector<double> coverage_objective_;
  std::vector<double> best_;
  double schedulable_ = 0;
  double coverage_bound_ = 0;
  bool proven_ = false;
  Clock::time_point coverage_settled_;

  // Columns.
  std::vector<double> objective_;
  std::vector<double> upper_;
  std::vector<bool> integer_;
  std::vector<std::pair<int, int>> y_of_;       // column -> (pair, session) for y columns
  std::vector<int> y_group_;                    // column -> group for y columns
  std::set<int> bonus_cols_;                    // v and w columns
  std::vector<std::vector<int>> implied_of_y_;  // y column -> its implied columns
  std::vector<std::pair<int, std::vector<int>>> implied_;  // (implied column, y columns)
  std::vector<int> z_budget_;  // column -> (class, date) budget for Z columns
  std::map<std::pair<int, long long>, int> budget_key_;
  std::vector<int> budget_free_;  // escorts of the class free that date
  std::map<std::pair<int, int>, int> y_col_;
  std::vector<std::vector<int>> family_cols_;  // y column -> its family's y columns in its session
  std::vector<Group> groups_;
  std::map<std::tuple<long long, long long, long long>, int> group_by_key_;
  std::vector<std::tuple<int, std::vector<int>>> sibling_cols_;  // (column, y columns)
  std::vector<std::tuple<int, std::vector<int>, std::vector<int>>> same_day_cols_;
  // Rows, as triplets.
  std::vector<int> rows_;
  std::vector<int> cols_;
  std::vector<double> values_;
  std::vector<double> row_upper_;
};

}  // namespace vinculo::planner::internal
