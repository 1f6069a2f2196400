// The visit programme's tables (migration 5): free functions over a Txn, kept
// out of store.h so that the store's shared header does not grow with every
// module (see docs/architecture.md). Same contract as Txn's methods: called
// inside Store::Read or Store::Write, errors as values (driver errors become
// kConflict, kUnavailable, ...). No scoping here: the VisitService decides who
// may see which organisation's or facility's rows before calling.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/visit_rows.h"

namespace vinculo::visit_store {

// --- Templates, exclusions, sessions ---
Result<SessionTemplateRow> InsertTemplate(Txn& txn, const SessionTemplateRow& row);
// Active templates of a facility, by id.
Result<std::vector<SessionTemplateRow>> Templates(Txn& txn, long long facility_id);
Result<VisitExclusionRow> InsertExclusion(Txn& txn, const VisitExclusionRow& row);
// Exclusions of a facility dated from `from` to `to` (inclusive).
Result<std::vector<VisitExclusionRow>> Exclusions(Txn& txn, long long facility_id,
                                                  const std::string& from, const std::string& to);
// Sessions of the facilities in `facility_ids` dated from `from` to `to`, by
// date, start and id.
Result<std::vector<VisitSessionRow>> Sessions(Txn& txn, const std::vector<long long>& facility_ids,
                                              const std::string& from, const std::string& to);
Result<VisitSessionRow> GetSession(Txn& txn, long long id);
Result<VisitSessionRow> InsertSession(Txn& txn, const VisitSessionRow& row, const std::string& now);
// Blocks every open session of a facility on `date`; returns their ids.
Result<std::vector<long long>> BlockSessions(Txn& txn, long long facility_id,
                                             const std::string& date, const std::string& reason,
                                             const std::string& now);
// Reserves `places` in an open session, in the session's own capacity unit
// and in people, with one conditional UPDATE (the row lock makes concurrent
// reservations queue): false, changing nothing, when the session is blocked
// or would overfill. The condition is the domain's `Fits`
// (domain/session_capacity.h) over the booked load plus `places`, stated in
// SQL because it is the database's invariant (issue 14: never read-then-write
// in C++); a change to the rule is a change to both.
Result<bool> Reserve(Txn& txn, long long session_id, const SessionPlaces& places,
                     const std::string& now);
// Gives back what Reserve took (never below zero).
Status Release(Txn& txn, long long session_id, const SessionPlaces& places, const std::string& now);

// --- Requirements ---
// Active parent-child links of the organisation's children, with the parent's
// current facility and custody and the child's home.
Result<std::vector<PairSourceRow>> PairSources(Txn& txn, long long organisation_id);
Result<std::vector<RequirementRow>> Requirements(Txn& txn, long long organisation_id);
Result<RequirementRow> GetRequirement(Txn& txn, long long id);
Result<RequirementRow> InsertRequirement(Txn& txn, const RequirementRow& row,
                                         const std::string& now);
// kPreconditionFailed when the stored version is not `expected_version`.
Result<RequirementRow> UpdateRequirement(Txn& txn, const RequirementRow& row,
                                         long long expected_version, const std::string& now);
// kConflict naming month when the requirement is already split that month.
Result<SiblingSplitRow> InsertSiblingSplit(Txn& txn, const SiblingSplitRow& row);
// The organisation's splits of `month`, with each requirement's child and parent.
Result<std::vector<SiblingSplitRow>> SiblingSplits(Txn& txn, long long organisation_id,
                                                   const std::string& month);
Status AddUnavailableDate(Txn& txn, long long child_id, const std::string& date,
                          const std::string& reason);
// child id -> dates the child cannot visit, from `from` to `to`, for the
// organisation's children.
Result<std::map<long long, std::vector<std::string>>> UnavailableDates(Txn& txn,
                                                                       long long organisation_id,
                                                                       const std::string& from,
                                                                       const std::string& to);
// child id -> the last day the child lived in a prison nursery (placement
// inside_with_mother ended), for the organisation's children.
Result<std::map<long long, std::string>> NurseryLeavings(Txn& txn, long long organisation_id);
// (child id, parent id) -> the visit frequency an approved nursery transition
// plan asked for (the latest plan wins), for the organisation's children.
Result<std::map<std::pair<long long, long long>, std::string>> TransitionVisitFrequencies(
    Txn& txn, long long organisation_id);

// --- Escorts and routes ---
// Makes a staff member of the organisation an escort (or updates max_children).
Result<EscortRow> UpsertEscort(Txn& txn, long long organisation_id, long long staff_id,
                               long long max_children, const std::string& now);
// Takes the escort's row lock for the rest of the transaction (PostgreSQL;
// SQLite writes are serial anyway), so that two bookings for one escort on one
// day queue instead of both creating a trip.
Status LockEscort(Txn& txn, long long escort_id);
Status AddEscortDate(Txn& txn, long long escort_id, const std::string& date);
// Escorts of the organisation with their available dates from `from` to `to`.
Result<std::vector<EscortRow>> Escorts(Txn& txn, long long organisation_id, const std::string& from,
                                       const std::string& to);
Result<std::vector<PlacePoint>> Homes(Txn& txn, long long organisation_id);
Result<std::vector<PlacePoint>> Facilities(Txn& txn);
Result<RouteOverrideRow> UpsertRoute(Txn& txn, const RouteOverrideRow& row, const std::string& now);
// Overrides for the organisation's homes.
Result<std::vector<RouteOverrideRow>> Routes(Txn& txn, long long organisation_id);

// --- Visit settings (migration 8; store/visit_settings_store.cc) ---
// The organisation's stored row; nullopt when it has none.
Result<std::optional<VisitSettingsRow>> GetVisitSettings(Txn& txn, long long organisation_id);
// Writes the organisation's row if its version is `expected_version` (the
// absent row is version 1: inserted at version 2); kPreconditionFailed when
// someone else wrote first.
Result<VisitSettingsRow> PutVisitSettings(Txn& txn, const VisitSettingsRow& row,
                                          long long expected_version, long long user_id,
                                          const std::string& now);

// --- Plans ---
Result<PlanRow> InsertPlan(Txn& txn, const PlanRow& row);
Result<PlanTripRow> InsertTrip(Txn& txn, const PlanTripRow& row);
Result<PlanVisitRow> InsertVisit(Txn& txn, const PlanVisitRow& row);
Status InsertUnscheduled(Txn& txn, const PlanUnscheduledRow& row);
Result<PlanRow> GetPlan(Txn& txn, long long id);
Result<std::vector<PlanRow>> Plans(Txn& txn, long long organisation_id);
Result<std::vector<PlanTripRow>> PlanTrips(Txn& txn, long long plan_id);
Result<std::vector<PlanVisitRow>> PlanVisits(Txn& txn, long long plan_id);
Result<std::vector<PlanUnscheduledRow>> PlanUnscheduled(Txn& txn, long long plan_id);
// Turns a draft into a published plan; false (changing nothing) when it was
// not a draft any more, i.e. someone else published it first.
Result<bool> MarkPublished(Txn& txn, long long plan_id, long long user_id, const std::string& now);
// Whether the organisation has a published plan for the month.
Result<bool> HasPublishedPlan(Txn& txn, long long organisation_id, const std::string& month);
Result<PlanVisitRow> GetVisit(Txn& txn, long long id);
Result<PlanTripRow> GetTrip(Txn& txn, long long id);
// Writes every mutable column of a visit if its version is `expected_version`;
// kPreconditionFailed otherwise.
Result<PlanVisitRow> UpdateVisit(Txn& txn, const PlanVisitRow& row, long long expected_version);
Status SetTripStatus(Txn& txn, long long trip_id, TripStatus status);
// A trip's leaving and return times, when a visit by hand widens its day.
Status SetTripTimes(Txn& txn, long long trip_id, long long depart_minute, long long return_minute);
// Live trips (planned, in published plans) of an escort on a date.
Result<std::vector<PlanTripRow>> EscortTripsOn(Txn& txn, long long escort_id,
                                               const std::string& date);
// The escort with that id (no dates); kNotFound when absent.
Result<EscortRow> GetEscort(Txn& txn, long long escort_id);
// Live trips (planned, in published plans) of an escort, by date.
Result<std::vector<PlanTripRow>> EscortTrips(Txn& txn, long long escort_id);
// Planned visits on a trip.
Result<long long> TripVisitCount(Txn& txn, long long trip_id);
// The child of each planned visit on a trip (a child seeing two parents
// twice): how many visits it has, and who is aboard.
Result<std::vector<long long>> TripVisitChildren(Txn& txn, long long trip_id);
// Flags the planned visits of sessions for review with `reason`; returns how many.
Result<long long> FlagSessionVisits(Txn& txn, const std::vector<long long>& session_ids,
                                    const std::string& reason, const std::string& now);
// Flags for review, with `reason`, a parent's visits still to come: planned
// (not cancelled, not recorded), in sessions on or after `from` and at a
// facility other than `kept_facility_id` (0 keeps none). Issue 15: a
// transfer or a release, so that every view of those visits shows the flag.
// Returns how many.
Result<long long> FlagParentVisitsFrom(Txn& txn, long long parent_id, const std::string& from,
                                       long long kept_facility_id, const std::string& reason,
                                       const std::string& now);
// Planned visits of published plans held in `sessions` (visitor lists).
Result<std::vector<PlanVisitRow>> SessionVisits(Txn& txn, long long session_id);
// Planned visits of published plans for a parent on or after `from`.
Result<std::vector<PlanVisitRow>> ParentVisitsFrom(Txn& txn, long long parent_id,
                                                   const std::string& from);

// requirement id -> the session dates, from `from` to `to` (inclusive), of
// the organisation's visits in published plans that are not cancelled nor
// recorded as missed: the visits the month already has (issue 19).
Result<std::map<long long, std::vector<std::string>>> VisitDatesOfPublishedPlans(
    Txn& txn, long long organisation_id, const std::string& from, const std::string& to);

// Visits of a child in published plans (planned, cancelled and recorded), with
// their session's date, times and facility: newest session first.
Result<std::vector<ChildVisitRow>> ChildVisits(Txn& txn, long long child_id);
// The latest session date of the requirement's visits recorded as attended
// (published plans, not cancelled); nullopt when there is none.
Result<std::optional<std::string>> LatestAttendedOn(Txn& txn, long long requirement_id);

}  // namespace vinculo::visit_store
