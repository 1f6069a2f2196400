// The demo programme: a complete, invented installation to try Vínculo on,
// train staff with and show to partners, without a single real child in it.
//
// It holds the two programmes of the field brief. In Peru: an overcrowded
// men's-and-women's prison (630 places, 2,760 people held: 438 %), a smaller
// second prison, and a children's village with six family homes whose ~40
// children visit parents inside (some with both parents inside, one family
// split across two prisons and two homes: the mother in the big prison, the
// father in the second, two children in two homes; one group of three
// siblings split between a home, relatives and state care). In Mexico: a women's prison whose nursery
// has ~20 children under three living with their mothers. Every name is
// synthetic, built at random from common Spanish and Quechua names; facilities
// and organisations say they are invented. Dates are relative to the clock's
// today, so the demo looks current whenever it is created.
//
// Names and dates come from std::mt19937_64 seeded with `seed`, drawn without
// the standard distributions (whose results differ between standard
// libraries), so one seed gives the same programme on every machine and
// engine. Pseudonyms are still drawn by RecordService from libsodium.
//
// Thread-safe in the sense that it holds no state; running it twice at once on
// one database is not guarded beyond the empty-database check.
#pragma once

#include <cstdint>
#include <string>

#include "service/auth_service.h"
#include "service/record_service.h"

namespace vinculo {

// Every demo account signs in with this password; it is printed by the CLI and
// must never be used outside a demo.
inline constexpr const char* kDemoPassword = "vinculo-demo-2026";

struct DemoReport {
  long long admin_user_id = 0;
  std::string admin_username;
  std::string admin_password;  // kDemoPassword, shared by every demo account
  int children = 0;
  int parents = 0;
  int facilities = 0;
  int organisations = 0;
  int users = 0;
};

// Creates the demo programme in an empty, migrated database.
//
// Order: the default co-residence rule set (LoadCoresidenceRules, its own
// transaction; already loaded rules are kept), then every record in one
// transaction (RecordService::WriteBatch), then the accounts through
// AuthService::AddUser, all with password kDemoPassword:
//   admin              installation administrator
//   coordinadora       programme_coordinator of the village
//   cuidadora          caregiver of the village
//   psicologa          social_worker of the village
//   oficial.guarderia  nursery_officer of the Mexican prison
//   visitas            visits_officer of the overcrowded Peruvian prison
//   auditora           auditor
//
// Returns what was created. Errors:
//   kConflict   the database already holds organisations, facilities, homes,
//               staff, parents, children or users: demo records must never mix
//               with real ones (jurisdictions and rules alone are fine);
//   kNotFound   the default rule set cannot be found (see DefaultRuleSetCsv);
//   any error of the store (kUnavailable, kInternal).
// The records are all or nothing. The accounts are written after them, one
// transaction each; if one fails (only a store failure can make it fail), the
// database holds the records without every account and a new run refuses it:
// start again from an empty database.
Result<DemoReport> CreateDemoProgramme(ServiceContext context, RecordService& records,
                                       AuthService& auth, std::uint64_t seed = 2026);

}  // namespace vinculo
