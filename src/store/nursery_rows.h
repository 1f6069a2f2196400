// Rows of the nursery tables (migration 2) as the store reads and writes
// them: a child's stay inside, extension requests and decisions, pregnancies,
// and the joined row the age-out board and forecast are computed from.
// Plain value types; dates are ISO text as stored.
#pragma once

#include <optional>
#include <string>

#include "domain/coresidence.h"

namespace vinculo {

// A co-residence rule version as the engine needs it (coresidence_rules row).
struct CoresidenceRuleRow {
  long long id = 0;
  long long jurisdiction_id = 0;
  bool allowed = false;
  std::optional<long long> max_age_months;
  std::string effective_from;
  std::string rule_kind;
  std::string source;
};

// A child living inside, joined with its facility, jurisdiction, admission
// and latest approved extension: one row per child, from one query.
struct ChildInsideRow {
  long long child_id = 0;
  std::string pseudonym;
  std::string given_names;
  std::string family_names;
  std::string date_of_birth;
  long long facility_id = 0;
  std::string facility;
  std::optional<long long> facility_max_age_months;
  long long jurisdiction_id = 0;
  std::string jurisdiction;  // code
  // From nursery_admissions; without one, the date of birth (born inside).
  std::string admitted_on;
  std::optional<std::string> review_date;
  long long extension_id = 0;  // 0: no approved extension
  std::string extension_new_date;
  std::string extension_reason;
  long long extension_approved_by = 0;
};

struct ChildrenInsideFilter {
  std::optional<long long> facility_id;
  std::optional<long long> child_id;  // one child (her own record, issue 15)
};

struct NurseryAdmission {
  long long id = 0;
  long long child_id = 0;
  long long facility_id = 0;
  std::string admitted_on;
  std::optional<std::string> review_date;
  long long recorded_by = 0;
  std::string created_at;
};

// An extension request and, once decided, its decision.
struct ExtensionRow {
  long long id = 0;
  long long child_id = 0;
  std::string requested_on;
  long long requested_by_user_id = 0;
  std::string reason;
  std::string new_age_out_date;
  ExtensionStatus status = ExtensionStatus::kRequested;
  std::optional<long long> approved_by_user_id;
  std::optional<std::string> approved_on;
  std::string decision_note;
  std::string created_at;
};

struct PregnancyRow {
  long long id = 0;
  long long parent_id = 0;
  long long facility_id = 0;
  std::string due_date;
  std::string registered_on;
  PregnancyStatus status = PregnancyStatus::kExpected;
  long long recorded_by = 0;
  std::string created_at;
  std::optional<long long> child_id;      // the newborn's record, once born
  std::optional<std::string> outcome_on;  // when it was born or ended
};

}  // namespace vinculo
