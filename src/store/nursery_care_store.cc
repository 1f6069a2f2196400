// The nursery care tables (migration 3): transition plans and their steps,
// visit requirements, authorised adults, the leave book, the health schedule,
// appointments, school enrolments, and pregnancy outcomes.
#include "store/nursery_care_store.h"

#include <soci/soci.h>

#include <cstddef>
#include <string>
#include <vector>

#include "store/sql_util.h"

namespace vinculo::nursery_care_store {
using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;
using store_internal::Select;
using store_internal::SelectChecked;

namespace {

constexpr const char* kPlanColumns =
    "id, child_id, destination, receiving_party, consulted, visit_parent_id, visit_frequency, "
    "status, approved_by_user_id, approved_on, recorded_by, created_at, updated_at";

Result<TransitionPlanRow> ReadPlan(const soci::row& row) {
  TransitionPlanRow plan;
  plan.id = GetInteger(row, 0);
  plan.child_id = GetInteger(row, 1);
  plan.destination = GetText(row, 2);
  plan.receiving_party = GetText(row, 3);
  plan.consulted = GetText(row, 4);
  plan.visit_parent_id = GetOptionalInteger(row, 5);
  plan.visit_frequency = GetOptionalText(row, 6);
  VINCULO_ASSIGN_OR_RETURN(plan.status,
                           ReadEnum(row, 7, ParseTransitionPlanStatus, "transition_plans.status"));
  plan.approved_by_user_id = GetOptionalInteger(row, 8);
  plan.approved_on = GetOptionalText(row, 9);
  plan.recorded_by = GetInteger(row, 10);
  plan.created_at = GetText(row, 11);
  plan.updated_at = GetText(row, 12);
  return plan;
}

constexpr const char* kAdultColumns =
    "id, child_id, full_name, relationship, document_id, active, recorded_by, created_at";

AuthorisedAdultRow ReadAdult(const soci::row& row) {
  AuthorisedAdultRow adult;
  adult.id = GetInteger(row, 0);
  adult.child_id = GetInteger(row, 1);
  adult.full_name = GetText(row, 2);
  adult.relationship = GetText(row, 3);
  adult.document_id = GetText(row, 4);
  adult.active = GetInteger(row, 5) != 0;
  adult.recorded_by = GetInteger(row, 6);
  adult.created_at = GetText(row, 7);
  return adult;
}

constexpr const char* kLeaveColumns =
    "l.id, l.child_id, l.facility_id, l.adult_id, a.full_name, l.reason, l.left_at, "
    "l.due_back_at, l.returned_at, l.note, l.recorded_by, l.created_at";
constexpr const char* kLeaveFrom =
    " FROM nursery_leaves l JOIN authorised_adults a ON a.id = l.adult_id";

LeaveRow ReadLeave(const soci::row& row) {
  LeaveRow leave;
  leave.id = GetInteger(row, 0);
  leave.child_id = GetInteger(row, 1);
  leave.facility_id = GetInteger(row, 2);
  leave.adult_id = GetInteger(row, 3);
  leave.adult_name = GetText(row, 4);
  leave.reason = GetText(row, 5);
  leave.left_at = GetText(row, 6);
  leave.due_back_at = GetText(row, 7);
  leave.returned_at = GetOptionalText(row, 8);
  leave.note = GetText(row, 9);
  leave.recorded_by = GetInteger(row, 10);
  leave.created_at = GetText(row, 11);
  return leave;
}

constexpr const char* kAppointmentColumns =
    "id, child_id, schedule_id, kind, name, due_on, done_on, note, recorded_by, created_at";

AppointmentRow ReadAppointment(const soci::row& row) {
  AppointmentRow appointment;
  appointment.id = GetInteger(row, 0);
  appointment.child_id = GetInteger(row, 1);
  appointment.schedule_id = GetOptionalInteger(row, 2);
  appointment.kind = GetText(row, 3);
  appointment.name = GetText(row, 4);
  appointment.due_on = GetText(row, 5);
  appointment.done_on = GetOptionalText(row, 6);
  appointment.note = GetText(row, 7);
  appointment.recorded_by = GetInteger(row, 8);
  appointment.created_at = GetText(row, 9);
  return appointment;
}

Result<PregnancyRow> ReadPregnancy(const soci::row& row) {
  PregnancyRow pregnancy;
  pregnancy.id = GetInteger(row, 0);
  pregnancy.parent_id = GetInteger(row, 1);
  pregnancy.facility_id = GetInteger(row, 2);
  pregnancy.due_date = GetText(row, 3);
  pregnancy.registered_on = GetText(row, 4);
  VINCULO_ASSIGN_OR_RETURN(pregnancy.status,
                           ReadEnum(row, 5, ParsePregnancyStatus, "pregnancies.status"));
  pregnancy.recorded_by = GetInteger(row, 6);
  pregnancy.created_at = GetText(row, 7);
  pregnancy.child_id = GetOptionalInteger(row, 8);
  pregnancy.outcome_on = GetOptionalText(row, 9);
  return pregnancy;
}

}  // namespace

// --- Transition plans ---

Result<std::optional<TransitionPlanRow>> TransitionPlanOf(Txn& txn, long long child_id) {
  try {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(
        std::vector<TransitionPlanRow> plans,
        SelectChecked<TransitionPlanRow>(
            txn,
            std::string("SELECT ") + kPlanColumns +
                " FROM transition_plans WHERE child_id = " + params.AddInteger(child_id),
            params, ReadPlan));
    if (plans.empty()) return std::optional<TransitionPlanRow>();
    TransitionPlanRow plan = std::move(plans.front());
    Params step_params;
    plan.steps = Select<TransitionStepRow>(
        txn,
        "SELECT step_on, description FROM transition_steps WHERE plan_id = " +
            step_params.AddInteger(plan.id) + " ORDER BY position",
        step_params, [](const soci::row& row) {
          return TransitionStepRow{GetText(row, 0), GetText(row, 1)};
        });
    return std::optional<TransitionPlanRow>(std::move(plan));
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a transition plan");
  }
}

Result<TransitionPlanRow> SaveTransitionPlan(Txn& txn, const TransitionPlanRow& plan) {
  try {
    TransitionPlanRow stored = plan;
    Params update;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE transition_plans SET destination = " + update.Add(plan.destination) +
            ", receiving_party = " + update.Add(plan.receiving_party) +
            ", consulted = " + update.Add(plan.consulted) +
            ", visit_parent_id = " + update.AddOptional(plan.visit_parent_id) +
            ", visit_frequency = " + update.AddOptional(plan.visit_frequency) +
            ", status = " + update.Add(TransitionPlanStatusName(plan.status)) +
            ", approved_by_user_id = NULL, approved_on = NULL, recorded_by = " +
            update.AddInteger(plan.recorded_by) + ", updated_at = " + update.Add(plan.updated_at) +
            " WHERE child_id = " + update.AddInteger(plan.child_id),
        update);
    Params params;
    if (updated == 0) {
      const std::string query =
          "INSERT INTO transition_plans (child_id, destination, receiving_party, consulted, "
          "visit_parent_id, visit_frequency, status, recorded_by, created_at, updated_at) "
          "VALUES (" +
          params.AddInteger(plan.child_id) + ", " + params.Add(plan.destination) + ", " +
          params.Add(plan.receiving_party) + ", " + params.Add(plan.consulted) + ", " +
          params.AddOptional(plan.visit_parent_id) + ", " +
          params.AddOptional(plan.visit_frequency) + ", " +
          params.Add(TransitionPlanStatusName(plan.status)) + ", " +
          params.AddInteger(plan.recorded_by) + ", " + params.Add(plan.created_at) + ", " +
          params.Add(plan.updated_at) + ") RETURNING id";
      txn.session() << query, soci::use(params.values()), soci::into(stored.id);
    } else {
      txn.session() << "SELECT id, created_at FROM transition_plans WHERE child_id = " +
                           params.AddInteger(plan.child_id),
          soci::use(params.values()), soci::into(stored.id), soci::into(stored.created_at);
    }
    Params remove;
    store_internal::ExecuteWith(
        txn,
        "DELETE FROM transition_steps WHERE plan_id = " + remove.AddInteger(stored.id), remove);
    for (size_t step_idx = 0; step_idx < plan.steps.size(); ++step_idx) {
      Params step;
      store_internal::ExecuteWith(
          txn,
          "INSERT INTO transition_steps (plan_id, position, step_on, description) VALUES (" +
              step.AddInteger(stored.id) + ", " +
              step.AddInteger(static_cast<long long>(step_idx)) + ", " +
              step.Add(plan.steps[step_idx].step_on) + ", " +
              step.Add(plan.steps[step_idx].description) + ")",
          step);
    }
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "saving a transition plan");
  }
}

