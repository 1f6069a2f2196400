#include "store/schema.h"

#include <string>

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

// Migration 4, nursery supplies (issue 3, item 5). The catalogue of needs by
// age (supply_items: an age band [from_months, to_months) with a quantity per
// child, durable or per month), what was donated to each facility, its stock
// (one row per facility and item, never negative: the CHECK backs the
// conditional UPDATE in the store), and allocations of stock to children. The
// default catalogue is seeded here so every database, and the demo, has it.
static const char* const kSuppliesSchema = R"SQL(
CREATE TABLE supply_items (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name_es TEXT NOT NULL,
  name_en TEXT NOT NULL,
  unit TEXT NOT NULL,
  from_months BIGINT NOT NULL,
  to_months BIGINT,
  quantity BIGINT NOT NULL,
  kind TEXT NOT NULL
);
CREATE TABLE supply_stock (
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  quantity BIGINT NOT NULL CHECK (quantity >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (facility_id, item_id)
);
CREATE TABLE supply_donations (
  id {{id}},
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  quantity BIGINT NOT NULL,
  received_quantity BIGINT NOT NULL,
  donated_on TEXT NOT NULL,
  donor_type TEXT NOT NULL,
  donor_name TEXT,
  note TEXT,
  correction_reason TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE supply_allocations (
  id {{id}},
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  child_id BIGINT NOT NULL REFERENCES children(id),
  quantity BIGINT NOT NULL,
  allocated_on TEXT NOT NULL,
  note TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX supply_donations_facility ON supply_donations(facility_id);
CREATE INDEX supply_allocations_facility ON supply_allocations(facility_id);
CREATE INDEX supply_allocations_child ON supply_allocations(child_id);
INSERT INTO supply_items (created_at, updated_at, code, name_es, name_en, unit, from_months,
  to_months, quantity, kind) VALUES
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'crib', 'Cuna', 'Crib', 'piece', 0, 24, 1, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bed', 'Cama', 'Bed', 'piece', 24, NULL, 1, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'formula', 'Leche de fórmula', 'Infant formula', 'tin', 0, 6, 6, 'monthly'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'baby_food', 'Alimento para bebé', 'Baby food', 'jar', 6, 24, 30, 'monthly'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'nappies', 'Pañales', 'Nappies', 'nappy', 0, 36, 150, 'monthly'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'clothes_0_6', 'Ropa talla 0-6 meses', 'Clothes, size 0-6 months', 'set', 0, 6, 6, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'clothes_6_12', 'Ropa talla 6-12 meses', 'Clothes, size 6-12 months', 'set', 6, 12, 6, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'clothes_12_24', 'Ropa talla 12-24 meses', 'Clothes, size 12-24 months', 'set', 12, 24, 6, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'clothes_24_48', 'Ropa talla 2-4 años', 'Clothes, size 2-4 years', 'set', 24, 48, 6, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'clothes_48_72', 'Ropa talla 4-6 años', 'Clothes, size 4-6 years', 'set', 48, 72, 6, 'durable'),
  ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'school_supplies', 'Útiles escolares', 'School supplies', 'kit', 48, NULL, 1, 'durable')
)SQL";

// Migration 6, parenting workshops (issue 5). A course is an ordered list of
// session topics in Spanish and English; a cohort runs a course at one
// facility for one group with a facilitator (a user), a space and a rhythm;
// its sessions are generated once and may be moved one by one. Enrolments
// keep their history (left, released, transferred) instead of being deleted;
// a waiting enrolment is promoted in id order. facility_closures are the
// dates a facility hosts no programme activity; facility_workshop_settings
// holds whether a facility allows mixed groups. The default course (eight
// sessions, Spanish and English) ships with the migration; topics hold no
// semicolon, which the migration runner splits statements on.
static const char* const kWorkshopSchema = R"SQL(
CREATE TABLE workshop_courses (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  title_es TEXT NOT NULL,
  title_en TEXT NOT NULL
);
CREATE TABLE workshop_course_topics (
  id {{id}},
  course_id BIGINT NOT NULL REFERENCES workshop_courses(id),
  position BIGINT NOT NULL,
  topic_es TEXT NOT NULL,
  topic_en TEXT NOT NULL,
  UNIQUE (course_id, position)
);
CREATE TABLE facility_workshop_settings (
  facility_id BIGINT PRIMARY KEY REFERENCES facilities(id),
  mixed_groups_allowed INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE TABLE facility_closures (
  id {{id}},
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  closed_on TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (facility_id, closed_on)
);
CREATE TABLE workshop_cohorts (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  course_id BIGINT NOT NULL REFERENCES workshop_courses(id),
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  group_kind TEXT NOT NULL,
  facilitator_user_id BIGINT NOT NULL REFERENCES users(id),
  space_id BIGINT NOT NULL REFERENCES spaces(id),
  capacity BIGINT NOT NULL,
  start_date TEXT NOT NULL,
  recurrence_days BIGINT NOT NULL,
  start_minute BIGINT NOT NULL,
  end_minute BIGINT NOT NULL,
  completion_percent BIGINT NOT NULL,
  status TEXT NOT NULL
);
CREATE TABLE workshop_sessions (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  cohort_id BIGINT NOT NULL REFERENCES workshop_cohorts(id),
  position BIGINT NOT NULL,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  space_id BIGINT NOT NULL REFERENCES spaces(id),
  facilitator_user_id BIGINT NOT NULL REFERENCES users(id),
  session_date TEXT NOT NULL,
  start_minute BIGINT NOT NULL,
  end_minute BIGINT NOT NULL,
  status TEXT NOT NULL,
  UNIQUE (cohort_id, position)
);
CREATE TABLE workshop_enrolments (
  id {{id}},
  cohort_id BIGINT NOT NULL REFERENCES workshop_cohorts(id),
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  status TEXT NOT NULL,
  enrolled_on TEXT,
  ended_on TEXT,
  end_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (cohort_id, parent_id)
);
CREATE TABLE workshop_attendance (
  id {{id}},
  session_id BIGINT NOT NULL REFERENCES workshop_sessions(id),
  enrolment_id BIGINT NOT NULL REFERENCES workshop_enrolments(id),
  status TEXT NOT NULL,
  absence_reason TEXT,
  recorded_by BIGINT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (session_id, enrolment_id)
);
INSERT INTO workshop_courses (created_at, updated_at, code, title_es, title_en) VALUES
  ('2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', 'crianza-positiva',
   'Crianza positiva y vínculo familiar', 'Positive parenting and family bonds');
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 1, 'La crianza positiva: qué es y por qué importa', 'Positive parenting: what it is and why it matters' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 2, 'Los derechos de niñas, niños y adolescentes', 'Children''s rights' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 3, 'Comunicar sin órdenes: escuchar y hablar con mis hijos', 'Communication without orders: listening and talking with my children' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 4, 'Emociones y límites con cariño', 'Emotions and loving limits' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 5, 'El vínculo a distancia: visitas, cartas y llamadas', 'Keeping the bond at a distance: visits, letters and calls' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 6, 'Cuidarme para cuidar', 'Caring for myself to care for them' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 7, 'Preparar la libertad', 'Preparing for release' FROM workshop_courses WHERE code = 'crianza-positiva';
INSERT INTO workshop_course_topics (course_id, position, topic_es, topic_en)
  SELECT id, 8, 'La reunificación familiar: volver a casa', 'Family reunification: coming home' FROM workshop_courses WHERE code = 'crianza-positiva';
CREATE INDEX cohorts_facility ON workshop_cohorts(facility_id);
CREATE INDEX workshop_sessions_space_date ON workshop_sessions(space_id, session_date);
CREATE INDEX workshop_sessions_facilitator_date ON workshop_sessions(facilitator_user_id, session_date);
CREATE INDEX workshop_sessions_facility_date ON workshop_sessions(facility_id, session_date);
CREATE INDEX enrolments_parent ON workshop_enrolments(parent_id);
CREATE INDEX attendance_enrolment ON workshop_attendance(enrolment_id)
)SQL";

// Migration 5, the visit programme (issue 4). Templates say when a facility's
// space receives visits; sessions are their dated occurrences, materialised per
// month, with booked counters that publishing raises by a conditional UPDATE
// (never above capacity). Requirements are the pairs (child, imprisoned
// parent) to visit; escorts are staff with available dates; route overrides
// replace the great-circle estimate; plans keep the planner's answer.
static const char* const kVisitSchema = R"SQL(
CREATE TABLE visit_session_templates (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  space_id BIGINT REFERENCES spaces(id),
  pattern TEXT NOT NULL,
  interval_n BIGINT NOT NULL,
  weekday BIGINT NOT NULL,
  nth BIGINT NOT NULL,
  month_day BIGINT NOT NULL,
  anchor_date TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  capacity_families BIGINT NOT NULL,
  capacity_people BIGINT NOT NULL,
  wing TEXT NOT NULL,
  created_by BIGINT NOT NULL
);
CREATE TABLE visit_exclusions (
  id {{id}},
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  template_id BIGINT REFERENCES visit_session_templates(id),
  excluded_on TEXT NOT NULL,
  reason TEXT,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE visit_sessions (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  space_id BIGINT REFERENCES spaces(id),
  template_id BIGINT NOT NULL REFERENCES visit_session_templates(id),
  session_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  capacity_families BIGINT NOT NULL,
  capacity_people BIGINT NOT NULL,
  booked_families BIGINT NOT NULL DEFAULT 0,
  booked_people BIGINT NOT NULL DEFAULT 0,
  wing TEXT NOT NULL,
  status TEXT NOT NULL,
  blocked_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (template_id, session_date)
);
CREATE TABLE visit_requirements (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  child_id BIGINT NOT NULL REFERENCES children(id),
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  frequency TEXT NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  banned_until TEXT,
  no_contact INTEGER NOT NULL DEFAULT 0,
  last_visit_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (child_id, parent_id)
);
CREATE TABLE child_unavailable_dates (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  unavailable_on TEXT NOT NULL,
  reason TEXT,
  UNIQUE (child_id, unavailable_on)
);
CREATE TABLE escorts (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  staff_id BIGINT NOT NULL UNIQUE REFERENCES staff(id),
  max_children BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE escort_available_dates (
  id {{id}},
  escort_id BIGINT NOT NULL REFERENCES escorts(id),
  available_on TEXT NOT NULL,
  UNIQUE (escort_id, available_on)
);
CREATE TABLE route_overrides (
  id {{id}},
  home_id BIGINT NOT NULL REFERENCES homes(id),
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  travel_minutes INTEGER NOT NULL,
  cost DOUBLE PRECISION NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (home_id, facility_id)
);
CREATE TABLE plans (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  month TEXT NOT NULL,
  status TEXT NOT NULL,
  coverage DOUBLE PRECISION NOT NULL,
  bound DOUBLE PRECISION NOT NULL,
  gap DOUBLE PRECISION NOT NULL,
  proven_optimal INTEGER NOT NULL,
  travel_cost DOUBLE PRECISION NOT NULL,
  solve_seconds DOUBLE PRECISION NOT NULL,
  baseline_coverage DOUBLE PRECISION NOT NULL,
  baseline_visits BIGINT NOT NULL,
  baseline_trips BIGINT NOT NULL,
  baseline_travel_cost DOUBLE PRECISION NOT NULL,
  note TEXT,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  published_by BIGINT,
  published_at TEXT
);
CREATE TABLE plan_trips (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES plans(id),
  escort_id BIGINT NOT NULL REFERENCES escorts(id),
  home_id BIGINT NOT NULL REFERENCES homes(id),
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  trip_date TEXT NOT NULL,
  depart_minute INTEGER NOT NULL,
  return_minute INTEGER NOT NULL,
  cost DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL
);
CREATE TABLE plan_visits (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  plan_id BIGINT NOT NULL REFERENCES plans(id),
  requirement_id BIGINT NOT NULL REFERENCES visit_requirements(id),
  child_id BIGINT NOT NULL REFERENCES children(id),
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  session_id BIGINT NOT NULL REFERENCES visit_sessions(id),
  trip_id BIGINT NOT NULL REFERENCES plan_trips(id),
  status TEXT NOT NULL,
  needs_review INTEGER NOT NULL DEFAULT 0,
  review_reason TEXT,
  attended INTEGER,
  absence_reason TEXT,
  actual_start_minute INTEGER,
  actual_end_minute INTEGER,
  brought TEXT,
  note TEXT,
  mood_before INTEGER,
  mood_after INTEGER,
  updated_at TEXT NOT NULL
);
CREATE TABLE plan_unscheduled (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES plans(id),
  requirement_id BIGINT NOT NULL REFERENCES visit_requirements(id),
  child_id BIGINT NOT NULL REFERENCES children(id),
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  reason TEXT NOT NULL
);
CREATE INDEX visit_templates_facility ON visit_session_templates(facility_id);
CREATE INDEX visit_exclusions_facility ON visit_exclusions(facility_id, excluded_on);
CREATE INDEX visit_sessions_facility_date ON visit_sessions(facility_id, session_date);
CREATE INDEX visit_sessions_space_date ON visit_sessions(space_id, session_date);
CREATE INDEX visit_requirements_organisation ON visit_requirements(organisation_id);
CREATE INDEX escorts_organisation ON escorts(organisation_id);
CREATE INDEX plans_organisation_month ON plans(organisation_id, month);
CREATE INDEX plan_trips_plan ON plan_trips(plan_id);
CREATE INDEX plan_trips_escort_date ON plan_trips(escort_id, trip_date);
CREATE INDEX plan_visits_plan ON plan_visits(plan_id);
CREATE INDEX plan_visits_session ON plan_visits(session_id);
CREATE INDEX plan_unscheduled_plan ON plan_unscheduled(plan_id)
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

// Migration 7: a user may be linked to the staff record she is (a caregiver
// who escorts children sees only her own trips).
static const char* const kUserStaffSchema = R"SQL(
ALTER TABLE users ADD COLUMN staff_id BIGINT REFERENCES staff(id)
)SQL";

// Migration 8: an organisation's own travel speed and cost per km for the
// visit programme (great-circle estimates when no route override exists). No
// row means the installation defaults (60 km/h, 0.5 per km); `version` is the
// ETag of a PUT, and the absent row counts as version 1.
static const char* const kVisitSettingsSchema = R"SQL(
CREATE TABLE visit_settings (
  organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  version BIGINT NOT NULL,
  travel_speed_kmh DOUBLE PRECISION NOT NULL CHECK (travel_speed_kmh > 0),
  cost_per_km DOUBLE PRECISION NOT NULL CHECK (cost_per_km >= 0),
  updated_by BIGINT NOT NULL,
  updated_at TEXT NOT NULL
)
)SQL";

// Migration 9: a child's visits (her timeline) and a pair's latest attended
// visit (recomputed on every visit record) are read by child and by
// requirement; without these indexes both scanned every planned visit.
static const char* const kPlanVisitIndexes = R"SQL(
CREATE INDEX plan_visits_child ON plan_visits(child_id);
CREATE INDEX plan_visits_requirement ON plan_visits(requirement_id)
)SQL";

