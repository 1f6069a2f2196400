// The nursery tables (migration 2): co-residence rules as the engine reads
// them, the children living inside joined with everything their age-out
// depends on, admissions, extension requests and decisions, pregnancies.
#include "store/nursery_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sql_util.h"

namespace vinculo::nursery_store {
using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;

namespace {

constexpr const char* kExtensionColumns =
    "id, child_id, requested_on, requested_by_user_id, reason, new_age_out_date, status, "
    "approved_by_user_id, approved_on, decision_note, created_at";

Result<ExtensionRow> ReadExtension(const soci::row& row) {
  ExtensionRow extension;
  extension.id = GetInteger(row, 0);
  extension.child_id = GetInteger(row, 1);
  extension.requested_on = GetText(row, 2);
  extension.requested_by_user_id = GetInteger(row, 3);
  extension.reason = GetText(row, 4);
  extension.new_age_out_date = GetText(row, 5);
  VINCULO_ASSIGN_OR_RETURN(extension.status,
                           ReadEnum(row, 6, ParseExtensionStatus, "coresidence_extensions.status"));
  extension.approved_by_user_id = GetOptionalInteger(row, 7);
  extension.approved_on = GetOptionalText(row, 8);
  extension.decision_note = GetText(row, 9);
  extension.created_at = GetText(row, 10);
  return extension;
}

std::string FacilityCondition(const ChildrenInsideFilter& filter, Params& params,
                              const std::string& column) {
  if (!filter.facility_id) return {};
  return " AND " + column + " = " + params.AddInteger(*filter.facility_id);
}

// How many children SOCI fetches per round trip into the column vectors
// below: large enough that the per-fetch overhead vanishes, small enough that
// the batch stays in cache and is reused.
constexpr std::size_t kBoardBatch = 2000;
// The same for one facility's children (the largest prison of the national
// dataset has 214 inside) or one child's. The batch is allocated whole, with
// SOCI's buffers for as many rows, on every call: an administrator's home
// reads the 150 nurseries' children one facility at a time, and at 2,000 rows
// a call those buffers were 147 of the home's 169 MB allocated (issue 14).
constexpr std::size_t kFacilityBatch = 256;

// One batch of children living inside, column by column, filled by SOCI's
// bulk fetch on both engines (SOCI resizes the vectors to the rows fetched by
// each batch). Every column but the id has indicators: SOCI throws on a NULL
// fetched without one, and a child with no facility is left off the board
// (as the inner join with facilities did), not an error.
struct ChildInsideBatch {
  explicit ChildInsideBatch(std::size_t rows)
      : child_ids(rows),
        pseudonyms(rows),
        pseudonym_inds(rows),
        given_names(rows),
        given_names_inds(rows),
        family_names(rows),
        family_names_inds(rows),
        births(rows),
        birth_inds(rows),
        facility_ids(rows),
        facility_id_inds(rows) {}
  std::vector<long long> child_ids;
  std::vector<std::string> pseudonyms;
  std::vector<soci::indicator> pseudonym_inds;
  std::vector<std::string> given_names;
  std::vector<soci::indicator> given_names_inds;
  std::vector<std::string> family_names;
  std::vector<soci::indicator> family_names_inds;
  std::vector<std::string> births;
  std::vector<soci::indicator> birth_inds;
  std::vector<long long> facility_ids;
  std::vector<soci::indicator> facility_id_inds;
};

// What the board needs of a facility and its jurisdiction.
struct BoardFacility {
  std::string name;
  std::optional<long long> nursery_max_age_months;
  long long jurisdiction_id = 0;
  std::string jurisdiction;  // code
};

struct BoardAdmission {
  long long child_id = 0;
  std::string admitted_on;
  std::optional<std::string> review_date;
};

struct BoardExtension {
  long long child_id = 0;
  long long id = 0;
  std::string new_age_out_date;
  std::string reason;
  long long approved_by = 0;
};

// The text of a fetched column, empty when NULL (as GetText does for rows).
void AssignText(std::string& target, const std::string& value, soci::indicator indicator) {
  if (indicator == soci::i_null) {
    target.clear();
  } else {
    target.assign(value);
  }
}

}  // namespace

Result<std::vector<CoresidenceRuleRow>> CoresidenceRules(Txn& txn) {
  try {
    std::vector<CoresidenceRuleRow> rules;
    soci::rowset<soci::row> rows =
        (txn.session().prepare
         << "SELECT id, jurisdiction_id, allowed, max_age_months, effective_from, "
            "rule_kind, source FROM coresidence_rules WHERE archived = 0 "
            "ORDER BY jurisdiction_id, effective_from");
    for (const soci::row& row : rows) {
      CoresidenceRuleRow rule;
      rule.id = GetInteger(row, 0);
      rule.jurisdiction_id = GetInteger(row, 1);
      rule.allowed = GetInteger(row, 2) != 0;
      rule.max_age_months = GetOptionalInteger(row, 3);
      rule.effective_from = GetText(row, 4);
      rule.rule_kind = GetText(row, 5);
      rule.source = GetText(row, 6);
      rules.push_back(std::move(rule));
    }
    return rules;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading co-residence rules");
  }
}

// The WHERE clause shared by the board query and its count.
static std::string ChildrenInsideWhere(const ChildrenInsideFilter& filter, const Actor& actor,
                                       Params& params) {
  return " WHERE c.archived = 0 AND c.placement = 'inside_with_mother'" +
         FacilityCondition(filter, params, "c.facility_id") +
         (filter.child_id ? " AND c.id = " + params.AddInteger(*filter.child_id) : std::string()) +
         " AND " +
         // One child: a read by id; the board: a scan of the scope.
         store_internal::ScopePredicate(
             ChildKind(), actor, params, "c",
             filter.child_id ? store_internal::ScopeShape::kRow : store_internal::ScopeShape::kSet);
}

namespace {

// How many child ids one statement names (`child_id IN (...)`), well within
// both engines' limits on bound parameters.
constexpr std::size_t kIdsPerStatement = 500;

// The admissions and latest approved extensions of `child_ids` (ascending),
// in child order, read by id a chunk at a time: for a board whose children
// were read first, so that the scope is evaluated once.
void ReadFactsOf(Txn& txn, const std::vector<long long>& child_ids,
                 std::vector<BoardAdmission>& admissions, std::vector<BoardExtension>& extensions) {
  for (std::size_t begin = 0; begin < child_ids.size(); begin += kIdsPerStatement) {
    const std::size_t end = std::min(child_ids.size(), begin + kIdsPerStatement);
    const auto in_list = [&](Params& params) {
      std::string list = "(";
      for (std::size_t id_idx = begin; id_idx < end; ++id_idx) {
        if (id_idx != begin) list += ", ";
        list += params.AddInteger(child_ids[id_idx]);
      }
      return list + ")";
    };
    {
      Params params;
      const std::string query =
          "SELECT a.child_id, a.admitted_on, a.review_date FROM nursery_admissions a "
          "WHERE a.child_id IN " +
          in_list(params) + " ORDER BY a.child_id";
      for (BoardAdmission& admission : store_internal::Select<
               BoardAdmission>(txn, query, params, [](const soci::row& row) {
             return BoardAdmission{GetInteger(row, 0), GetText(row, 1), GetOptionalText(row, 2)};
           })) {
        admissions.push_back(std::move(admission));
      }
    }
    {
      Params params;
      const std::string query =
          "SELECT e.child_id, e.id, e.new_age_out_date, e.reason, e.approved_by_user_id "
          "FROM coresidence_extensions e WHERE e.child_id IN " +
          in_list(params) +
          " AND e.id = (SELECT MAX(le.id) FROM coresidence_extensions le "
          "WHERE le.child_id = e.child_id AND le.status = 'approved') ORDER BY e.child_id";
      for (BoardExtension& extension : store_internal::Select<BoardExtension>(
               txn, query, params, [](const soci::row& row) {
                 return BoardExtension{GetInteger(row, 0), GetInteger(row, 1), GetText(row, 2),
                                       GetText(row, 3), GetOptionalInteger(row, 4).value_or(0)};
               })) {
        extensions.push_back(std::move(extension));
      }
    }
  }
}

// Walks the admissions and extensions (by child id) alongside children
// visited in ascending id order, and fills each child's own.
class ChildFactsMerge {
 public:
  ChildFactsMerge(const std::vector<BoardAdmission>& admissions,
                  const std::vector<BoardExtension>& extensions)
      : admissions_(admissions), extensions_(extensions) {}