Result<TransitionPlanRow> GetTransitionPlan(Txn& txn, long long id) {
  try {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(std::vector<TransitionPlanRow> plans,
                             SelectChecked<TransitionPlanRow>(
                                 txn,
                                 std::string("SELECT ") + kPlanColumns +
                                     " FROM transition_plans WHERE id = " + params.AddInteger(id),
                                 params, ReadPlan));
    if (plans.empty()) return NotFound("no transition plan " + std::to_string(id));
    VINCULO_ASSIGN_OR_RETURN(std::optional<TransitionPlanRow> full,
                             TransitionPlanOf(txn, plans.front().child_id));
    return *full;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a transition plan");
  }
}

Status ApproveTransitionPlan(Txn& txn, long long id, long long approved_by,
                             const std::string& approved_on, const std::string& now) {
  try {
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE transition_plans SET status = 'approved', approved_by_user_id = " +
            params.AddInteger(approved_by) + ", approved_on = " + params.Add(approved_on) +
            ", updated_at = " + params.Add(now) + " WHERE id = " + params.AddInteger(id) +
            " AND status = 'draft'",
        params);
    if (updated == 0) {
      return Conflict("transition plan " + std::to_string(id) + " is already approved", "status")
          .Because(Refusal::kPlanAlreadyApproved);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "approving a transition plan");
  }
}

