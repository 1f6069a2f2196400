// An organisation's travel rates for the visit programme (migration 8). See
// store/visit_store.h. Kept out of visit_store.cc, which is long enough.
#include <soci/soci.h>

#include "store/sql_util.h"
#include "store/visit_store.h"

namespace vinculo::visit_store {
using store_internal::ExecuteWith;
using store_internal::GetDouble;
using store_internal::GetInteger;
using store_internal::GetText;
using store_internal::Params;

Result<std::optional<VisitSettingsRow>> GetVisitSettings(Txn& txn, long long organisation_id) {
  Params params;
  std::optional<VisitSettingsRow> found;
  try {
    soci::rowset<soci::row> rows =
        (txn.session().prepare << "SELECT organisation_id, version, travel_speed_kmh, "
                                  "cost_per_km, updated_by, updated_at, notice_hours, "
                                  "longest_child_day_minutes FROM visit_settings "
                                  "WHERE organisation_id = " +
                                      params.AddInteger(organisation_id),
         soci::use(params.values()));
    for (const soci::row& row : rows) {
      VisitSettingsRow settings;
      settings.organisation_id = GetInteger(row, 0);
      settings.version = GetInteger(row, 1);
      settings.travel_speed_kmh = GetDouble(row, 2);
      settings.cost_per_km = GetDouble(row, 3);
      settings.stored = true;
      settings.updated_by = GetInteger(row, 4);
      settings.updated_at = GetText(row, 5);
      settings.notice_hours = GetInteger(row, 6);
      settings.longest_child_day_minutes = GetInteger(row, 7);
      found = settings;
    }
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading visit settings");
  }
  return found;
}

Result<VisitSettingsRow> PutVisitSettings(Txn& txn, const VisitSettingsRow& row,
                                          long long expected_version, long long user_id,
                                          const std::string& now) {
  Params params;
  std::string query;
  if (expected_version == 1) {
    // The defaults are version 1: the first write inserts version 2. A
    // concurrent first write inserted already when nothing is inserted here.
    query =
        "INSERT INTO visit_settings (organisation_id, version, travel_speed_kmh, "
        "cost_per_km, updated_by, updated_at, notice_hours, longest_child_day_minutes) VALUES (" +
        params.AddInteger(row.organisation_id) + ", 2, " + params.Add(Value{row.travel_speed_kmh}) +
        ", " + params.Add(Value{row.cost_per_km}) + ", " + params.AddInteger(user_id) + ", " +
        params.Add(now) + ", " + params.AddInteger(row.notice_hours) + ", " +
        params.AddInteger(row.longest_child_day_minutes) +
        ") ON CONFLICT (organisation_id) DO NOTHING";
  } else {
    query =
        "UPDATE visit_settings SET travel_speed_kmh = " + params.Add(Value{row.travel_speed_kmh}) +
        ", cost_per_km = " + params.Add(Value{row.cost_per_km}) +
        ", notice_hours = " + params.AddInteger(row.notice_hours) +
        ", longest_child_day_minutes = " + params.AddInteger(row.longest_child_day_minutes) +
        ", updated_by = " + params.AddInteger(user_id) + ", updated_at = " + params.Add(now) +
        ", version = version + 1 WHERE organisation_id = " +
        params.AddInteger(row.organisation_id) +
        " AND version = " + params.AddInteger(expected_version);
  }
  long long written = 0;
  try {
    written = ExecuteWith(txn, query, params);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "writing visit settings");
  }
  if (written == 0) {
    return Status(StatusCode::kPreconditionFailed, "the visit settings of organisation " +
                                                       std::to_string(row.organisation_id) +
                                                       " were changed meanwhile; read them again");
  }
  VINCULO_ASSIGN_OR_RETURN(std::optional<VisitSettingsRow> stored,
                           GetVisitSettings(txn, row.organisation_id));
  if (!stored) return Internal("visit settings vanished after writing them");
  return *stored;
}

}  // namespace vinculo::visit_store