// SQLite only: audit_events without AUTOINCREMENT. AUTOINCREMENT made every
// audit line also read and rewrite the sqlite_sequence table, a third of the
// cost of writing it; audit lines are never deleted, so the plain rowid
// (largest + 1) gives the same increasing ids. SQLite cannot drop the keyword
// in place, so the table is rebuilt with its rows and ids. PostgreSQL's
// identity column has no such cost and is left as it is.
static const char* const kAuditWithoutAutoincrement = R"SQL(
CREATE TABLE audit_events_rebuilt (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  remote_address TEXT,
  detail TEXT
);
INSERT INTO audit_events_rebuilt (id, at, user_id, username, action, record_kind, record_id,
  remote_address, detail)
  SELECT id, at, user_id, username, action, record_kind, record_id, remote_address, detail
  FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_rebuilt RENAME TO audit_events;
CREATE INDEX audit_record ON audit_events(record_kind, record_id);
CREATE INDEX audit_user ON audit_events(user_id)
)SQL";

// Migration 11 (issue 14): the "at most one" rules the database itself now
// enforces on both engines, so two requests at the same moment cannot both
// pass a check made in C++ (PostgreSQL's READ COMMITTED lets two transactions
// read "none yet" and both write). Partial unique indexes, the same SQL on
// SQLite and PostgreSQL; StatusFromDriverError turns a violation into the
// same 409 naming the field that the service's own check gives.
// docs/operations.md lists every such rule and how it is enforced.
static const char* const kInvariantIndexes = R"SQL(
CREATE UNIQUE INDEX plans_one_published ON plans(organisation_id, month)
  WHERE status = 'published';