  void Fill(ChildInsideRow& child) {
    while (admission_idx_ < admissions_.size() &&
           admissions_[admission_idx_].child_id < child.child_id) {
      ++admission_idx_;
    }
    if (admission_idx_ < admissions_.size() &&
        admissions_[admission_idx_].child_id == child.child_id) {
      child.admitted_on = admissions_[admission_idx_].admitted_on;
      child.review_date = admissions_[admission_idx_].review_date;
    } else {
      child.admitted_on = child.date_of_birth;  // born inside
      child.review_date.reset();
    }

    while (extension_idx_ < extensions_.size() &&
           extensions_[extension_idx_].child_id < child.child_id) {
      ++extension_idx_;
    }
    if (extension_idx_ < extensions_.size() &&
        extensions_[extension_idx_].child_id == child.child_id) {
      const BoardExtension& extension = extensions_[extension_idx_];
      child.extension_id = extension.id;
      child.extension_new_date = extension.new_age_out_date;
      child.extension_reason = extension.reason;
      child.extension_approved_by = extension.approved_by;
    } else {
      child.extension_id = 0;
      child.extension_new_date.clear();
      child.extension_reason.clear();
      child.extension_approved_by = 0;
    }
  }

 private:
  const std::vector<BoardAdmission>& admissions_;
  const std::vector<BoardExtension>& extensions_;
  std::size_t admission_idx_ = 0;
  std::size_t extension_idx_ = 0;
};

}  // namespace

Status ForEachChildInside(Txn& txn, const ChildrenInsideFilter& filter, const Actor& actor,
                          const std::function<void(const ChildInsideRow&)>& on_child) {
  const char* const kContext = "reading the children living inside";
  try {
    // Four statements instead of one five-way join: the facilities with their
    // jurisdictions (hundreds of rows) into a map, the admissions and the
    // latest approved extension of the children in scope (a few thousand)
    // in child order, and the children themselves, merged with the two
    // lists by cursors. The join looked each child's facility, jurisdiction,
    // admission and extension up in a B-tree and carried their text through
    // every row: twice the time (docs/benchmarks.md).
    std::unordered_map<long long, BoardFacility> facilities;
    {
      Params params;
      std::string query =
          "SELECT f.id, f.name, f.nursery_max_age_months, j.id, j.code FROM facilities f "
          "JOIN jurisdictions j ON j.id = f.jurisdiction_id";
      if (filter.facility_id) query += " WHERE f.id = " + params.AddInteger(*filter.facility_id);
      soci::rowset<soci::row> rows = (txn.session().prepare << query, soci::use(params.values()));
      for (const soci::row& row : rows) {
        BoardFacility& facility = facilities[GetInteger(row, 0)];
        facility.name = GetText(row, 1);
        facility.nursery_max_age_months = GetOptionalInteger(row, 2);
        facility.jurisdiction_id = GetInteger(row, 3);
        facility.jurisdiction = GetText(row, 4);
      }
    }
    // A scope that is a predicate (an officer's, a coordinator's board): the
    // children in scope first, then the admissions and extensions of those
    // children by id, so the scope is evaluated once (issue 14: each of the
    // three statements evaluated it, about 1,100 to 2,800 page reads each for
    // the largest prison). A global scope (100,000 children on a national
    // board) or one child: the admissions and extensions joined with the
    // children as they stand, then the children streamed through one row.
    const bool children_first = !actor.IsGlobal() && !filter.child_id;
    std::vector<BoardAdmission> admissions;
    std::vector<BoardExtension> extensions;
    if (!children_first) {
      {
        Params params;
        const std::string query =
            "SELECT a.child_id, a.admitted_on, a.review_date FROM nursery_admissions a "
            "JOIN children c ON c.id = a.child_id" +
            ChildrenInsideWhere(filter, actor, params) + " ORDER BY a.child_id";
        admissions = store_internal::Select<BoardAdmission>(
            txn, query, params, [](const soci::row& row) {
              return BoardAdmission{GetInteger(row, 0), GetText(row, 1), GetOptionalText(row, 2)};
            });
      }
      {
        Params params;
        const std::string query =
            "SELECT e.child_id, e.id, e.new_age_out_date, e.reason, e.approved_by_user_id "
            "FROM coresidence_extensions e JOIN children c ON c.id = e.child_id "
            "JOIN (SELECT MAX(id) AS id FROM coresidence_extensions WHERE status = 'approved' "
            "GROUP BY child_id) le ON le.id = e.id" +
            ChildrenInsideWhere(filter, actor, params) + " ORDER BY e.child_id";
        extensions = store_internal::Select<BoardExtension>(
            txn, query, params, [](const soci::row& row) {
              return BoardExtension{GetInteger(row, 0), GetInteger(row, 1), GetText(row, 2),
                                    GetText(row, 3), GetOptionalInteger(row, 4).value_or(0)};
            });
      }
    }

    Params params;
    constexpr const char* kChildColumns =
        "SELECT c.id, c.pseudonym, c.given_names, c.family_names, c.date_of_birth, "
        "c.facility_id FROM ";
    // Children first: the ids in scope (a few hundred for a prison), then each
    // child's row by id; CROSS JOIN keeps SQLite to that order (without
    // statistics for an index on placement it scanned every child inside).
    const std::string query =
        children_first
            ? kChildColumns +
                  ("(" + store_internal::ChildrenInsideScopeIds(actor, params) +
                   ") s CROSS JOIN children c WHERE c.id = s.id AND c.archived = 0 "
                   "AND c.placement = 'inside_with_mother'" +
                   FacilityCondition(filter, params, "c.facility_id") + " ORDER BY c.id")
            : kChildColumns +
                  ("children c" + ChildrenInsideWhere(filter, actor, params) + " ORDER BY c.id");
    ChildInsideBatch batch(filter.facility_id || filter.child_id ? kFacilityBatch : kBoardBatch);
    soci::statement statement =
        (txn.session().prepare << query, soci::use(params.values()), soci::into(batch.child_ids),
         soci::into(batch.pseudonyms, batch.pseudonym_inds),
         soci::into(batch.given_names, batch.given_names_inds),
         soci::into(batch.family_names, batch.family_names_inds),
         soci::into(batch.births, batch.birth_inds),
         soci::into(batch.facility_ids, batch.facility_id_inds));
    statement.execute();
    ChildInsideRow child;
    std::vector<ChildInsideRow> in_scope;  // children_first: kept until their facts are read
    ChildFactsMerge merge(admissions, extensions);
    while (statement.fetch()) {
      for (std::size_t row_idx = 0; row_idx < batch.child_ids.size(); ++row_idx) {
        // A child with no facility, or one that is gone (or outside the
        // filter), is not on the board, as with the inner join before.
        if (batch.facility_id_inds[row_idx] == soci::i_null) continue;
        const auto facility = facilities.find(batch.facility_ids[row_idx]);
        if (facility == facilities.end()) continue;
        child.child_id = batch.child_ids[row_idx];
        AssignText(child.pseudonym, batch.pseudonyms[row_idx], batch.pseudonym_inds[row_idx]);
        AssignText(child.given_names, batch.given_names[row_idx], batch.given_names_inds[row_idx]);
        AssignText(child.family_names, batch.family_names[row_idx],
                   batch.family_names_inds[row_idx]);
        AssignText(child.date_of_birth, batch.births[row_idx], batch.birth_inds[row_idx]);
        child.facility_id = facility->first;
        child.facility = facility->second.name;
        child.facility_max_age_months = facility->second.nursery_max_age_months;
        child.jurisdiction_id = facility->second.jurisdiction_id;
        child.jurisdiction = facility->second.jurisdiction;
        if (children_first) {
          in_scope.push_back(child);
          continue;
        }
        merge.Fill(child);
        on_child(child);
      }
    }
    if (children_first) {
      std::vector<long long> child_ids;
      child_ids.reserve(in_scope.size());
      for (const ChildInsideRow& scoped : in_scope) child_ids.push_back(scoped.child_id);
      ReadFactsOf(txn, child_ids, admissions, extensions);
      for (ChildInsideRow& scoped : in_scope) {
        merge.Fill(scoped);
        on_child(scoped);
      }
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), kContext);
  }
}

