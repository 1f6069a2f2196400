// Records and the descriptors of their kinds.
//
// Vínculo keeps a dozen kinds of record (children, incarcerated parents,
// facilities, ...). Each kind is described once, here in the domain, by a
// RecordKind: its fields with their types and rules, who it belongs to
// (ScopeRule), and which fields are restricted. The store builds its SQL from
// the same descriptor, the JSON and CSV edges build their codecs from it, and
// the service checks permissions with it, so a field is declared in one place.
// Descriptors are immutable constants: safe to read from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace vinculo {

enum class FieldType {
  kText,     // UTF-8 text, at most max_length bytes
  kInteger,  // 64-bit integer
  kNumber,   // double (coordinates, distances)
  kBoolean,
  kDate,       // civil date, stored and exchanged as "YYYY-MM-DD"
  kEnum,       // one of enum_values, exchanged as text
  kReference,  // id of a record of kind `references`
};

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::kText;
  bool required = false;
  // Set only by the system (pseudonym) or by a dedicated operation (a parent's
  // facility changes by transfer, a child's placement by a placement change).
  bool read_only = false;
  // May be given on create, never changed afterwards (a rule's effective date:
  // a law change is a new rule version, not an edit of history).
  bool immutable = false;
  // Offence data: only roles with SeesRestrictedFields() read or write it.
  bool restricted = false;
  // Accepted as an equality filter on lists (?facility_id=3).
  bool filterable = false;
  // Matched by the free-text list filter (?q=quispe), accent- and
  // case-insensitively, through the record's stored search text. Never a
  // restricted field: a search would tell who may not read it what it holds.
  bool searchable = false;
  int max_length = 200;
  std::vector<std::string_view> enum_values = {};
  std::string_view references = {};  // kind name, for kReference
  double min_value = -1e18;          // for kInteger and kNumber
  double max_value = 1e18;
};

// Who a record belongs to, which decides who may see it (see domain/access.h).
enum class ScopeRule {
  kReference,  // reference data (jurisdictions, rules, facilities): every signed-in user reads it
  kOrganisation,  // belongs to organisation_id (homes, caregivers)
  kChild,   // children: their organisation, or the facility they live in or a parent is held in
  kParent,  // incarcerated parents: their facility, or an organisation following them or their
            // child
  kLink,    // parent-child links: visible when both ends are visible
};

enum class Role {
  kAdministrator,
  kProgrammeCoordinator,
  kCaregiver,
  kSocialWorker,
  kNurseryOfficer,
  kVisitsOfficer,
  kAuditor,
};

using Value = std::variant<std::monostate, long long, double, bool, std::string>;
using FieldValues = std::map<std::string, Value, std::less<>>;

inline bool IsNull(const Value& value) { return std::holds_alternative<std::monostate>(value); }

struct RecordKind;
// A kind-specific rule over the merged field values of a record about to be
// written (e.g. "a child cannot be born in the future"). `today` is injected.
using RecordRule = Status (*)(const RecordKind& kind, const FieldValues& values, const Date& today);

struct RecordKind {
  std::string_view name;      // URL segment and table name: "children"
  std::string_view singular;  // "child", for messages
  std::vector<FieldSpec> fields;
  ScopeRule scope = ScopeRule::kReference;
  bool archivable = true;
  RecordRule rule = nullptr;
  // Reads and changes are written to the audit log (children and parents).
  bool audited = false;

  const FieldSpec* Field(std::string_view field_name) const;
  // Whether the kind has searchable fields (and so a search_text column).
  bool Searchable() const;
};

// The text a search of `kind` matches (the search_text column): the searchable
// fields of `values`, in the kind's order, each folded (common/text_fold.h),
// every word preceded by one space (" mateo ayala nna 7k2p"), so that a word
// of a search matches the beginning of any word with LIKE '% word%' and
// "mateo ayala" matches a child whose given and family names are two fields.
// Empty when none has a value.
std::string SearchText(const RecordKind& kind, const FieldValues& values);

struct Record {
  long long id = 0;
  long long version = 1;  // bumped on every change; the HTTP ETag
  bool archived = false;
  std::string created_at;  // FormatTimestamp
  std::string updated_at;
  FieldValues values;

  // Typed accessors; return nullopt when the field is null or of another type.
  std::optional<long long> Integer(std::string_view field) const;
  std::optional<std::string> Text(std::string_view field) const;
  std::optional<double> Number(std::string_view field) const;
};

// The catalogue of record kinds. Returns nullptr for an unknown name.
const RecordKind* FindRecordKind(std::string_view name);
const std::vector<const RecordKind*>& AllRecordKinds();

// Named kinds, for code that needs one in particular.
const RecordKind& JurisdictionKind();
const RecordKind& CoresidenceRuleKind();
const RecordKind& OrganisationKind();
const RecordKind& FacilityKind();
const RecordKind& WingKind();
const RecordKind& SpaceKind();
const RecordKind& HomeKind();
const RecordKind& StaffKind();
const RecordKind& ParentKind();
const RecordKind& ChildKind();
const RecordKind& ParentChildLinkKind();

// Checks field values against a kind's specs: unknown, read-only or immutable
// fields, types, enum values, lengths, ranges, dates that exist, and (when
// `creating`) required fields; then the kind's own rule on the merged record.
// `incoming` is what the caller sent; `existing` is the stored record on update.
Status ValidateRecordWrite(const RecordKind& kind, const FieldValues& incoming,
                           const FieldValues* existing, const Date& today);

}  // namespace vinculo

namespace vinculo {

// Text form of a value for CSV: dates and enums as written, booleans
// "true"/"false", numbers in shortest round-trip form, null as "".
std::string ValueToText(const Value& value);
// Reads a CSV cell as a field of `spec`'s type. Empty text is null.
Result<Value> ValueFromText(const FieldSpec& spec, std::string_view text);

}  // namespace vinculo