CREATE UNIQUE INDEX leaves_one_open ON nursery_leaves(child_id) WHERE returned_at IS NULL;
CREATE UNIQUE INDEX placements_one_current ON placements(child_id) WHERE ended_on IS NULL;
CREATE UNIQUE INDEX extensions_one_pending ON coresidence_extensions(child_id)
  WHERE status = 'requested'
)SQL";

// Migration 12 (issue 14): the first answer to a POST sent with an
// Idempotency-Key, per user and key, for kIdempotencyKeyLifetime (24 hours;
// service/idempotency.h). Kept in the database, not in a server's memory, so
// a retry that reaches another server of the installation finds it. A row
// with no status is a request still running.
static const char* const kIdempotencySchema = R"SQL(
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  body TEXT,
  location TEXT,
  etag TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys(expires_at)
)SQL";

// Migration 13 (issue 13): when a session was last used, for the idle
// timeout (AuthService). NULL until its first use after sign-in.
static const char* const kSessionLastSeen = R"SQL(
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT
)SQL";

// Migration 14 (issue 13): the audit log as a hash chain. Each event carries
// its place in the chain (chain_seq, from 1 without gaps) and chain_hash, the
// BLAKE2b of the previous event's hash and its own fields
// (store/audit_chain.cc); audit_chain_head holds the last of them, and its
// one row is what concurrent writers queue on. Events written before this
// migration stay unchained.
static const char* const kAuditChain = R"SQL(
ALTER TABLE audit_events ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_events ADD COLUMN chain_hash TEXT;
CREATE TABLE audit_chain_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '')
)SQL";