Result<long long> CountChildrenInside(Txn& txn, const ChildrenInsideFilter& filter,
                                      const Actor& actor) {
  try {
    Params params;
    const std::string query =
        "SELECT COUNT(*) FROM children c" + ChildrenInsideWhere(filter, actor, params);
    long long count = 0;
    soci::rowset<soci::row> rows = (txn.session().prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) count = GetInteger(row, 0);
    return count;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "counting the children living inside");
  }
}

Result<NurseryAdmission> UpsertAdmission(Txn& txn, const NurseryAdmission& admission) {
  try {
    Params update;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE nursery_admissions SET facility_id = " + update.AddInteger(admission.facility_id) +
            ", admitted_on = " + update.Add(admission.admitted_on) +
            ", review_date = " + update.AddOptional(admission.review_date) +
            ", recorded_by = " + update.AddInteger(admission.recorded_by) +
            ", updated_at = " + update.Add(admission.created_at) +
            " WHERE child_id = " + update.AddInteger(admission.child_id),
        update);
    NurseryAdmission stored = admission;
    Params params;
    if (updated == 0) {
      const std::string query =
          "INSERT INTO nursery_admissions (child_id, facility_id, admitted_on, review_date, "
          "recorded_by, created_at, updated_at) VALUES (" +
          params.AddInteger(admission.child_id) + ", " + params.AddInteger(admission.facility_id) +
          ", " + params.Add(admission.admitted_on) + ", " +
          params.AddOptional(admission.review_date) + ", " +
          params.AddInteger(admission.recorded_by) + ", " + params.Add(admission.created_at) +
          ", " + params.Add(admission.created_at) + ") RETURNING id";
      txn.session() << query, soci::use(params.values()), soci::into(stored.id);
    } else {
      txn.session() << "SELECT id FROM nursery_admissions WHERE child_id = " +
                           params.AddInteger(admission.child_id),
          soci::use(params.values()), soci::into(stored.id);
    }
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording an admission");
  }
}

