// Rows of the nursery care tables (migration 3) as the store reads and writes
// them: transition plans with their steps and the visit requirement an
// approval creates, authorised adults and the leave book, the paediatric
// schedule, appointments and school or daycare enrolments. Plain value types;
// dates (YYYY-MM-DD) and timestamps (YYYY-MM-DDTHH:MM:SSZ) are ISO text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/coresidence.h"

namespace vinculo {

// One step of a gradual separation ("first weekend with the grandmother").
struct TransitionStepRow {
  std::string step_on;  // YYYY-MM-DD
  std::string description;
};

struct TransitionPlanRow {
  long long id = 0;
  long long child_id = 0;
  std::string destination;  // relatives | care_organisation | state_care
  std::string receiving_party;
  std::string consulted;
  std::optional<long long> visit_parent_id;  // visits that keep the bond after the move
  std::optional<std::string> visit_frequency;
  TransitionPlanStatus status = TransitionPlanStatus::kDraft;
  std::optional<long long> approved_by_user_id;
  std::optional<std::string> approved_on;
  long long recorded_by = 0;
  std::string created_at;
  std::string updated_at;
  std::vector<TransitionStepRow> steps;  // in date order
};

// What the visits module reads: this child should visit this parent this often.
struct VisitRequirementRow {
  long long id = 0;
  long long plan_id = 0;
  long long child_id = 0;
  long long parent_id = 0;
  std::string frequency;  // weekly | fortnightly | monthly
  std::string starts_on;
  std::string created_at;
};

struct AuthorisedAdultRow {
  long long id = 0;
  long long child_id = 0;
  std::string full_name;
  std::string relationship;
  std::string document_id;  // restricted: only the roles that manage the list see it
  bool active = true;
  long long recorded_by = 0;
  std::string created_at;
};

struct LeaveRow {
  long long id = 0;
  long long child_id = 0;
  long long facility_id = 0;
  long long adult_id = 0;
  std::string adult_name;  // joined from authorised_adults on reads
  std::string reason;      // weekend_with_relatives | hospital | court | other
  std::string left_at;
  std::string due_back_at;
  std::optional<std::string> returned_at;
  std::string note;
  long long recorded_by = 0;
  std::string created_at;
};

struct LeaveFilter {
  std::optional<long long> facility_id;
  std::optional<long long> child_id;
  // Only leaves not yet returned whose due_back_at is before this timestamp.
  std::optional<std::string> overdue_at;
  // Only leaves not yet returned (booked, out or overdue).
  bool open_only = false;
};

struct HealthScheduleRow {
  long long id = 0;
  std::string kind;  // checkup | vaccine
  std::string name;
  long long age_months = 0;
  bool active = true;
  std::string created_at;
};

struct AppointmentRow {
  long long id = 0;
  long long child_id = 0;
  std::optional<long long> schedule_id;
  std::string kind;  // checkup | vaccine | other
  std::string name;
  std::string due_on;
  std::optional<std::string> done_on;
  std::string note;
  long long recorded_by = 0;
  std::string created_at;
};

struct SchoolEnrolmentRow {
  long long id = 0;
  long long child_id = 0;
  std::string setting;  // daycare | school
  std::string institution;
  std::string level;
  std::string started_on;
  long long recorded_by = 0;
  std::string created_at;
};

}  // namespace vinculo