// Migration 15 (issue 18): a facility's IANA time zone. Null means its jurisdiction's
// (domain/time_zones.h), so existing facilities need no value: Peru's read
// America/Lima, Oaxaca's America/Mexico_City.
constexpr const char* kFacilityTimeZone = R"SQL(
ALTER TABLE facilities ADD COLUMN time_zone TEXT
)SQL";

// Migration 16 (issue 15): an administrator's documented exception for a
// child living inside where the law or the facility would refuse it.
static const char* const kCoresidenceExceptionSchema = R"SQL(
ALTER TABLE children ADD COLUMN coresidence_exception TEXT
)SQL";

// Migration 17 (issue 19): a coordinator's split of siblings on purpose. Siblings
// visiting one parent go together or not at all; a split row lets this
// requirement's child go (or not) on her own in that month's plans.
static const char* const kSiblingSplitSchema = R"SQL(
CREATE TABLE sibling_splits (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  requirement_id BIGINT NOT NULL REFERENCES visit_requirements(id),
  month TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sibling_splits_requirement_month ON sibling_splits(requirement_id, month);
CREATE INDEX sibling_splits_organisation_month ON sibling_splits(organisation_id, month)
)SQL";

// Migration 18 (issue 19): a pair left short of its frequency says so. An
// unscheduled row now carries the visits the plan gives the pair and the
// visits it wanted (a row with visits_planned > 0 is a pair short of its
// frequency, not one left out) and a detail naming the dates lost and why.
// An organisation's notice before a planned visit and a child's longest day
// (door to door) join its travel rates; the defaults are those the planner
// used before (24 hours, 10 hours).
static const char* const kPlanShortfallSchema = R"SQL(
ALTER TABLE plan_unscheduled ADD COLUMN visits_planned BIGINT NOT NULL DEFAULT 0;
ALTER TABLE plan_unscheduled ADD COLUMN visits_wanted BIGINT NOT NULL DEFAULT 1;
ALTER TABLE plan_unscheduled ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE visit_settings ADD COLUMN notice_hours BIGINT NOT NULL DEFAULT 24
  CHECK (notice_hours >= 0);
ALTER TABLE visit_settings ADD COLUMN longest_child_day_minutes BIGINT NOT NULL DEFAULT 600
  CHECK (longest_child_day_minutes > 0 AND longest_child_day_minutes <= 1440)
)SQL";

// Migration 19 (issue 18): calendar subscriptions. A user's secret token for
// one feed (a facility's visits, an escort's trips, a facilitator's
// sessions), so that a calendar application can subscribe without signing
// in. Only the token's BLAKE2b hash is kept, as for sessions; a revoked row
// stays, with the time it was revoked.
static const char* const kCalendarSubscriptionSchema = R"SQL(
CREATE TABLE calendar_subscriptions (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  feed TEXT NOT NULL CHECK (feed IN ('facility', 'escort', 'facilitator')),
  subject_id BIGINT NOT NULL CHECK (subject_id > 0),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX calendar_subscriptions_user ON calendar_subscriptions(user_id)
)SQL";

// Migration 20 (issue 15): siblings the parent links do not show (a half
// sibling whose shared parent is not in prison, siblings whose parents are
// not registered). One row per pair, the smaller child id first, so the CHECK
// refuses a child who would be her own sibling and the UNIQUE a pair twice.
static const char* const kSiblingLinkSchema = R"SQL(
CREATE TABLE sibling_links (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES children(id),
  sibling_id BIGINT NOT NULL REFERENCES children(id),
  relation TEXT NOT NULL CHECK (relation IN ('full', 'half', 'step')),
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (child_id < sibling_id),
  UNIQUE (child_id, sibling_id)
);
CREATE INDEX sibling_links_sibling ON sibling_links(sibling_id)
)SQL";

// Migration 21 (issue 15): a parent's expected release date moves (appeals,
// sentence reductions); each value it takes is one row, the first from the
// registration (existing parents get theirs from the parents table).
static const char* const kReleaseDateHistorySchema = R"SQL(
CREATE TABLE release_date_changes (
  id {{id}},
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  expected_release_date TEXT,
  previous_date TEXT,
  changed_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX release_date_changes_parent ON release_date_changes(parent_id, id);
INSERT INTO release_date_changes (parent_id, expected_release_date, previous_date, changed_by,
                                  created_at)
  SELECT id, expected_release_date, NULL, 0, created_at FROM parents
  WHERE expected_release_date IS NOT NULL
)SQL";