Result<std::vector<std::pair<long long, TransitionPlanStatus>>> TransitionPlanStatuses(
    Txn& txn, const ChildrenInsideFilter& filter, const Actor& actor) {
  try {
    Params params;
    // Integers only, fetched in bulk like the board: SOCI's dynamic rows
    // cost more than the query for thousands of plans (docs/benchmarks.md).
    // Without a facility filter, a global actor needs no join: statuses of
    // children not on the board are simply never looked up.
    std::string query =
        "SELECT p.child_id, CASE WHEN p.status = 'approved' THEN 1 ELSE 0 END "
        "FROM transition_plans p";
    if (filter.facility_id || !actor.IsGlobal()) {
      query +=
          " JOIN children c ON c.id = p.child_id "
          "WHERE c.archived = 0 AND c.placement = 'inside_with_mother'";
      if (filter.facility_id) {
        query += " AND c.facility_id = " + params.AddInteger(*filter.facility_id);
      }
      query += " AND " + store_internal::ScopePredicate(ChildKind(), actor, params, "c",
                                                        store_internal::ScopeShape::kSet);
    }
    query += " ORDER BY p.child_id";
    constexpr std::size_t kBatch = 2000;
    std::vector<long long> child_ids(kBatch);
    std::vector<long long> approved(kBatch);
    soci::statement statement = (txn.session().prepare << query, soci::use(params.values()),
                                 soci::into(child_ids), soci::into(approved));
    statement.execute();
    std::vector<std::pair<long long, TransitionPlanStatus>> statuses;
    while (statement.fetch()) {
      for (std::size_t row_idx = 0; row_idx < child_ids.size(); ++row_idx) {
        statuses.emplace_back(child_ids[row_idx], approved[row_idx] ? TransitionPlanStatus::kApproved
                                                                    : TransitionPlanStatus::kDraft);
      }
    }
    return statuses;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading transition plan statuses");
  }
}

Result<VisitRequirementRow> InsertVisitRequirement(Txn& txn,
                                                   const VisitRequirementRow& requirement) {
  try {
    Params params;
    VisitRequirementRow stored = requirement;
    txn.session()
        << "INSERT INTO transition_visit_requirements (plan_id, child_id, parent_id, frequency, "
           "starts_on, created_at) VALUES (" +
               params.AddInteger(requirement.plan_id) + ", " +
               params.AddInteger(requirement.child_id) + ", " +
               params.AddInteger(requirement.parent_id) + ", " + params.Add(requirement.frequency) +
               ", " + params.Add(requirement.starts_on) + ", " +
               params.Add(requirement.created_at) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a visit requirement");
  }
}

