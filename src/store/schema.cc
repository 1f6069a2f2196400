#include "store/schema.h"

namespace vinculo {

// Conventions shared by both engines:
// - dates are TEXT 'YYYY-MM-DD' and timestamps TEXT 'YYYY-MM-DDTHH:MM:SSZ'
//   (UTC): they sort correctly as text and read the same in both engines;
// - booleans are INTEGER 0/1 (SOCI 4.0 has no portable boolean);
// - every record table has version (optimistic locking, the HTTP ETag),
//   archived (records are archived, not deleted), created_at and updated_at.
static const char* const kInitialSchema = R"SQL(
CREATE TABLE jurisdictions (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  country_code TEXT
);
CREATE TABLE coresidence_rules (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
  allowed INTEGER NOT NULL,
  max_age_months BIGINT,
  rule_kind TEXT NOT NULL,
  extension_possible TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  notes TEXT,
  source TEXT NOT NULL,
  UNIQUE (jurisdiction_id, effective_from)
);
CREATE TABLE organisations (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id),
  address TEXT,
  phone TEXT,
  email TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION
);
CREATE TABLE facilities (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
  organisation_id BIGINT REFERENCES organisations(id),
  parent_facility_id BIGINT REFERENCES facilities(id),
  address TEXT,
  official_capacity BIGINT NOT NULL,
  current_population BIGINT NOT NULL,
  has_nursery INTEGER,
  nursery_max_age_months BIGINT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION
);
CREATE TABLE wings (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  capacity BIGINT
);
CREATE TABLE spaces (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  wing_id BIGINT REFERENCES wings(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  capacity_people BIGINT NOT NULL
);
CREATE TABLE homes (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  address TEXT,
  capacity_children BIGINT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION
);
CREATE TABLE staff (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  home_id BIGINT REFERENCES homes(id),
  given_names TEXT NOT NULL,
  family_names TEXT NOT NULL,
  staff_role TEXT NOT NULL,
  phone TEXT,
  email TEXT
);
CREATE TABLE parents (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  given_names TEXT NOT NULL,
  family_names TEXT NOT NULL,
  sex TEXT NOT NULL,
  date_of_birth TEXT,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  wing_id BIGINT REFERENCES wings(id),
  organisation_id BIGINT REFERENCES organisations(id),
  prisoner_number TEXT,
  custody_status TEXT NOT NULL,
  admission_date TEXT NOT NULL,
  expected_release_date TEXT,
  released_on TEXT,
  offence_category TEXT,
  language TEXT
);
CREATE TABLE children (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  given_names TEXT NOT NULL,
  family_names TEXT NOT NULL,
  pseudonym TEXT NOT NULL UNIQUE,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL,
  organisation_id BIGINT REFERENCES organisations(id),
  placement TEXT NOT NULL,
  facility_id BIGINT REFERENCES facilities(id),
  home_id BIGINT REFERENCES homes(id),
  home_address TEXT,
  school_name TEXT,
  school_grade TEXT,
  home_latitude DOUBLE PRECISION,
  home_longitude DOUBLE PRECISION
);
CREATE TABLE parent_child_links (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  child_id BIGINT NOT NULL REFERENCES children(id),
  relation TEXT NOT NULL,
  UNIQUE (parent_id, child_id)
);
CREATE TABLE placements (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  placement TEXT NOT NULL,
  facility_id BIGINT REFERENCES facilities(id),
  home_id BIGINT REFERENCES homes(id),
  organisation_id BIGINT REFERENCES organisations(id),
  started_on TEXT NOT NULL,
  ended_on TEXT,
  note TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE parent_transfers (
  id {{id}},
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  from_facility_id BIGINT NOT NULL REFERENCES facilities(id),
  to_facility_id BIGINT NOT NULL REFERENCES facilities(id),
  transferred_on TEXT NOT NULL,
  reason TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation_id BIGINT REFERENCES organisations(id),
  facility_id BIGINT REFERENCES facilities(id),
  display_name TEXT NOT NULL,
  language TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  remote_address TEXT
);
CREATE TABLE audit_events (
  id {{id}},
  at TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  remote_address TEXT,
  detail TEXT
);
CREATE INDEX children_organisation ON children(organisation_id);
CREATE INDEX children_facility ON children(facility_id);
CREATE INDEX children_home ON children(home_id);
CREATE INDEX parents_facility ON parents(facility_id);
CREATE INDEX parents_organisation ON parents(organisation_id);
CREATE INDEX links_child ON parent_child_links(child_id);
CREATE INDEX links_parent ON parent_child_links(parent_id);
CREATE INDEX placements_child ON placements(child_id);
CREATE INDEX transfers_parent ON parent_transfers(parent_id);
CREATE INDEX homes_organisation ON homes(organisation_id);
CREATE INDEX staff_organisation ON staff(organisation_id);
CREATE INDEX wings_facility ON wings(facility_id);
CREATE INDEX spaces_facility ON spaces(facility_id);
CREATE INDEX rules_jurisdiction ON coresidence_rules(jurisdiction_id);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX audit_record ON audit_events(record_kind, record_id);
CREATE INDEX audit_user ON audit_events(user_id)
)SQL";

// Migration 2, the prison nursery (issue 3). A child's stay inside is one
// nursery_admissions row (admitted_on, and the individual review date needed
// where the law sets no fixed limit); extensions are requested, then approved
// or refused, never edited; pregnancies feed the 12-month forecast.
static const char* const kNurserySchema = R"SQL(
CREATE TABLE nursery_admissions (
  id {{id}},
  child_id BIGINT NOT NULL UNIQUE REFERENCES children(id),
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  admitted_on TEXT NOT NULL,
  review_date TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE coresidence_extensions (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  requested_on TEXT NOT NULL,
  requested_by_user_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  new_age_out_date TEXT NOT NULL,
  status TEXT NOT NULL,
  approved_by_user_id BIGINT,
  approved_on TEXT,
  decision_note TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE pregnancies (
  id {{id}},
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  due_date TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  status TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX admissions_facility ON nursery_admissions(facility_id);
CREATE INDEX extensions_child ON coresidence_extensions(child_id);
CREATE INDEX pregnancies_facility ON pregnancies(facility_id);
CREATE INDEX children_placement ON children(placement)
)SQL";

// Migration 3, the nursery's care of the child (issue 3, items 3, 4 and 6):
// one transition plan per child (steps of the gradual separation, and the
// visit requirement its approval creates for the visits module), the adults
// authorised to take a child out and the leave book, the paediatric schedule
// (seeded with a default, editable by administrators), appointments and
// school or daycare enrolments; pregnancies gain their outcome. The default
// schedule follows the usual Latin American infant programme (check-ups at 1
// to 48 months; BCG and hepatitis B at birth, pentavalent, polio,
// pneumococcal and rotavirus at 2-4-6 months, MMR at 12 and 18): a starting
// point each installation adapts to its own national schedule.
static const char* const kNurseryCareSchema = R"SQL(
CREATE TABLE transition_plans (
  id {{id}},
  child_id BIGINT NOT NULL UNIQUE REFERENCES children(id),
  destination TEXT NOT NULL,
  receiving_party TEXT NOT NULL,
  consulted TEXT NOT NULL,
  visit_parent_id BIGINT REFERENCES parents(id),
  visit_frequency TEXT,
  status TEXT NOT NULL,
  approved_by_user_id BIGINT,
  approved_on TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE transition_steps (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES transition_plans(id),
  position INTEGER NOT NULL,
  step_on TEXT NOT NULL,
  description TEXT NOT NULL
);
CREATE TABLE transition_visit_requirements (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES transition_plans(id),
  child_id BIGINT NOT NULL REFERENCES children(id),
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  frequency TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE authorised_adults (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  full_name TEXT NOT NULL,
  relationship TEXT NOT NULL,
  document_id TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE nursery_leaves (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  adult_id BIGINT NOT NULL REFERENCES authorised_adults(id),
  reason TEXT NOT NULL,
  left_at TEXT NOT NULL,
  due_back_at TEXT NOT NULL,
  returned_at TEXT,
  note TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE health_schedule (
  id {{id}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  age_months INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE health_appointments (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  schedule_id BIGINT REFERENCES health_schedule(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT,
  note TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE school_enrolments (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  setting TEXT NOT NULL,
  institution TEXT NOT NULL,
  level TEXT NOT NULL,
  started_on TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE pregnancies ADD COLUMN child_id BIGINT REFERENCES children(id);
ALTER TABLE pregnancies ADD COLUMN outcome_on TEXT;
CREATE INDEX transition_steps_plan ON transition_steps(plan_id);
CREATE INDEX visit_requirements_child ON transition_visit_requirements(child_id);
CREATE INDEX authorised_adults_child ON authorised_adults(child_id);
CREATE INDEX leaves_child ON nursery_leaves(child_id);
CREATE INDEX leaves_facility ON nursery_leaves(facility_id);
CREATE INDEX appointments_child ON health_appointments(child_id);
CREATE INDEX enrolments_child ON school_enrolments(child_id);
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 1 months', 1, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 2 months', 2, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 4 months', 4, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 6 months', 6, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 9 months', 9, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 12 months', 12, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 18 months', 18, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 24 months', 24, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 36 months', 36, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('checkup', 'Paediatric check-up, 48 months', 48, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'BCG', 0, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Hepatitis B, birth dose', 0, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Pentavalent (DTP-HepB-Hib) 1', 2, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Polio 1', 2, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Rotavirus 1', 2, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Pneumococcal 1', 2, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Pentavalent (DTP-HepB-Hib) 2', 4, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Polio 2', 4, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Rotavirus 2', 4, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Pneumococcal 2', 4, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Pentavalent (DTP-HepB-Hib) 3', 6, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Polio 3', 6, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Influenza 1', 6, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Measles-mumps-rubella (MMR) 1', 12, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Pneumococcal booster', 12, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Varicella', 12, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'DTP booster 1', 18, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Measles-mumps-rubella (MMR) 2', 18, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'Polio booster', 18, 1, '2026-01-01T00:00:00Z');
INSERT INTO health_schedule (kind, name, age_months, active, created_at) VALUES ('vaccine', 'DTP booster 2', 48, 1, '2026-01-01T00:00:00Z')
)SQL";

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "records, users, sessions and audit log", kInitialSchema},
      {2, "nursery: co-residence extensions, review dates, admissions, pregnancies",
       kNurserySchema},
      {3, "nursery care: transition plans, leave book, health schedule, schooling",
       kNurseryCareSchema},
  };
  return kMigrations;
}

}  // namespace vinculo