// Migration 22 (issue 19): what a visiting session's places count, per
// template and so per session: families (the default, as before: a parent
// with all her children visiting her there is one place), pairs (one
// child-parent visit) or people (children and escorts). capacity_families and
// booked_families keep their names and count places in that unit.
static const char* const kSessionCapacityUnitSchema = R"SQL(
ALTER TABLE visit_session_templates ADD COLUMN capacity_unit TEXT NOT NULL DEFAULT 'families'
  CHECK (capacity_unit IN ('families', 'pairs', 'people'));
ALTER TABLE visit_sessions ADD COLUMN capacity_unit TEXT NOT NULL DEFAULT 'families'
  CHECK (capacity_unit IN ('families', 'pairs', 'people'))
)SQL";

// Migration 23 (issue 14): indexes for the scoped counts and lists at national
// scale (docs/benchmarks.md). The scope lists ("the parents of her
// children", "the children of the parents held here") read parent-child
// links from the index alone, archived flag included. (A covering index on
// children for the dashboard's counts was tried and left out: SQLite then
// chose it for the children's list and sorted a whole organisation to give
// one page, 5 times slower.)
static const char* const kScopeIndexes = R"SQL(
DROP INDEX links_child;
CREATE INDEX links_child ON parent_child_links(child_id, archived, parent_id);
DROP INDEX links_parent;
CREATE INDEX links_parent ON parent_child_links(parent_id, archived, child_id)
)SQL";

// Migration 28 (issue 14): the dashboard's counts from indexes alone. A
// coordinator's figures count her organisation's children by placement and by
// facility, and the parents in her scope by facility: without these, each
// count fetched every row (3,768 children, about 2,200 page reads a count on
// the national dataset); with them, 15 to 36. The composite indexes begin with
// the organisation, so the one on organisation_id alone goes.
static const char* const kCountIndexes = R"SQL(
CREATE INDEX children_organisation_placement ON children(organisation_id, archived, placement);
CREATE INDEX children_organisation_facility ON children(organisation_id, archived, facility_id);
DROP INDEX children_organisation;
CREATE INDEX parents_archived_facility ON parents(id, archived, facility_id)
)SQL";

// Migration 29 (issue 14): the nursery board of a facility's officer. Her
// scope among the children inside is built from the children inside her
// facility and the ids of all children inside, against which the children of
// the parents held there are tested (ChildrenInsideScopeIds in sql_util.cc);
// the transition plans, kept decisions and proposals are read for the
// children inside a facility. An index on (placement, facility, archived)
// answers each of these without a child's row (it begins with placement, so
// the one on placement alone goes). The board's open leaves (102 of 52,000
// in the national dataset) were found by reading the whole leave book: 1,840
// page reads a board against 344 through the partial index.
static const char* const kBoardIndexes = R"SQL(
CREATE INDEX children_placement_facility ON children(placement, facility_id, archived);
DROP INDEX children_placement;
CREATE INDEX leaves_open ON nursery_leaves(child_id) WHERE returned_at IS NULL
)SQL";

// Migration 30 (issue 14): the dashboard's parents' count from one index. A
// coordinator's parents are those of her organisation's children (and those
// her organisation follows); counting them by facility sought each child's
// links and then each linked parent (3,907 children, 3,900 parents: 1,723
// page reads a summary on the national dataset). Each link now carries a
// copy of its child's organisation and of its parent's facility and archived
// flag, so the count is one range of an index; the parents the organisation
// follows come from a partial index of the parents that have one (with the
// index on organisation_id alone, SQLite's statistics, which count the
// 150,000 parents without one, made it scan them all). The copies are kept
// by the database itself, in the writing transaction, on every write path
// (generic updates, transfers, archives, placement changes, imports, the
// bulk loader, raw SQL): a link takes them when written or re-pointed, and a
// change to a parent's facility or archived flag or to a child's
// organisation is copied to the links. SQLite's triggers run in the writer's
// transaction, and SQLite has one writer at a time; PostgreSQL's are below
// (kLinkCopiesPostgres). Nothing reads these columns but
// figures_store::OrganisationParentsByFacility.
static const char* const kLinkCopiesColumns = R"SQL(
ALTER TABLE parent_child_links ADD COLUMN child_organisation_id BIGINT;
ALTER TABLE parent_child_links ADD COLUMN parent_facility_id BIGINT;
ALTER TABLE parent_child_links ADD COLUMN parent_archived INTEGER NOT NULL DEFAULT 0;
UPDATE parent_child_links SET
  child_organisation_id = (SELECT c.organisation_id FROM children c
                           WHERE c.id = parent_child_links.child_id),
  parent_facility_id = (SELECT p.facility_id FROM parents p WHERE p.id = parent_child_links.parent_id),
  parent_archived = (SELECT p.archived FROM parents p WHERE p.id = parent_child_links.parent_id);
CREATE INDEX links_organisation_parent ON parent_child_links(child_organisation_id, archived,
  parent_archived, parent_facility_id, parent_id);
CREATE INDEX parents_followed ON parents(organisation_id, archived, facility_id)
  WHERE organisation_id IS NOT NULL
)SQL";

