// Moves on a part's plan in the model's terms (issue 19: fewer trips than
// first-come at the national scale, where CBC's trips stage gets a few
// hundredths of a second per part and the set-cover greedy loses coverage).
//
// CLOSING A TRIP. One trip of a (home base, facility, date) and escort class
// is taken away; while the group's rows break (seats, seats per session, the
// sessions too far apart for one trip), one of its families is moved to
// another of its sessions on another date, where trips already open from its
// home base have the room, the session has the
// places and every other row of the model still holds (visits wanted, the
// interval, a child's one trip a day). When every row holds, the trip is
// gone and coverage is the same; when no family can move, nothing changed.
// Every step is checked against the model's own rows, so a closed trip is a
// point of the model as the greedy's and CBC's plans are; the extraction then
// places children on escorts as for any other plan.
//
// ADDING A VISIT. A visit the heuristics left out (a family's columns in one
// session, highest priority first) goes in where there is room, or with a
// trip opened for it; else it goes in anyway and, row by row while one
// breaks, the visits in its way move to another of their sessions (opening a
// trip there if need be) or, when they cannot move and are worth less
// together than the new visit, are dropped. When a row still breaks, nothing
// changed. Coverage only grows, and every plan is still a point of the model,
// so the model's bound still bounds it.
//
// REBUILDING A GROUP (RebuildGroups, when a part's share of the second pass
// is too short for CBC): every visit and trip of a random (home base,
// facility, date) out, the pairs that could visit there added first, those
// taken out last; kept when coverage grows.
//
// A plan of the moves is kept only when the extraction places at least as
// much of it as of the plan before (KeepIfPlaced).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>
#include <utility>

#include "planner/part_model.h"

namespace vinculo::planner::internal {

namespace {

// Visits moved (or dropped) for one move at most: to close one trip or to
// add one visit (a trip carries a few families; more would be a search, not
// a move).
constexpr int kMostFamiliesMoved = 6;

// Passes of AddVisits over a part (the national instance: the first added
// 352 points of coverage, the second 15, the third none).
constexpr int kAddVisitsRounds = 3;

// Passes of CloseTrips over a part (the national instance: the first closed
// 449 of 11,962 trips, the second 15 more).
constexpr int kCloseTripsRounds = 3;

}  // namespace

// The plan as the model's columns, with its rows' activity, and every change
// journaled so that a move that fails is undone exactly.
class PartModel::Moves {
 public:
  Moves(const PartModel& model, std::vector<double> x) : model_(model), x_(std::move(x)) {
    const int columns = static_cast<int>(x_.size());
    col_rows_.resize(columns);
    for (size_t k = 0; k < model_.values_.size(); ++k) {
      col_rows_[model_.cols_[k]].push_back({model_.rows_[k], model_.values_[k]});
    }
    row_cols_.resize(model_.row_upper_.size());
    for (size_t k = 0; k < model_.values_.size(); ++k) {
      row_cols_[model_.rows_[k]].push_back(model_.cols_[k]);
    }
    ys_of_implied_.resize(columns);
    for (const auto& [implied, y_cols] : model_.implied_) ys_of_implied_[implied] = y_cols;
    // Bonuses are earned again at the end (FillBonuses): at 0 their rows hold
    // whatever visits move.
    for (int col : model_.bonus_cols_) x_[col] = 0;
    activity_.assign(model_.row_upper_.size(), 0.0);
    for (size_t k = 0; k < model_.values_.size(); ++k) {
      activity_[model_.rows_[k]] += model_.values_[k] * x_[model_.cols_[k]];
    }
  }

  const std::vector<double>& x() const { return x_; }
  size_t Mark() const { return journal_.size(); }
  void Undo(size_t mark) {
    while (journal_.size() > mark) {
      const auto [col, delta] = journal_.back();
      journal_.pop_back();
      Change(col, -delta, false);
    }
  }
  void Change(int col, double delta, bool journaled = true) {
    x_[col] += delta;
    for (const auto& [row, value] : col_rows_[col]) activity_[row] += value * delta;
    if (journaled) journal_.push_back({col, delta});
  }
  bool Broken(int row) const { return activity_[row] > model_.row_upper_[row] + 1e-9; }
  const std::vector<std::pair<int, double>>& RowsOf(int col) const { return col_rows_[col]; }
  const std::vector<int>& ColsOf(int row) const { return row_cols_[row]; }
  const std::vector<int>& YsOfImplied(int col) const { return ys_of_implied_[col]; }

  // Adds `cols` and the implied columns they raise, whatever the rows say.
  void ForceAdd(const std::vector<int>& cols) {
    for (int col : cols) {
      Change(col, 1);
      if (static_cast<size_t>(col) >= model_.implied_of_y_.size()) continue;
      for (int implied : model_.implied_of_y_[col]) {
        if (x_[implied] < 0.5) Change(implied, 1);
      }
    }
  }