Result<ExtensionRow> InsertExtension(Txn& txn, const ExtensionRow& extension) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO coresidence_extensions (child_id, requested_on, requested_by_user_id, "
        "reason, new_age_out_date, status, approved_by_user_id, approved_on, decision_note, "
        "created_at) VALUES (" +
        params.AddInteger(extension.child_id) + ", " + params.Add(extension.requested_on) + ", " +
        params.AddInteger(extension.requested_by_user_id) + ", " + params.Add(extension.reason) +
        ", " + params.Add(extension.new_age_out_date) + ", " +
        params.Add(ExtensionStatusName(extension.status)) + ", " +
        params.AddOptional(extension.approved_by_user_id) + ", " +
        params.AddOptional(extension.approved_on) + ", " + params.Add(extension.decision_note) +
        ", " + params.Add(extension.created_at) + ") RETURNING id";
    ExtensionRow stored = extension;
    txn.session() << query, soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording an extension request");
  }
}

Result<ExtensionRow> GetExtension(Txn& txn, long long id) {
  try {
    Params params;
    const std::string query = std::string("SELECT ") + kExtensionColumns +
                              " FROM coresidence_extensions WHERE id = " + params.AddInteger(id);
    soci::rowset<soci::row> rows = (txn.session().prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) return ReadExtension(row);
    return NotFound("no co-residence extension " + std::to_string(id));
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading an extension");
  }
}