// SQLite cannot change NEW in a BEFORE trigger: a link written is updated
// after its insert, unless it was written with the right copies (the bulk
// loader of `vinculo generate` gives them: rewriting each of the national
// dataset's 267,094 links, and its entry in the new index, took its load
// from 6 to 41 s). Each trigger body is one statement on one line (the
// migration's statements are split at ";" and a line break).
static const char* const kLinkCopiesSqlite = R"SQL(
CREATE TRIGGER links_copy_on_insert AFTER INSERT ON parent_child_links WHEN NEW.child_organisation_id IS NOT (SELECT c.organisation_id FROM children c WHERE c.id = NEW.child_id) OR NEW.parent_facility_id IS NOT (SELECT p.facility_id FROM parents p WHERE p.id = NEW.parent_id) OR NEW.parent_archived IS NOT (SELECT p.archived FROM parents p WHERE p.id = NEW.parent_id) BEGIN UPDATE parent_child_links SET child_organisation_id = (SELECT c.organisation_id FROM children c WHERE c.id = NEW.child_id), parent_facility_id = (SELECT p.facility_id FROM parents p WHERE p.id = NEW.parent_id), parent_archived = (SELECT p.archived FROM parents p WHERE p.id = NEW.parent_id) WHERE id = NEW.id; END;
CREATE TRIGGER links_copy_on_repoint AFTER UPDATE OF parent_id, child_id ON parent_child_links BEGIN UPDATE parent_child_links SET child_organisation_id = (SELECT c.organisation_id FROM children c WHERE c.id = NEW.child_id), parent_facility_id = (SELECT p.facility_id FROM parents p WHERE p.id = NEW.parent_id), parent_archived = (SELECT p.archived FROM parents p WHERE p.id = NEW.parent_id) WHERE id = NEW.id; END;
CREATE TRIGGER parents_copy_to_links AFTER UPDATE OF facility_id, archived ON parents WHEN OLD.facility_id IS NOT NEW.facility_id OR OLD.archived IS NOT NEW.archived BEGIN UPDATE parent_child_links SET parent_facility_id = NEW.facility_id, parent_archived = NEW.archived WHERE parent_id = NEW.id; END;
CREATE TRIGGER children_copy_to_links AFTER UPDATE OF organisation_id ON children WHEN OLD.organisation_id IS NOT NEW.organisation_id BEGIN UPDATE parent_child_links SET child_organisation_id = NEW.organisation_id WHERE child_id = NEW.id; END
)SQL";

// PostgreSQL: a link takes its copies before it is written, reading its
// parent and child FOR SHARE. Under READ COMMITTED that lock is what keeps a
// copy from going stale: a transfer of the parent (or a move of the child)
// not yet committed makes the new link wait and then read the committed row,
// and a transfer that comes after waits for the link's transaction, whose
// link its own update of the links then sees (each statement of the trigger
// function takes a new snapshot). The foreign key's FOR KEY SHARE would not
// do: it does not conflict with an update of a column that is not a key.
static const char* const kLinkCopiesPostgres = R"SQL(
CREATE FUNCTION links_take_copies() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN SELECT p.facility_id, p.archived INTO NEW.parent_facility_id, NEW.parent_archived FROM parents p WHERE p.id = NEW.parent_id FOR SHARE; SELECT c.organisation_id INTO NEW.child_organisation_id FROM children c WHERE c.id = NEW.child_id FOR SHARE; RETURN NEW; END $$;
CREATE TRIGGER links_take_copies BEFORE INSERT OR UPDATE OF parent_id, child_id ON parent_child_links FOR EACH ROW EXECUTE FUNCTION links_take_copies();
CREATE FUNCTION parents_copy_to_links() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE parent_child_links SET parent_facility_id = NEW.facility_id, parent_archived = NEW.archived WHERE parent_id = NEW.id; RETURN NULL; END $$;
CREATE TRIGGER parents_copy_to_links AFTER UPDATE OF facility_id, archived ON parents FOR EACH ROW WHEN (OLD.facility_id IS DISTINCT FROM NEW.facility_id OR OLD.archived IS DISTINCT FROM NEW.archived) EXECUTE FUNCTION parents_copy_to_links();
CREATE FUNCTION children_copy_to_links() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE parent_child_links SET child_organisation_id = NEW.organisation_id WHERE child_id = NEW.id; RETURN NULL; END $$;
CREATE TRIGGER children_copy_to_links AFTER UPDATE OF organisation_id ON children FOR EACH ROW WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id) EXECUTE FUNCTION children_copy_to_links()
)SQL";

// Migration 24 (issue 15): release and reunification. A reunification plan
// per incarcerated parent (at most one open: the partial unique index, so two
// creations at the same moment give one plan and a 409) with its steps, each
// owned by a user; the contacts with a family after release; and an
// organisation's follow-up period (no row: the default, reported as
// version 1, like visit_settings).
static const char* const kReunificationSchema = R"SQL(
CREATE TABLE reunification_plans (
  id {{id}},
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  organisation_id BIGINT REFERENCES organisations(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  note TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE UNIQUE INDEX reunification_plans_one_open ON reunification_plans(parent_id)
  WHERE status = 'open';
CREATE INDEX reunification_plans_parent ON reunification_plans(parent_id);
CREATE TABLE reunification_steps (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES reunification_plans(id),
  kind TEXT NOT NULL CHECK (kind IN ('housing', 'income', 'school_place', 'custody_legal',
                                     'contact_before_release', 'other')),
  description TEXT NOT NULL,
  owner_user_id BIGINT NOT NULL REFERENCES users(id),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'done', 'cancelled')),
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX reunification_steps_plan ON reunification_steps(plan_id, due_on);
CREATE TABLE follow_up_contacts (
  id {{id}},
  parent_id BIGINT NOT NULL REFERENCES parents(id),
  contacted_on TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('home_visit', 'phone', 'office_meeting', 'other')),
  note TEXT,
  recorded_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX follow_up_contacts_parent ON follow_up_contacts(parent_id, contacted_on);
CREATE TABLE reunification_settings (
  organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  version BIGINT NOT NULL,
  follow_up_days BIGINT NOT NULL CHECK (follow_up_days >= 0),
  updated_by BIGINT NOT NULL,
  updated_at TEXT NOT NULL
)
)SQL";

