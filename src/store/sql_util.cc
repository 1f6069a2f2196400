#include "store/sql_util.h"

namespace vinculo::store_internal {

std::string Params::Add(const Value& value) {
  const std::string name = "p" + std::to_string(++count_);
  if (built_) Set(values_, name, value);
  added_.emplace_back(name, value);
  return ":" + name;
}

void Params::Set(soci::values& values, const std::string& name, const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    values.set(name, *text);
  } else if (const auto* whole = std::get_if<long long>(&value)) {
    values.set(name, *whole);
  } else if (const auto* real = std::get_if<double>(&value)) {
    values.set(name, *real);
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    values.set(name, static_cast<long long>(*flag ? 1 : 0));
  } else {
    // SOCI 4.0.3: the first set() of a name runs type_conversion::to_base,
    // which resets the indicator to i_ok; a second set() of the same name
    // keeps i_null. Without it, NULL is bound as ''.
    values.set(name, std::string(), soci::i_null);
    values.set(name, std::string(), soci::i_null);
  }
}

soci::values& Params::values() {
  if (!built_) {
    for (const auto& [name, value] : added_) Set(values_, name, value);
    built_ = true;
  }
  return values_;
}

long long ExecuteWith(soci::session& sql, const std::string& query, Params& params) {
  if (params.empty()) {
    soci::statement statement = (sql.prepare << query);
    statement.execute(true);
    return statement.get_affected_rows();
  }
  soci::statement statement = (sql.prepare << query, soci::use(params.values()));
  statement.execute(true);
  return statement.get_affected_rows();
}

long long ExecuteWith(Txn& txn, const std::string& query, Params& params) {
  StatementCache* cache = txn.statement_cache();
  if (cache && StatementCache::Keeps(params)) return cache->Execute(txn.session(), query, params);
  return ExecuteWith(txn.session(), query, params);
}

long long GetInteger(const soci::row& row, std::size_t index) {
  switch (row.get_properties(index).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(index);
    case soci::dt_long_long:
      return row.get<long long>(index);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row.get<unsigned long long>(index));
    case soci::dt_double:
      return static_cast<long long>(row.get<double>(index));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(index));
    default:
      throw soci::soci_error("column " + std::to_string(index) + " is not an integer");
  }
}

std::optional<long long> GetOptionalInteger(const soci::row& row, std::size_t index) {
  if (row.get_indicator(index) == soci::i_null) return std::nullopt;
  return GetInteger(row, index);
}

double GetDouble(const soci::row& row, std::size_t index) {
  switch (row.get_properties(index).get_data_type()) {
    case soci::dt_double:
      return row.get<double>(index);
    case soci::dt_integer:
      return row.get<int>(index);
    case soci::dt_long_long:
      return static_cast<double>(row.get<long long>(index));
    case soci::dt_unsigned_long_long:
      return static_cast<double>(row.get<unsigned long long>(index));
    case soci::dt_string:
      return std::stod(row.get<std::string>(index));
    default:
      throw soci::soci_error("column " + std::to_string(index) + " is not a number");
  }
}

std::string GetText(const soci::row& row, std::size_t index) {
  if (row.get_indicator(index) == soci::i_null) return {};
  if (row.get_properties(index).get_data_type() != soci::dt_string) {
    return std::to_string(GetInteger(row, index));
  }
  return row.get<std::string>(index);
}

std::optional<std::string> GetOptionalText(const soci::row& row, std::size_t index) {
  if (row.get_indicator(index) == soci::i_null) return std::nullopt;
  return GetText(row, index);
}

