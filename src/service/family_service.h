// FamilyService (issue 15): a family seen together. Starting from one child,
// the family is every child and incarcerated parent reachable through
// parent-child links and sibling links that the reader may see, plus the
// caregivers of the homes its children live in. The view says where each
// member is now, the distances between them (parent-parent, child-parent:
// home to prison, sibling-sibling), the next planned and last attended visit
// of every child-parent pair, the siblings who have not seen each other for N
// days, and one timeline of what happened to the family.
//
// Scoped like its members: the walk over the links only ever steps onto
// records the actor may read (Txn::Get/List with her scope), so a member she
// may not see is simply absent, and nothing in the answer (counts, distances,
// events) comes from one. A child she may not see reads as kNotFound, exactly
// as a missing id. Every child and parent returned is one read event in the
// audit log ("family"). Thread-safe: holds no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "store/family_store.h"

namespace vinculo {

// Where a member is now. `kind`: facility (a parent held, or a child living
// inside with her mother), home (a care organisation's home), relatives,
// state_care, other, released (a parent out; where is not recorded).
struct FamilyPlace {
  std::string kind;
  std::optional<long long> facility_id;
  std::string facility_name;
  std::optional<long long> home_id;
  std::string home_name;
  std::string since;  // YYYY-MM-DD when known (placement start, admission, transfer)
};

struct FamilyChild {
  Record record;  // presented for the actor (fields she may not read removed)
  FamilyPlace place;
};

struct FamilyParent {
  Record record;  // presented for the actor (offence only for case workers)
  FamilyPlace place;
  // Days from today to the expected release date while in custody (negative
  // when it has passed without a release recorded).
  std::optional<long long> days_to_release;
  // Every value the expected release date took, oldest first.
  std::vector<family_store::ReleaseDateChange> release_history;
};

// A caregiver (staff record) of a home one of the family's children lives in.
struct FamilyCarer {
  long long staff_id = 0;
  std::string given_names;
  std::string family_names;
  long long home_id = 0;
  std::string home_name;
};

struct FamilyParentLink {
  long long parent_id = 0;
  long long child_id = 0;
  std::string relation;  // mother | father | legal_guardian
};

// Two children of the family who are siblings: they share a parent the
// reader can see (relation "shared_parent"), or a sibling link says so (full,
// half, step).
struct FamilySiblings {
  long long child_id = 0;  // the smaller id
  long long sibling_id = 0;
  std::string relation;
  std::optional<long long> link_id;  // the sibling link, when recorded
};

// A great-circle distance between two members' places (domain/geo.h).
// `relation`: parents, child_parent or siblings. Members without known
// coordinates (a released parent, a child with relatives whose address the
// reader may not see) have no distances.
struct FamilyDistance {
  std::string relation;
  std::string from_kind;  // child | parent
  long long from_id = 0;
  std::string to_kind;
  long long to_id = 0;
  double km = 0;
};

struct FamilyVisitRef {
  long long visit_id = 0;
  std::string date;
  long long start_minute = 0;
  long long facility_id = 0;
  std::string facility_name;
};

struct FamilyPairVisits {
  long long child_id = 0;
  long long parent_id = 0;
  std::optional<FamilyVisitRef> next_planned;   // from today on, not cancelled, not recorded
  std::optional<FamilyVisitRef> last_attended;  // recorded as attended
};

// Siblings who have not been together for `apart_days` or more: not living
// in the same home or facility, and not at one visiting session both
// attended since. `last_seen_on` absent: never, as far as the records go.
struct FamilySiblingsApart {
  long long child_id = 0;
  long long sibling_id = 0;
  std::optional<std::string> last_seen_on;
  std::optional<long long> days_apart;
};

// One thing that happened to the family. `kind`: born, placement,
// admission, leave, return, visit (status planned, attended, missed,
// cancelled), imprisoned, transfer, released, expected_release.
struct FamilyEvent {
  std::string on;  // YYYY-MM-DD
  std::string kind;
  std::optional<long long> child_id;
  std::optional<long long> parent_id;
  std::optional<long long> facility_id;
  std::optional<long long> home_id;
  std::string status;  // visits: planned | attended | missed | cancelled; placements: the placement
  std::string detail;
};

struct FamilyView {
  long long child_id = 0;  // the child the family was read from
  int apart_days = 0;
  std::string as_of;  // today, YYYY-MM-DD
  std::vector<FamilyChild> children;
  std::vector<FamilyParent> parents;
  std::vector<FamilyCarer> carers;
  std::vector<FamilyParentLink> parent_links;
  std::vector<FamilySiblings> siblings;
  std::vector<FamilyDistance> distances;
  std::vector<FamilyPairVisits> pairs;
  std::vector<FamilySiblingsApart> siblings_apart;
  std::vector<FamilyEvent> timeline;  // oldest first, then by kind and id
};

// A parent on the release countdown.
struct ReleaseCountdownEntry {
  family_store::ReleaseCountdownRow row;
  long long days_to_release = 0;  // negative: the date passed without a release recorded
  std::optional<long long> reunification_plan_id;  // her open plan, if any
  long long overdue_steps = 0;                     // of that plan (IsStepOverdue)
  std::vector<std::string> alerts;                 // ReleaseAlertName values
};

struct SiblingLinkRequest {
  long long sibling_id = 0;
  std::string relation;  // full | half | step
};

class FamilyService {
 public:
  explicit FamilyService(ServiceContext context) : context_(context) {}

  // The family of `child_id` as the actor may see it. `apart_days` absent:
  // kSiblingsApartDefaultDays. kForbidden for auditors (figures only);
  // kNotFound for a child the actor cannot see or that does not exist;
  // kInvalidArgument naming apart_days outside 1..kSiblingsApartMaxDays.
  Result<FamilyView> Family(const Actor& actor, long long child_id,
                            std::optional<int> apart_days = std::nullopt);

  // Parents in custody whose expected release is at most `within_days` days
  // away (absent: kReleaseNearDefaultDays), or past without a release
  // recorded, soonest first, as the actor may see them (at most
  // kReleaseCountdownLimit), each with her open reunification plan and its
  // overdue steps, and the alerts (domain ReleaseAlertsFor) for a release
  // at most `alert_days` away (absent: kReunificationAlertDefaultDays);
  // `alerts_only`: only the parents with an alert.
  // kForbidden for auditors; kInvalidArgument naming within_days or
  // alert_days outside 0..kSiblingsApartMaxDays. One read event per parent.
  Result<std::vector<ReleaseCountdownEntry>> ReleaseCountdown(
      const Actor& actor, std::optional<int> within_days = std::nullopt,
      std::optional<int> alert_days = std::nullopt, bool alerts_only = false);

  // Records that two children are siblings. Roles that write parent-child
  // links; both children visible to the actor. kInvalidArgument naming
  // sibling_id when it is the child herself (own_sibling) or a child the actor
  // cannot see, naming relation when it is not full, half or step; kConflict
  // naming sibling_id when the pair is linked already; kNotFound for a child
  // the actor cannot see. Nothing is written on any error; audited on both.
  Result<family_store::SiblingLinkRow> LinkSiblings(const Actor& actor, long long child_id,
                                                    const SiblingLinkRequest& request);

 private:
  ServiceContext context_;
};

}  // namespace vinculo
