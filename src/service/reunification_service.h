// ReunificationService (issue 15): release and reunification. For each
// incarcerated parent (and so her children) a reunification plan of steps
// (housing, income, school places, custody and legal steps, more contact
// before release), each with an owner (an enabled user of the plan's
// organisation), a due date and a status; after release, the contacts with
// the family during the organisation's follow-up period (default
// kFollowUpDefaultDays) and the families due for one.
//
// Scoped exactly like the parent's record (Txn::Get with the actor's scope):
// a parent, plan or step of a parent the actor may not see is kNotFound, as a
// missing one. Reads are for every role but auditors (figures only); writes
// for administrators, programme coordinators and social workers. Every write
// is one transaction with its audit event on the parent; every read of a plan
// or of contacts is a read event. Thread-safe: holds no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "store/reunification_store.h"

namespace vinculo {

struct ReunificationStep {
  reunification_store::StepRow row;
  bool overdue = false;  // domain IsStepOverdue on today
};

// A plan with its parent (presented for the actor) and its steps, by due date.
struct ReunificationPlan {
  reunification_store::PlanRow plan;
  Record parent;
  std::vector<ReunificationStep> steps;
  long long overdue_steps = 0;
};

// A plan in the list: the plan, its parent's names and dates, step counts.
struct ReunificationPlanSummary {
  reunification_store::PlanListRow row;
  long long steps = 0;
  long long open_steps = 0;  // pending or in progress
  long long overdue_steps = 0;
};

// A user who may own a plan's steps.
struct StepOwner {
  long long user_id = 0;
  std::string name;  // display name
  std::string role;
};

struct NewReunificationStep {
  std::string kind;
  std::string description;
  std::optional<long long> owner_user_id;  // required: absent is kInvalidArgument
  std::string due_on;
  StepStatus status = StepStatus::kPending;
};

// Absent members keep their value.
struct ReunificationStepChange {
  std::optional<std::string> kind;
  std::optional<std::string> description;
  std::optional<long long> owner_user_id;
  std::optional<std::string> due_on;
  std::optional<StepStatus> status;
};

struct FollowUpContactRequest {
  std::string contacted_on;
  std::string kind;
  std::string note;
};

// A released family within its follow-up period.
struct FollowUpDue {
  reunification_store::ReleasedParentRow row;
  std::string follow_up_until;  // released_on + the period
  bool due = false;             // no contact for kFollowUpContactEveryDays or more
};

struct FollowUpList {
  int follow_up_days = 0;  // the period applied (the actor's organisation's, else the default)
  std::vector<FollowUpDue> families;
};

class ReunificationService {
 public:
  explicit ReunificationService(ServiceContext context) : context_(context) {}

  // Opens a plan for a parent in custody. kNotFound for a parent the actor
  // cannot see; kConflict naming parent_id when she has an open plan already
  // (the database's partial unique index decides, so concurrent creations
  // give one plan), naming custody_status when she is released already.
  Result<ReunificationPlan> CreatePlan(const Actor& actor, long long parent_id,
                                       const std::string& note);
  // The parent's open plan; kNotFound when she has none or is not visible.
  Result<ReunificationPlan> PlanOf(const Actor& actor, long long parent_id);
  Result<ReunificationPlan> Plan(const Actor& actor, long long plan_id);
  // Closes an open plan (If-Match version): kPreconditionFailed, kConflict.
  Result<ReunificationPlan> ClosePlan(const Actor& actor, long long plan_id,
                                      long long expected_version);
  // kInvalidArgument naming owner_user_id when absent or not an enabled user
  // of the plan's organisation, naming kind, status or due_on when invalid;
  // kConflict naming status when the plan is closed. Nothing written then.
  Result<ReunificationStep> AddStep(const Actor& actor, long long plan_id,
                                    const NewReunificationStep& step);
  Result<ReunificationStep> ChangeStep(const Actor& actor, long long step_id,
                                       long long expected_version,
                                       const ReunificationStepChange& change);
  // The users who may own the plan's steps (for the step form), by username.
  // Writers only (kForbidden otherwise); kNotFound as Plan.
  Result<std::vector<StepOwner>> Owners(const Actor& actor, long long plan_id);
  // Plans of parents the actor may see (open ones unless include_closed).
  Result<std::vector<ReunificationPlanSummary>> Plans(const Actor& actor, bool include_closed);

  // Records a contact with a released parent's family. kConflict naming
  // custody_status when the parent is not released; kInvalidArgument naming
  // contacted_on when in the future or before the release, naming kind.
  Result<reunification_store::FollowUpContactRow> RecordFollowUp(
      const Actor& actor, long long parent_id, const FollowUpContactRequest& request);
  Result<std::vector<reunification_store::FollowUpContactRow>> FollowUps(const Actor& actor,
                                                                         long long parent_id);
  // Released parents the actor may see, within the follow-up period of her
  // organisation (the default without one), with whether each is due.
  Result<FollowUpList> FollowUpsDue(const Actor& actor);

  // An organisation's follow-up period: its users and global administrators
  // read it (another organisation is kNotFound); its administrators and
  // coordinators write it (If-Match). kInvalidArgument naming follow_up_days
  // below 0 or above kFollowUpMaxDays, nothing written.
  Result<reunification_store::FollowUpSettingsRow> Settings(const Actor& actor,
                                                            long long organisation_id);
  Result<reunification_store::FollowUpSettingsRow> PutSettings(const Actor& actor,
                                                               long long organisation_id,
                                                               long long expected_version,
                                                               long long follow_up_days);

 private:
  ServiceContext context_;
};

// A child placed "with_released_parent" (issue 15) needs a parent linked to
// her, released and visible to the actor: otherwise kInvalidArgument naming
// placement (no_released_parent). Other placements pass. Inside the write
// that places her (a new child has no links yet, so she cannot be
// registered so: she is placed there by a placement change).
Status CheckPlacementWithReleasedParent(Txn& txn, const Actor& actor, long long child_id,
                                        const FieldValues& values);

// The follow-up period of an organisation, inside a transaction (the default
// without a row or without an organisation).
Result<int> FollowUpDaysOf(Txn& txn, std::optional<long long> organisation_id);

}  // namespace vinculo
