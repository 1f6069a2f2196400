// A small synthetic world for service and HTTP tests, the same on both
// engines: jurisdiction PE (co-residence to 36 months) and MX; two care
// organisations ("Aldea Norte", "Aldea Sur"); a men's-and-women's prison in PE
// and a women's prison with a nursery in MX; one user per role attached to
// organisation A or to facility A, plus a coordinator of organisation B and a
// nursery officer of facility B. Every password is kPassword. Names are
// invented. The clock is fixed at 2026-11-23T12:00:00Z.
#pragma once

#include <map>
#include <memory>

#include "service/auth_service.h"
#include "service/record_service.h"
#include "support/test_database.h"

namespace vinculo::testing {

inline constexpr const char* kPassword = "correct-horse-9";

struct World {
  std::unique_ptr<TestDatabase> database;
  std::unique_ptr<FixedClock> clock;
  std::unique_ptr<AuditLog> audit;
  ServiceContext context;
  std::unique_ptr<RecordService> records;
  std::unique_ptr<AuthService> auth;

  long long jurisdiction_pe = 0;
  long long jurisdiction_mx = 0;
  long long organisation_a = 0;
  long long organisation_b = 0;
  long long facility_a = 0;  // PE, men and women
  long long facility_b = 0;  // MX, women, nursery
  long long home_a = 0;      // family home of organisation A
  long long home_b = 0;      // family home of organisation B

  // Users by name: "admin" (global), "coordinator_a", "caregiver_a",
  // "social_worker_a", "auditor", "coordinator_b", "nursery_officer_a",
  // "visits_officer_a", "nursery_officer_b".
  std::map<std::string, Actor> actors;

  const Actor& actor(const std::string& name) const { return actors.at(name); }

  // Registers a child of organisation A (or B) with relatives; returns it.
  Record AddChild(const std::string& organisation, const std::string& given_names = "Ñusta");
  // Registers a parent held in facility A (or B), followed by organisation A.
  Record AddParent(const std::string& facility, const std::string& sex = "female");
  Record Link(long long parent_id, long long child_id, const std::string& relation);
};

// Builds the world; fails the test and returns nullptr if the database is unreachable.
std::unique_ptr<World> MakeWorld();

}  // namespace vinculo::testing
