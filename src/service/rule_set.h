// Co-residence rule sets: how old a child may be and still live in prison with
// the mother, per jurisdiction, loaded from a CSV that an administrator can
// edit and reload.
//
// The shipped default is data/coresidence_rules.csv (97 researched
// jurisdictions, each with its source). Its columns are
//   jurisdiction_code,jurisdiction_name,max_age_months,allowed,rule_kind,
//   extension_possible,notes,source[,effective_from]
// with allowed "yes"/"no", max_age_months empty when there is no fixed limit,
// and an optional effective_from column (YYYY-MM-DD; an empty cell is a
// version open-ended in the past, in force since always until the next one,
// at most one per jurisdiction). Rules are never edited
// in place: a change in the law (Mexico's national law of 2016) is a second
// rule for the same jurisdiction with a later effective_from, so the rule in
// force on any past date can still be answered.
//
// Functions are thread-safe; LoadCoresidenceRules writes through RecordService
// in one transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "service/record_service.h"

namespace vinculo {

// In force before any record we keep begins: the shipped rule set describes
// the law as it stands, not the date it was enacted.
inline constexpr std::string_view kRuleSetDefaultEffectiveFrom = "1900-01-01";

struct RuleSetReport {
  int jurisdictions_created = 0;
  int rules_created = 0;
  int rules_unchanged = 0;  // already stored with the same effective_from and content
};

// Loads a rule-set CSV in one transaction (all or nothing), as `actor`.
//
// Creates the jurisdictions the database does not have yet (code, name, and
// country_code = the part of the code before '-': "US" for "US-NY"); a
// jurisdiction already stored keeps its name. Creates one co-residence rule per
// row, in force from the row's effective_from cell (open-ended when the cell
// is empty), or from `effective_from` when the CSV has no such column. notes and source are
// kept verbatim; source is required (every limit must say where it comes from).
//
// A row whose jurisdiction already has a rule with the same effective_from and
// the same content is counted in rules_unchanged, so loading a file twice is a
// no-op.
//
// Errors (nothing is written on any of them):
//   kForbidden        `actor` is not an installation (global) administrator;
//   kInvalidArgument  `effective_from` is not a date; two open-ended versions
//                     of one jurisdiction (in the file, or one in the file
//                     and one stored); or a row breaks a rule of
//                     the co-residence rule kind (an unknown rule_kind, allowed
//                     "no" with an age limit, a missing source, ...);
//   kMalformed        the CSV cannot be read, a required column is missing or
//                     an unknown column is present;
//   kConflict         a row's jurisdiction already has a rule with that
//                     effective_from but different content (a change of law
//                     is a new rule with a later effective_from, not an edit),
//                     or two rows of the file give the same jurisdiction and
//                     effective_from.
// Row errors name the CSV line and the column: the message starts "line N: "
// followed by the column name, and Status::field() is that column.
Result<RuleSetReport> LoadCoresidenceRules(
    RecordService& records, const Actor& actor, std::string_view csv_text,
    std::string_view effective_from = kRuleSetDefaultEffectiveFrom);

// Where DefaultRuleSetCsv looks for coresidence_rules.csv, in order:
//   1. VINCULO_DATA_DIR, the source tree's data folder baked in at build time
//      (found while developing and testing);
//   2. <folder of the running executable>/../share/vinculo, where an installed
//      binary finds its data (/usr/local/bin/vinculo ->
//      /usr/local/share/vinculo), so it does not depend on the source tree;
//   3. ./data, relative to the working directory.
std::vector<std::string> DefaultRuleSetPaths();

// The text of the shipped rule set: the first readable file of
// DefaultRuleSetPaths(). kNotFound, listing every path tried, when none is.
Result<std::string> DefaultRuleSetCsv();

}  // namespace vinculo