Result<ExtensionRow> DecideExtension(Txn& txn, long long id, ExtensionStatus status,
                                     long long decided_by, const std::string& decided_on,
                                     const std::string& note) {
  try {
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE coresidence_extensions SET status = " + params.Add(ExtensionStatusName(status)) +
            ", approved_by_user_id = " + params.AddInteger(decided_by) +
            ", approved_on = " + params.Add(decided_on) + ", decision_note = " + params.Add(note) +
            " WHERE id = " + params.AddInteger(id) + " AND status = 'requested'",
        params);
    if (updated == 0) {
      return Conflict("extension " + std::to_string(id) + " was already decided", "status");
    }
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "deciding an extension");
  }
  return GetExtension(txn, id);
}

Result<PregnancyRow> InsertPregnancy(Txn& txn, const PregnancyRow& pregnancy) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO pregnancies (parent_id, facility_id, due_date, registered_on, status, "
        "recorded_by, created_at) VALUES (" +
        params.AddInteger(pregnancy.parent_id) + ", " + params.AddInteger(pregnancy.facility_id) +
        ", " + params.Add(pregnancy.due_date) + ", " + params.Add(pregnancy.registered_on) + ", " +
        params.Add(PregnancyStatusName(pregnancy.status)) + ", " +
        params.AddInteger(pregnancy.recorded_by) + ", " + params.Add(pregnancy.created_at) +
        ") RETURNING id";
    PregnancyRow stored = pregnancy;
    txn.session() << query, soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "registering a pregnancy");
  }
}

Result<std::vector<PregnancyRow>> ExpectedPregnancies(Txn& txn, const ChildrenInsideFilter& filter,
                                                      const std::string& from) {
  try {
    Params params;
    const std::string query =
        "SELECT id, parent_id, facility_id, due_date, registered_on, status, recorded_by, "
        "created_at FROM pregnancies WHERE status = 'expected' AND due_date >= " +
        params.Add(from) + FacilityCondition(filter, params, "facility_id") + " ORDER BY id";
    std::vector<PregnancyRow> pregnancies;
    soci::rowset<soci::row> rows = (txn.session().prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) {
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
      pregnancies.push_back(std::move(pregnancy));
    }
    return pregnancies;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading pregnancies");
  }
}

}  // namespace vinculo::nursery_store