// Migration 25 (issue 15): the age-out decision kept, and law changes as
// proposals. A rule version may be open-ended in the past (effective_from
// NULL: in force since always until the next version), at most one per
// jurisdiction. SQLite cannot drop a NOT NULL, so it rebuilds the table
// (nothing references it yet); PostgreSQL alters the column. The rest is the
// same on both engines (kAgeOutDecisionTables).
//
// ageout_decisions: one kept decision per child living inside (her
// admission): the date, the rule version and policy that gave it, who
// decided and when. Written with the admission, the placement change inside
// or the approved extension; the board and the child's record read it and do
// not recompute. A child inside without one (before this migration) gets it
// from the rules as they stand before the first change to her
// jurisdiction's rules (service/ageout_decisions.cc), so no existing date
// moves silently.
// ageout_proposals: what a change to the rules would make of a kept
// decision, waiting for a person: at most one pending per child (replaced in
// place by a later change, withdrawn when a new decision is kept).
static const char* const kOpenEndedRulesSqlite = R"SQL(
CREATE TABLE coresidence_rules_rebuilt (
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
  effective_from TEXT,
  notes TEXT,
  source TEXT NOT NULL,
  UNIQUE (jurisdiction_id, effective_from)
);
INSERT INTO coresidence_rules_rebuilt (id, version, archived, created_at, updated_at,
  jurisdiction_id, allowed, max_age_months, rule_kind, extension_possible, effective_from, notes,
  source)
  SELECT id, version, archived, created_at, updated_at, jurisdiction_id, allowed, max_age_months,
    rule_kind, extension_possible, effective_from, notes, source FROM coresidence_rules;
DROP TABLE coresidence_rules;
ALTER TABLE coresidence_rules_rebuilt RENAME TO coresidence_rules;
CREATE INDEX rules_jurisdiction ON coresidence_rules(jurisdiction_id)
)SQL";

static const char* const kOpenEndedRulesPostgres = R"SQL(
ALTER TABLE coresidence_rules ALTER COLUMN effective_from DROP NOT NULL
)SQL";

static const char* const kAgeOutDecisionTables = R"SQL(
CREATE UNIQUE INDEX coresidence_rules_one_open ON coresidence_rules(jurisdiction_id)
  WHERE effective_from IS NULL AND archived = 0;
CREATE TABLE ageout_decisions (
  id {{id}},
  child_id BIGINT NOT NULL UNIQUE REFERENCES children(id),
  version BIGINT NOT NULL DEFAULT 1,
  facility_id BIGINT NOT NULL REFERENCES facilities(id),
  age_out_date TEXT NOT NULL,
  basis TEXT NOT NULL
    CHECK (basis IN ('jurisdiction_rule', 'facility_override', 'review_date', 'extension')),
  rule_id BIGINT REFERENCES coresidence_rules(id),
  extension_id BIGINT REFERENCES coresidence_extensions(id),
  max_age_months BIGINT,
  source TEXT NOT NULL,
  policy TEXT NOT NULL CHECK (policy IN ('rule_at_admission', 'rule_in_force')),
  occasion TEXT NOT NULL,
  decided_by BIGINT,
  decided_at TEXT NOT NULL
);
CREATE TABLE ageout_proposals (
  id {{id}},
  version BIGINT NOT NULL DEFAULT 1,
  child_id BIGINT NOT NULL REFERENCES children(id),
  decision_id BIGINT NOT NULL,
  kept_date TEXT NOT NULL,
  kept_rule_id BIGINT,
  proposed_date TEXT NOT NULL,
  proposed_basis TEXT NOT NULL,
  proposed_rule_id BIGINT REFERENCES coresidence_rules(id),
  proposed_extension_id BIGINT,
  proposed_max_age_months BIGINT,
  proposed_source TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'withdrawn')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  decided_by BIGINT,
  decided_at TEXT
);
CREATE UNIQUE INDEX ageout_proposals_one_pending ON ageout_proposals(child_id)
  WHERE status = 'pending';
CREATE INDEX ageout_proposals_child ON ageout_proposals(child_id)
)SQL";

// Migration 26 (issue 15): a leave may be booked ahead while the child is out
// on another, so "one leave not yet returned per child" is no longer the
// rule; the rule is "no two leaves of a child at the same time", which an
// index cannot say: StartLeave checks it under the child's row lock
// (docs/operations.md).
static const char* const kLeavesBookedAheadSchema = R"SQL(
DROP INDEX leaves_one_open
)SQL";

// Issue 16: accent- and case-insensitive search. Each searchable record
// keeps its searchable fields folded (domain SearchText, common/text_fold.h)
// in search_text, written with the record; Store::MigrateTo fills the rows
// that were there before this migration.
constexpr const char* kSearchTextSchema = R"SQL(
ALTER TABLE jurisdictions ADD COLUMN search_text TEXT;
ALTER TABLE organisations ADD COLUMN search_text TEXT;
ALTER TABLE facilities ADD COLUMN search_text TEXT;
ALTER TABLE wings ADD COLUMN search_text TEXT;
ALTER TABLE spaces ADD COLUMN search_text TEXT;
ALTER TABLE homes ADD COLUMN search_text TEXT;
ALTER TABLE staff ADD COLUMN search_text TEXT;
ALTER TABLE parents ADD COLUMN search_text TEXT;
ALTER TABLE children ADD COLUMN search_text TEXT
)SQL";

// Migration 31 (issue 14): a coordinator's list of children with a placement
// filter, in id order, a page at a time. SQLite's secondary indexes end with
// the row id, so the (organisation, archived, placement) index already gave
// the rows in id order there; PostgreSQL's does not, and its planner walked
// the primary key instead, filtering 17,877 rows for a page of 50 (10 ms a
// list at national scale, 150 to 190 lists a second). With the id in the
// index it reads the organisation's rows of that placement from the cursor on:
// 0.95 ms. The counts by placement read the same index.
static const char* const kListIndexes = R"SQL(
DROP INDEX children_organisation_placement;
CREATE INDEX children_organisation_placement ON children(organisation_id, archived, placement, id)
)SQL";