namespace {

// The children `actor` sees, as a condition on `alias` (a row of children).
// Row shape: a correlated EXISTS, cheapest when the outer query reads a few
// rows by id. Set shape: `alias.id IN (...)`, a list the database computes
// once, cheapest when the outer query scans or counts many rows (at national
// scale the correlated form ran the subquery once per row of the table:
// 2.7 s against 0.06 s for a coordinator's parent count; docs/benchmarks.md).
std::string ChildPredicate(const Actor& actor, Params& params, const std::string& alias,
                           ScopeShape shape) {
  if (actor.IsGlobal()) return "1=1";
  if (actor.organisation_id) {
    return alias + ".organisation_id = " + params.AddInteger(*actor.organisation_id);
  }
  if (actor.facility_id) {
    // Living inside this facility, or a child of a parent held here.
    if (shape == ScopeShape::kSet) {
      return alias + ".id IN (SELECT fc.id FROM children fc WHERE fc.facility_id = " +
             params.AddInteger(*actor.facility_id) +
             " UNION SELECT sl.child_id FROM parent_child_links sl JOIN parents sp ON sp.id = "
             "sl.parent_id WHERE sl.archived = 0 AND sp.facility_id = " +
             params.AddInteger(*actor.facility_id) + ")";
    }
    return "(" + alias + ".facility_id = " + params.AddInteger(*actor.facility_id) +
           " OR EXISTS (SELECT 1 FROM parent_child_links sl JOIN parents sp ON sp.id = "
           "sl.parent_id WHERE sl.child_id = " +
           alias +
           ".id AND sl.archived = 0 AND sp.facility_id = " + params.AddInteger(*actor.facility_id) +
           "))";
  }
  return "1=0";
}

// The parents `actor` sees, as a condition on `alias`; shapes as above.
std::string ParentPredicate(const Actor& actor, Params& params, const std::string& alias,
                            ScopeShape shape) {
  if (actor.IsGlobal()) return "1=1";
  if (actor.organisation_id) {
    // Followed by this organisation, or the parent of one of its children.
    if (shape == ScopeShape::kSet) {
      return alias + ".id IN (SELECT op.id FROM parents op WHERE op.organisation_id = " +
             params.AddInteger(*actor.organisation_id) +
             " UNION SELECT sl.parent_id FROM parent_child_links sl JOIN children sc ON sc.id = "
             "sl.child_id WHERE sl.archived = 0 AND sc.organisation_id = " +
             params.AddInteger(*actor.organisation_id) + ")";
    }
    return "(" + alias + ".organisation_id = " + params.AddInteger(*actor.organisation_id) +
           " OR EXISTS (SELECT 1 FROM parent_child_links sl JOIN children sc ON sc.id = "
           "sl.child_id WHERE sl.parent_id = " +
           alias + ".id AND sl.archived = 0 AND sc.organisation_id = " +
           params.AddInteger(*actor.organisation_id) + "))";
  }
  if (actor.facility_id) {
    return alias + ".facility_id = " + params.AddInteger(*actor.facility_id);
  }
  return "1=0";
}

}  // namespace

std::string ScopePredicate(const RecordKind& kind, const Actor& actor, Params& params,
                           const std::string& alias, ScopeShape shape) {
  switch (kind.scope) {
    case ScopeRule::kReference:
      return "1=1";
    case ScopeRule::kOrganisation:
      if (actor.IsGlobal()) return "1=1";
      if (actor.organisation_id) {
        return alias + ".organisation_id = " + params.AddInteger(*actor.organisation_id);
      }
      return "1=0";
    case ScopeRule::kChild:
      return ChildPredicate(actor, params, alias, shape);
    case ScopeRule::kParent:
      return ParentPredicate(actor, params, alias, shape);
    case ScopeRule::kLink:
      if (actor.IsGlobal()) return "1=1";
      if (shape == ScopeShape::kSet) {
        return "(" + alias + ".child_id IN (SELECT lc.id FROM children lc WHERE " +
               ChildPredicate(actor, params, "lc", shape) + ") AND " + alias +
               ".parent_id IN (SELECT lp.id FROM parents lp WHERE " +
               ParentPredicate(actor, params, "lp", shape) + "))";
      }
      return "(EXISTS (SELECT 1 FROM children lc WHERE lc.id = " + alias + ".child_id AND " +
             ChildPredicate(actor, params, "lc", shape) +
             ") AND EXISTS (SELECT 1 FROM parents lp WHERE lp.id = " + alias + ".parent_id AND " +
             ParentPredicate(actor, params, "lp", shape) + "))";
  }
  return "1=0";
}

std::string ChildrenInsideScopeIds(const Actor& actor, Params& params) {
  if (actor.IsGlobal() || actor.organisation_id || !actor.facility_id) {
    return "SELECT ic.id FROM children ic WHERE ic.placement = 'inside_with_mother' AND " +
           ChildPredicate(actor, params, "ic", ScopeShape::kSet);
  }
  // ChildPredicate's two sides for a facility, each among the children inside:
  // those inside this facility (the index on placement and facility alone,
  // migration 29), and those whose parent is held here: the parents held
  // here, their active links, each link's child tested against the ids of
  // the children inside (the same index) instead of fetching each child's
  // row. CROSS JOIN keeps SQLite to that order (the reverse, every child
  // inside to her links and parents, read 1.2 times the pages); on
  // PostgreSQL it is an inner join. The unary + keeps SQLite from using the
  // list of children inside as keys into the links' index (a probe per
  // parent and child inside: 0.7 s of CPU for the largest prison); it tests
  // each link's child against the list instead.
  return "SELECT fc.id FROM children fc WHERE fc.placement = 'inside_with_mother' AND "
         "fc.facility_id = " +
         params.AddInteger(*actor.facility_id) +
         " UNION SELECT sl.child_id FROM parents sp CROSS JOIN parent_child_links sl WHERE "
         "sl.parent_id = sp.id AND sp.facility_id = " +
         params.AddInteger(*actor.facility_id) +
         " AND sl.archived = 0 AND +sl.child_id IN (SELECT ic.id FROM children ic WHERE "
         "ic.placement = 'inside_with_mother')";
}

std::string EscapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace vinculo::store_internal