Result<std::vector<VisitRequirementRow>> VisitRequirements(Txn& txn, long long child_id) {
  try {
    Params params;
    return Select<VisitRequirementRow>(
        txn,
        "SELECT id, plan_id, child_id, parent_id, frequency, starts_on, created_at FROM "
        "transition_visit_requirements WHERE child_id = " +
            params.AddInteger(child_id) + " ORDER BY id",
        params, [](const soci::row& row) {
          VisitRequirementRow requirement;
          requirement.id = GetInteger(row, 0);
          requirement.plan_id = GetInteger(row, 1);
          requirement.child_id = GetInteger(row, 2);
          requirement.parent_id = GetInteger(row, 3);
          requirement.frequency = GetText(row, 4);
          requirement.starts_on = GetText(row, 5);
          requirement.created_at = GetText(row, 6);
          return requirement;
        });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading visit requirements");
  }
}

// --- Authorised adults and the leave book ---

Result<AuthorisedAdultRow> InsertAuthorisedAdult(Txn& txn, const AuthorisedAdultRow& adult) {
  try {
    Params params;
    AuthorisedAdultRow stored = adult;
    txn.session()
        << "INSERT INTO authorised_adults (child_id, full_name, relationship, document_id, "
           "active, recorded_by, created_at) VALUES (" +
               params.AddInteger(adult.child_id) + ", " + params.Add(adult.full_name) + ", " +
               params.Add(adult.relationship) + ", " + params.Add(adult.document_id) + ", " +
               params.AddInteger(adult.active ? 1 : 0) + ", " +
               params.AddInteger(adult.recorded_by) + ", " + params.Add(adult.created_at) +
               ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "adding an authorised adult");
  }
}

Result<std::vector<AuthorisedAdultRow>> AuthorisedAdults(Txn& txn, long long child_id) {
  try {
    Params params;
    return Select<AuthorisedAdultRow>(txn,
                                      std::string("SELECT ") + kAdultColumns +
                                          " FROM authorised_adults WHERE child_id = " +
                                          params.AddInteger(child_id) + " ORDER BY id",
                                      params, ReadAdult);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading authorised adults");
  }
}

Result<AuthorisedAdultRow> GetAuthorisedAdult(Txn& txn, long long id) {
  try {
    Params params;
    auto adults = Select<AuthorisedAdultRow>(
        txn,
        std::string("SELECT ") + kAdultColumns +
            " FROM authorised_adults WHERE id = " + params.AddInteger(id),
        params, ReadAdult);
    if (adults.empty()) return NotFound("no authorised adult " + std::to_string(id));
    return adults.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading an authorised adult");
  }
}

Status SetAuthorisedAdultActive(Txn& txn, long long id, bool active) {
  try {
    Params params;
    store_internal::ExecuteWith(
        txn,
        "UPDATE authorised_adults SET active = " + params.AddInteger(active ? 1 : 0) +
            " WHERE id = " + params.AddInteger(id),
        params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "changing an authorised adult");
  }
}

Result<LeaveRow> InsertLeave(Txn& txn, const LeaveRow& leave) {
  try {
    Params params;
    LeaveRow stored = leave;
    txn.session()
        << "INSERT INTO nursery_leaves (child_id, facility_id, adult_id, reason, left_at, "
           "due_back_at, returned_at, note, recorded_by, created_at) VALUES (" +
               params.AddInteger(leave.child_id) + ", " + params.AddInteger(leave.facility_id) +
               ", " + params.AddInteger(leave.adult_id) + ", " + params.Add(leave.reason) + ", " +
               params.Add(leave.left_at) + ", " + params.Add(leave.due_back_at) + ", " +
               params.AddOptional(leave.returned_at) + ", " + params.Add(leave.note) + ", " +
               params.AddInteger(leave.recorded_by) + ", " + params.Add(leave.created_at) +
               ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a leave");
  }
}

Result<LeaveRow> GetLeave(Txn& txn, long long id) {
  try {
    Params params;
    auto leaves = Select<LeaveRow>(txn,
                                   std::string("SELECT ") + kLeaveColumns + kLeaveFrom +
                                       " WHERE l.id = " + params.AddInteger(id),
                                   params, ReadLeave);
    if (leaves.empty()) return NotFound("no leave " + std::to_string(id));
    return leaves.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a leave");
  }
}