  // Takes a visit's columns (a family in one session) out, with the implied
  // columns no visit of theirs needs any more.
  void Remove(const std::vector<int>& visit) {
    for (int col : visit) Change(col, -1);
    for (int col : visit) {
      if (static_cast<size_t>(col) >= model_.implied_of_y_.size()) continue;
      for (int implied : model_.implied_of_y_[col]) {
        if (x_[implied] < 0.5) continue;
        bool needed = false;
        for (int y_col : ys_of_implied_[implied]) needed = needed || x_[y_col] > 0.5;
        if (!needed) Change(implied, -1);
      }
    }
  }

  // Adds `cols` (a visit's columns, and the implied columns they raise) if
  // every row they touch still holds; else changes nothing.
  bool TryAdd(const std::vector<int>& cols) {
    if (!model_.CanAdd(cols, x_, col_rows_, activity_, adding_, delta_)) return false;
    for (int col : adding_) Change(col, 1);
    return true;
  }

 private:
  const PartModel& model_;
  std::vector<double> x_;
  std::vector<double> activity_;
  std::vector<std::vector<std::pair<int, double>>> col_rows_;
  std::vector<std::vector<int>> row_cols_;
  std::vector<std::vector<int>> ys_of_implied_;
  std::vector<std::pair<int, double>> journal_;
  std::vector<int> adding_;
  std::vector<std::pair<int, double>> delta_;
};

// The visit (a family's columns in one session) that y column `y_col` is part of.
const std::vector<int>& PartModel::VisitOf(int y_col) const {
  static thread_local std::vector<int> alone;
  if (!family_cols_[y_col].empty()) return family_cols_[y_col];
  alone.assign(1, y_col);
  return alone;
}

bool PartModel::MoveVisitElsewhere(Moves& moves, int y_col, bool may_open_trip) const {
  const auto [pair_idx, session_idx] = y_of_[y_col];
  const std::vector<int> visit = VisitOf(y_col);
  const Group& group = groups_[y_group_[y_col]];
  // A child who sees both her parents that day keeps that day (its bonus is
  // worth more than a trip).
  for (int col : visit) {
    const Pair& pair = instance_.pairs[y_of_[col].first];
    for (int other : group.y_cols) {
      if (moves.x()[other] > 0.5 && y_of_[other].first != y_of_[col].first &&
          instance_.pairs[y_of_[other].first].child_id == pair.child_id) {
        return false;
      }
    }
  }
  const size_t mark = moves.Mark();
  moves.Remove(visit);
  for (int target_session : problem_.index.Candidates(pair_idx)) {
    if (target_session == session_idx) continue;
    const int target_col = y_col_.at({pair_idx, target_session});
    if (y_group_[target_col] == y_group_[y_col]) continue;  // the same trips
    std::vector<int> target = VisitOf(target_col);
    if (moves.TryAdd(target)) return true;
    // In a group with children in two sessions that day, a trip already
    // open may also attend this one.
    const Group& target_group = groups_[y_group_[target_col]];
    auto zs = target_group.zs_cols.find(target_session);
    for (size_t k = 0; k < target_group.z_cols.size(); ++k) {
      std::vector<int> with = target;
      if (zs != target_group.zs_cols.end()) {
        with.push_back(zs->second[k]);
        if (moves.TryAdd(with)) return true;
      }
      if (!may_open_trip) continue;
      with.push_back(target_group.z_cols[k].first);
      if (moves.TryAdd(with)) return true;
    }
  }
  moves.Undo(mark);
  return false;
}

std::vector<double> PartModel::CloseTrips(const std::vector<double>& from) const {
  Moves moves(*this, from);
  std::vector<int> checked;
  for (size_t group_idx = 0; group_idx < groups_.size(); ++group_idx) {
    const Group& group = groups_[group_idx];
    for (size_t k = 0; k < group.z_cols.size(); ++k) {
      const int z_col = group.z_cols[k].first;
      while (moves.x()[z_col] > 0.5) {
        const size_t mark = moves.Mark();
        moves.Change(z_col, -1);
        checked.clear();
        for (const auto& [row, value] : moves.RowsOf(z_col)) checked.push_back(row);
        for (const auto& [session_idx, zs] : group.zs_cols) {
          if (moves.x()[zs[k]] > moves.x()[z_col] + 0.5) {
            moves.Change(zs[k], -1);
            for (const auto& [row, value] : moves.RowsOf(zs[k])) checked.push_back(row);
          }
        }
        auto broken = [&]() {
          return std::any_of(checked.begin(), checked.end(),
                             [&](int row) { return moves.Broken(row); });
        };
        // The group's families, smallest first, move out while a row breaks.
        std::vector<int> visits;
        std::set<int> seen;
        for (int y_col : group.y_cols) {
          if (moves.x()[y_col] < 0.5 || seen.count(y_col)) continue;
          for (int col : VisitOf(y_col)) seen.insert(col);
          visits.push_back(y_col);
        }
        std::stable_sort(visits.begin(), visits.end(),
                         [&](int a, int b) { return VisitOf(a).size() < VisitOf(b).size(); });
        int moved = 0;
        for (int y_col : visits) {
          if (!broken() || moved >= kMostFamiliesMoved) break;
          if (moves.x()[y_col] > 0.5 && MoveVisitElsewhere(moves, y_col, false)) ++moved;
        }
        if (broken()) {
          moves.Undo(mark);
          break;
        }
      }
    }
  }
  std::vector<double> x = moves.x();
  FillBonuses(x);
  return x;
}

bool PartModel::AddVisitByMoving(Moves& moves, int y_col) const {
  const std::vector<int> visit = VisitOf(y_col);
  if (moves.TryAdd(visit)) return true;
  const Group& group = groups_[y_group_[y_col]];
  auto zs = group.zs_cols.find(y_of_[y_col].second);
  // Into a trip already open that may also attend this session, or a new one.
  for (size_t k = 0; k < group.z_cols.size(); ++k) {
    std::vector<int> with = visit;
    if (zs != group.zs_cols.end()) {
      with.push_back(zs->second[k]);
      if (moves.TryAdd(with)) return true;
    }
    with.push_back(group.z_cols[k].first);
    if (moves.TryAdd(with)) return true;
  }
  // In, and the visits in the way (of the rows it breaks) moved elsewhere.
  const size_t mark = moves.Mark();
  moves.ForceAdd(visit);
  std::set<int> mine(visit.begin(), visit.end());
  std::vector<int> rows;
  for (int col : visit) {
    for (const auto& [row, value] : moves.RowsOf(col)) {
      if (value > 0) rows.push_back(row);
    }
    if (static_cast<size_t>(col) >= implied_of_y_.size()) continue;
    for (int implied : implied_of_y_[col]) {
      for (const auto& [row, value] : moves.RowsOf(implied)) {
        if (value > 0) rows.push_back(row);
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  int moved = 0;
  // Visits in the way that cannot move may be dropped while what they are
  // worth together stays below what the new visit is worth.
  auto worth = [&](const std::vector<int>& cols) {
    double sum = 0;
    for (int col : cols) sum -= coverage_objective_[col];
    return sum;
  };
  const double gain = worth(visit);
  double dropped = 0;
  for (int row : rows) {
    if (!moves.Broken(row)) continue;
    std::vector<int> in_the_way;
    for (int col : moves.ColsOf(row)) {
      if (moves.x()[col] < 0.5) continue;
      if (y_of_[col].first >= 0) {
        if (!mine.count(col)) in_the_way.push_back(col);
        continue;
      }
      if (static_cast<size_t>(col) >= moves.x().size()) continue;
      for (int y : moves.YsOfImplied(col)) {
        if (moves.x()[y] > 0.5 && !mine.count(y)) in_the_way.push_back(y);
      }
    }
    for (int other : in_the_way) {
      if (!moves.Broken(row) || moved >= kMostFamiliesMoved) break;
      if (moves.x()[other] < 0.5) continue;
      if (MoveVisitElsewhere(moves, other, true)) {
        ++moved;
      } else if (dropped + worth(VisitOf(other)) < gain - 1e-9) {
        dropped += worth(VisitOf(other));
        moves.Remove(VisitOf(other));
        ++moved;
      }
    }
    if (moves.Broken(row)) break;
  }
  for (int row : rows) {
    if (moves.Broken(row)) {
      moves.Undo(mark);
      return false;
    }
  }
  return true;
}

void PartModel::AddEach(Moves& moves, std::vector<int> candidates) const {
  // Highest worth first; a pair already given its visits wanted is skipped.
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
    return -objective_[a] * static_cast<double>(VisitOf(a).size()) >
           -objective_[b] * static_cast<double>(VisitOf(b).size());
  });
  for (int col : candidates) {
    if (moves.x()[col] > 0.5) continue;
    const int pair_idx = y_of_[col].first;
    int visits = 0;
    for (int session_idx : problem_.index.Candidates(pair_idx)) {
      visits += moves.x()[y_col_.at({pair_idx, session_idx})] > 0.5 ? 1 : 0;
    }
    if (visits < MostVisits(problem_.index, pair_idx)) AddVisitByMoving(moves, col);
  }
}

std::vector<double> PartModel::AddVisits(const std::vector<double>& from) const {
  Moves moves(*this, from);
  std::vector<int> candidates;  // the visits not made, one column per family
  for (size_t col = 0; col < y_of_.size(); ++col) {
    if (y_of_[col].first < 0 || moves.x()[col] > 0.5) continue;
    const std::vector<int>& family = family_cols_[col];
    if (!family.empty() && family.front() != static_cast<int>(col)) continue;
    candidates.push_back(static_cast<int>(col));
  }
  AddEach(moves, std::move(candidates));
  std::vector<double> x = moves.x();
  FillBonuses(x);
  return x;
}

std::vector<double> PartModel::Rebuild(const std::vector<double>& from, int group_idx) const {
  Moves moves(*this, from);
  const Group& group = groups_[group_idx];
  // Every visit of the group out; then the pairs of its other sessions and
  // the pairs that could visit in it, the visits taken out last.
  std::set<int> pairs_out;
  for (int y_col : group.y_cols) {
    if (moves.x()[y_col] < 0.5) continue;
    for (int col : VisitOf(y_col)) pairs_out.insert(y_of_[col].first);
    moves.Remove(VisitOf(y_col));
  }
  for (const auto& [z_col, class_idx] : group.z_cols) {
    while (moves.x()[z_col] > 0.5) moves.Change(z_col, -1);
  }
  for (const auto& [session_idx, zs] : group.zs_cols) {
    for (int zs_col : zs) {
      while (moves.x()[zs_col] > 0.5) moves.Change(zs_col, -1);
    }
  }
  std::vector<int> first;
  std::set<int> pairs_in;
  for (int y_col : group.y_cols) {
    const int pair_idx = y_of_[y_col].first;
    if (pairs_out.count(pair_idx) || !pairs_in.insert(pair_idx).second) continue;
    for (int session_idx : problem_.index.Candidates(pair_idx)) {
      const int col = y_col_.at({pair_idx, session_idx});
      const std::vector<int>& family = family_cols_[col];
      if (family.empty() || family.front() == col) first.push_back(col);
    }
  }
  AddEach(moves, first);
  std::vector<int> last;
  for (int pair_idx : pairs_out) {
    for (int session_idx : problem_.index.Candidates(pair_idx)) {
      const int col = y_col_.at({pair_idx, session_idx});
      const std::vector<int>& family = family_cols_[col];
      if (family.empty() || family.front() == col) last.push_back(col);
    }
  }
  AddEach(moves, last);
  std::vector<double> x = moves.x();
  FillBonuses(x);
  return x;
}

void PartModel::RebuildGroups(double seconds) {
  const Clock::time_point started = Clock::now();
  std::mt19937 random(static_cast<unsigned>(pairs_.front()));
  const std::vector<double> start = best_;
  while (!groups_.empty() &&
         std::chrono::duration<double>(Clock::now() - started).count() < seconds) {
    std::vector<double> rebuilt =
        Rebuild(best_, static_cast<int>(random() % static_cast<unsigned>(groups_.size())));
    const double gained = CoverageOf(rebuilt) - CoverageOf(best_);
    if (gained > 1e-9 ||
        (gained > -1e-9 && ValueOf(objective_, rebuilt) < ValueOf(objective_, best_) - 1e-9)) {
      best_ = std::move(rebuilt);
    }
  }
  if (best_ == start) return;
  std::vector<double> rebuilt = std::move(best_);
  best_ = start;
  KeepIfPlaced(std::move(rebuilt), false);
}

bool PartModel::KeepIfPlaced(std::vector<double> candidate, bool more) {
  const double placed = Extract(candidate.data()).coverage;
  const double now = Extract(best_.data()).coverage;
  if (more ? placed <= now + 1e-9 : placed < now - 1e-9) return false;
  best_ = std::move(candidate);
  proven_ = proven_ || CoverageOf(best_) >= coverage_bound_ - 1e-6;
  return true;
}

void PartModel::KeepAddedVisits() {
  std::vector<double> added = best_;
  for (int round = 0; round < kAddVisitsRounds; ++round) {
    std::vector<double> more = AddVisits(added);
    if (CoverageOf(more) <= CoverageOf(added) + 1e-9) break;
    added = std::move(more);
  }
  if (CoverageOf(added) <= CoverageOf(best_) + 1e-9) return;
  KeepIfPlaced(std::move(added), true);
}

void PartModel::KeepClosedTrips() {
  std::vector<double> closed = best_;
  for (int round = 0; round < kCloseTripsRounds; ++round) {
    std::vector<double> fewer = CloseTrips(closed);
    if (ValueOf(objective_, fewer) >= ValueOf(objective_, closed) - 1e-9) break;
    closed = std::move(fewer);
  }
  if (closed == best_ || CoverageOf(closed) < CoverageOf(best_) - 1e-9) return;
  KeepIfPlaced(std::move(closed), false);
}

}  // namespace vinculo::planner::internal