// Migration 32 (issue 14, PostgreSQL only): a facility's nursery board. Its
// children in scope come from the parents held in the prison and the ids of
// the children living inside. SQLite's indexes end with the row id, so its
// index on parents' facility and its scan of the children inside read ids
// alone; PostgreSQL's do not: its planner scanned the whole (id, archived,
// facility) index of 150,000 parents for the 1,713 held there and probed each
// of their 3,204 children by primary key (29.6 ms; 12.5 ms with these).
static const char* const kBoardIndexesPostgres = R"SQL(
DROP INDEX parents_facility;
CREATE INDEX parents_facility ON parents(facility_id, id);
CREATE INDEX children_placement_id ON children(placement, id)
)SQL";

// Migration 33 (issue 14, SQLite only): a coordinator's search by name. Every
// word must begin a word of the folded search text (LIKE '% word%'), which no
// index can seek; with the text in an index after the organisation, SQLite
// tests each of the organisation's rows in the index and reads only the rows
// that match, instead of the 3,907 whole rows of the largest organisation
// (4.7 ms to 0.8 ms a search in the shell). PostgreSQL does not test a LIKE
// on index entries whose rows it must still read, so it gains nothing there.
static const char* const kSearchIndexSqlite = R"SQL(
CREATE INDEX children_organisation_search ON children(organisation_id, archived, search_text)
)SQL";

const std::vector<Migration>& Migrations() {
  // Statements are separated by ";\n": the engine's part, then the common one.
  static const std::string kMigration25Sqlite =
      std::string(kOpenEndedRulesSqlite) + ";\n" + kAgeOutDecisionTables;
  static const std::string kMigration25Postgres =
      std::string(kOpenEndedRulesPostgres) + ";\n" + kAgeOutDecisionTables;
  static const std::string kMigration30Sqlite =
      std::string(kLinkCopiesColumns) + ";\n" + kLinkCopiesSqlite;
  static const std::string kMigration30Postgres =
      std::string(kLinkCopiesColumns) + ";\n" + kLinkCopiesPostgres;
  static const std::vector<Migration> kMigrations = {
      {1, "records, users, sessions and audit log", kInitialSchema},
      {2, "nursery: co-residence extensions, review dates, admissions, pregnancies",
       kNurserySchema},
      {3, "nursery care: transition plans, leave book, health schedule, schooling",
       kNurseryCareSchema},
      {4, "nursery supplies: needs catalogue, donations, stock, allocations", kSuppliesSchema},
      {5, "visits: session templates and sessions, requirements, escorts, routes, plans",
       kVisitSchema},
      {6, "workshops: courses, cohorts, sessions, enrolments, attendance, facility closures",
       kWorkshopSchema},
      {7, "users: link to a staff record (caregivers see their own trips)", kUserStaffSchema},
      {8, "visits: an organisation's travel speed and cost per km", kVisitSettingsSchema},
      {9, "visits: plan visits indexed by child and by requirement", kPlanVisitIndexes},
      {10, "audit log: plain row ids on SQLite (cheaper to append)", kAuditWithoutAutoincrement,
       ""},
      {11,
       "invariants: one published plan a month, one open leave, one current placement, one "
       "pending extension",
       kInvariantIndexes},
      {12, "idempotency keys: the first answer to a retried POST", kIdempotencySchema},
      {13, "sessions: when each was last used (idle timeout)", kSessionLastSeen},
      {14, "audit log: a hash chain over every event", kAuditChain},
      {15, "facilities: IANA time zone (null: the jurisdiction's)", kFacilityTimeZone},
      {16, "children: an administrator's documented co-residence exception",
       kCoresidenceExceptionSchema},
      {17, "visits: siblings split on purpose by a coordinator, per requirement and month",
       kSiblingSplitSchema},
      {18,
       "visits: a pair short of its frequency (visits planned, wanted, detail); an "
       "organisation's notice and a child's longest day",
       kPlanShortfallSchema},
      {19, "calendars: subscription tokens per user and feed (hashes only)",
       kCalendarSubscriptionSchema},
      {20, "families: sibling links beyond shared parents", kSiblingLinkSchema},
      {21, "families: the history of each parent's expected release date",
       kReleaseDateHistorySchema},
      {22, "visits: what a session's places count (families, pairs or people)",
       kSessionCapacityUnitSchema},
      {23, "indexes for scoped counts and lists at national scale", kScopeIndexes},
      {24, "families: reunification plans and steps, follow-up contacts after release",
       kReunificationSchema},
      {25,
       "nursery: open-ended rule versions, the kept age-out decision per admission, law "
       "changes as proposals",
       kMigration25Sqlite.c_str(), kMigration25Postgres.c_str()},
      {26, "nursery: a leave booked ahead while the child is out on another",
       kLeavesBookedAheadSchema},
      {kSearchTextMigration, "search: each record's searchable fields folded (accents, case)",
       kSearchTextSchema},
      {28, "indexes for the dashboard's counts (organisation, archived, placement or facility)",
       kCountIndexes},
      {29,
       "indexes for a facility's nursery board (children by placement, facility, archived; "
       "the leaves not yet returned)",
       kBoardIndexes},
      {30,
       "the dashboard's parents' count: each link keeps its child's organisation and its "
       "parent's facility and archived flag (kept by triggers), and an index on them",
       kMigration30Sqlite.c_str(), kMigration30Postgres.c_str()},
      {31, "the children's list by organisation and placement in id order (PostgreSQL)",
       kListIndexes},
      {32, "indexes for a facility's nursery board on PostgreSQL (parents held there, ids of "
           "the children inside)",
       "", kBoardIndexesPostgres},
      {33, "the children's search text indexed after the organisation (SQLite)",
       kSearchIndexSqlite, ""},
  };
  return kMigrations;
}

}  // namespace vinculo