Result<std::optional<LeaveRow>> OpenLeaveOf(Txn& txn, long long child_id) {
  try {
    Params params;
    auto leaves = Select<LeaveRow>(txn,
                                   std::string("SELECT ") + kLeaveColumns + kLeaveFrom +
                                       " WHERE l.child_id = " + params.AddInteger(child_id) +
                                       " AND l.returned_at IS NULL ORDER BY l.id",
                                   params, ReadLeave);
    if (leaves.empty()) return std::optional<LeaveRow>();
    return std::optional<LeaveRow>(leaves.front());
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a child's open leave");
  }
}

Status ReturnLeave(Txn& txn, long long id, const std::string& returned_at) {
  try {
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE nursery_leaves SET returned_at = " + params.Add(returned_at) +
            " WHERE id = " + params.AddInteger(id) + " AND returned_at IS NULL",
        params);
    if (updated == 0) {
      return Conflict("leave " + std::to_string(id) + " has already returned", "returned_at")
          .Because(Refusal::kLeaveAlreadyReturned);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a return");
  }
}

Status CancelBookedLeave(Txn& txn, long long id, const std::string& now) {
  try {
    Params params;
    const long long removed = store_internal::ExecuteWith(
        txn,
        "DELETE FROM nursery_leaves WHERE id = " + params.AddInteger(id) +
            " AND returned_at IS NULL AND left_at > " + params.Add(now),
        params);
    if (removed == 0) {
      return Conflict("leave " + std::to_string(id) +
                          " has begun: record the child's return instead of cancelling it",
                      "left_at")
          .Because(Refusal::kLeaveHasBegun);
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "cancelling a booked leave");
  }
}

Result<std::vector<LeaveRow>> Leaves(Txn& txn, const LeaveFilter& filter, const Actor& actor) {
  try {
    Params params;
    std::string query = std::string("SELECT ") + kLeaveColumns + kLeaveFrom +
                        " JOIN children c ON c.id = l.child_id WHERE " +
                        store_internal::ScopePredicate(ChildKind(), actor, params, "c",
                                                       store_internal::ScopeShape::kSet);
    if (filter.facility_id) {
      query += " AND l.facility_id = " + params.AddInteger(*filter.facility_id);
    }
    if (filter.child_id) query += " AND l.child_id = " + params.AddInteger(*filter.child_id);
    if (filter.overdue_at) {
      query += " AND l.returned_at IS NULL AND l.due_back_at < " + params.Add(*filter.overdue_at);
    }
    if (filter.open_only) query += " AND l.returned_at IS NULL";
    query += " ORDER BY l.left_at DESC, l.id DESC";
    return Select<LeaveRow>(txn, query, params, ReadLeave);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the leave book");
  }
}

// --- Health and school ---

Result<std::vector<HealthScheduleRow>> HealthSchedule(Txn& txn) {
  try {
    Params params;
    return Select<HealthScheduleRow>(
        txn,
        "SELECT id, kind, name, age_months, active, created_at FROM health_schedule "
        "ORDER BY age_months, kind, id",
        params, [](const soci::row& row) {
          HealthScheduleRow entry;
          entry.id = GetInteger(row, 0);
          entry.kind = GetText(row, 1);
          entry.name = GetText(row, 2);
          entry.age_months = GetInteger(row, 3);
          entry.active = GetInteger(row, 4) != 0;
          entry.created_at = GetText(row, 5);
          return entry;
        });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the health schedule");
  }
}

Result<HealthScheduleRow> InsertScheduleEntry(Txn& txn, const HealthScheduleRow& entry) {
  try {
    Params params;
    HealthScheduleRow stored = entry;
    txn.session()
        << "INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES (" +
               params.Add(entry.kind) + ", " + params.Add(entry.name) + ", " +
               params.AddInteger(entry.age_months) + ", " +
               params.AddInteger(entry.active ? 1 : 0) + ", " + params.Add(entry.created_at) +
               ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "adding to the health schedule");
  }
}

Status SetScheduleEntryActive(Txn& txn, long long id, bool active) {
  try {
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE health_schedule SET active = " + params.AddInteger(active ? 1 : 0) +
            " WHERE id = " + params.AddInteger(id),
        params);
    if (updated == 0) return NotFound("no health schedule entry " + std::to_string(id));
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "changing the health schedule");
  }
}

Result<AppointmentRow> InsertAppointment(Txn& txn, const AppointmentRow& appointment) {
  try {
    Params params;
    AppointmentRow stored = appointment;
    txn.session()
        << "INSERT INTO health_appointments (child_id, schedule_id, kind, name, due_on, done_on, "
           "note, recorded_by, created_at) VALUES (" +
               params.AddInteger(appointment.child_id) + ", " +
               params.AddOptional(appointment.schedule_id) + ", " + params.Add(appointment.kind) +
               ", " + params.Add(appointment.name) + ", " + params.Add(appointment.due_on) + ", " +
               params.AddOptional(appointment.done_on) + ", " + params.Add(appointment.note) +
               ", " + params.AddInteger(appointment.recorded_by) + ", " +
               params.Add(appointment.created_at) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording an appointment");
  }
}

Result<std::vector<AppointmentRow>> Appointments(Txn& txn, long long child_id) {
  try {
    Params params;
    return Select<AppointmentRow>(txn,
                                  std::string("SELECT ") + kAppointmentColumns +
                                      " FROM health_appointments WHERE child_id = " +
                                      params.AddInteger(child_id) + " ORDER BY due_on, id",
                                  params, ReadAppointment);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading appointments");
  }
}

Result<SchoolEnrolmentRow> InsertSchoolEnrolment(Txn& txn, const SchoolEnrolmentRow& enrolment) {
  try {
    Params params;
    SchoolEnrolmentRow stored = enrolment;
    txn.session()
        << "INSERT INTO school_enrolments (child_id, setting, institution, level, started_on, "
           "recorded_by, created_at) VALUES (" +
               params.AddInteger(enrolment.child_id) + ", " + params.Add(enrolment.setting) + ", " +
               params.Add(enrolment.institution) + ", " + params.Add(enrolment.level) + ", " +
               params.Add(enrolment.started_on) + ", " + params.AddInteger(enrolment.recorded_by) +
               ", " + params.Add(enrolment.created_at) + ") RETURNING id",
        soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording an enrolment");
  }
}

Result<std::vector<SchoolEnrolmentRow>> SchoolEnrolments(Txn& txn, long long child_id) {
  try {
    Params params;
    return Select<SchoolEnrolmentRow>(
        txn,
        "SELECT id, child_id, setting, institution, level, started_on, recorded_by, created_at "
        "FROM school_enrolments WHERE child_id = " +
            params.AddInteger(child_id) + " ORDER BY started_on, id",
        params, [](const soci::row& row) {
          SchoolEnrolmentRow enrolment;
          enrolment.id = GetInteger(row, 0);
          enrolment.child_id = GetInteger(row, 1);
          enrolment.setting = GetText(row, 2);
          enrolment.institution = GetText(row, 3);
          enrolment.level = GetText(row, 4);
          enrolment.started_on = GetText(row, 5);
          enrolment.recorded_by = GetInteger(row, 6);
          enrolment.created_at = GetText(row, 7);
          return enrolment;
        });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading enrolments");
  }
}

// --- Pregnancy outcomes ---

Result<PregnancyRow> GetPregnancy(Txn& txn, long long id) {
  try {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(
        std::vector<PregnancyRow> pregnancies,
        SelectChecked<PregnancyRow>(
            txn,
            "SELECT id, parent_id, facility_id, due_date, registered_on, status, recorded_by, "
            "created_at, child_id, outcome_on FROM pregnancies WHERE id = " +
                params.AddInteger(id),
            params, ReadPregnancy));
    if (pregnancies.empty()) return NotFound("no pregnancy " + std::to_string(id));
    return pregnancies.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a pregnancy");
  }
}

Status SetPregnancyOutcome(Txn& txn, long long id, PregnancyStatus status,
                           std::optional<long long> child_id, const std::string& on) {
  try {
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE pregnancies SET status = " + params.Add(PregnancyStatusName(status)) +
            ", child_id = " + params.AddOptional(child_id) + ", outcome_on = " + params.Add(on) +
            " WHERE id = " + params.AddInteger(id) + " AND status = 'expected'",
        params);
    if (updated == 0) {
      return Conflict("pregnancy " + std::to_string(id) + " already has an outcome", "status");
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a pregnancy outcome");
  }
}

}  // namespace vinculo::nursery_care_store
