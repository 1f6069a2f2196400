// The catalogue of record kinds: every field Vínculo stores for jurisdictions,
// co-residence rules, organisations, facilities, wings, spaces, homes, staff,
// incarcerated parents, children and the links between parents and children.
#include <algorithm>

#include "common/text_fold.h"
#include "domain/record.h"
#include "domain/time_zones.h"

namespace vinculo {
namespace {

constexpr double kMaxLatitude = 90.0;
constexpr double kMaxLongitude = 180.0;

FieldSpec Text(std::string_view name, bool required = false, int max_length = 200) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kText;
  spec.required = required;
  spec.max_length = max_length;
  return spec;
}
FieldSpec Name(std::string_view name) {
  FieldSpec spec = Text(name, /*required=*/true, 120);
  spec.searchable = true;
  return spec;
}
FieldSpec Enum(std::string_view name, std::vector<std::string_view> values, bool required = false) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kEnum;
  spec.required = required;
  spec.enum_values = std::move(values);
  spec.filterable = true;
  return spec;
}
FieldSpec DateField(std::string_view name, bool required = false) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kDate;
  spec.required = required;
  return spec;
}
FieldSpec Ref(std::string_view name, std::string_view kind, bool required = false) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kReference;
  spec.references = kind;
  spec.required = required;
  spec.filterable = true;
  return spec;
}
FieldSpec Int(std::string_view name, double min_value, double max_value, bool required = false) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kInteger;
  spec.required = required;
  spec.min_value = min_value;
  spec.max_value = max_value;
  return spec;
}
FieldSpec Number(std::string_view name, double min_value, double max_value) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kNumber;
  spec.min_value = min_value;
  spec.max_value = max_value;
  return spec;
}
FieldSpec Bool(std::string_view name, bool required = false) {
  FieldSpec spec;
  spec.name = name;
  spec.type = FieldType::kBoolean;
  spec.required = required;
  return spec;
}
FieldSpec Immutable(FieldSpec spec) {
  spec.immutable = true;
  return spec;
}
FieldSpec ReadOnly(FieldSpec spec) {
  spec.read_only = true;
  spec.required = false;
  return spec;
}
FieldSpec Filterable(FieldSpec spec) {
  spec.filterable = true;
  return spec;
}
FieldSpec Searchable(FieldSpec spec) {
  spec.searchable = true;
  return spec;
}
FieldSpec Described(FieldSpec spec, std::string_view description) {
  spec.description = description;
  return spec;
}
std::vector<FieldSpec> Coordinates(std::string_view latitude, std::string_view longitude) {
  return {Described(Number(latitude, -kMaxLatitude, kMaxLatitude), "Decimal degrees."),
          Described(Number(longitude, -kMaxLongitude, kMaxLongitude), "Decimal degrees.")};
}
std::vector<FieldSpec> Concat(std::vector<FieldSpec> head, const std::vector<FieldSpec>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

const Value* Find(const FieldValues& values, std::string_view name) {
  auto it = values.find(name);
  if (it == values.end() || IsNull(it->second)) return nullptr;
  return &it->second;
}
std::optional<Date> DateValue(const FieldValues& values, std::string_view name) {
  const Value* value = Find(values, name);
  if (!value || !std::holds_alternative<std::string>(*value)) return std::nullopt;
  auto date = ParseDate(std::get<std::string>(*value), name);
  if (!date.ok()) return std::nullopt;
  return *date;
}
std::string TextValue(const FieldValues& values, std::string_view name) {
  const Value* value = Find(values, name);
  if (!value || !std::holds_alternative<std::string>(*value)) return {};
  return std::get<std::string>(*value);
}

// Coordinates come in pairs: a latitude without a longitude locates nothing.
Status CheckCoordinatePair(const FieldValues& values, std::string_view latitude,
                           std::string_view longitude) {
  const bool has_latitude = Find(values, latitude) != nullptr;
  const bool has_longitude = Find(values, longitude) != nullptr;
  if (has_latitude != has_longitude) {
    return InvalidArgument(std::string(has_latitude ? longitude : latitude),
                           "latitude and longitude are given together or not at all");
  }
  return Status::Ok();
}

Status LocatedRule(const RecordKind&, const FieldValues& values, const Date&) {
  return CheckCoordinatePair(values, "latitude", "longitude");
}

Status ChildRule(const RecordKind&, const FieldValues& values, const Date& today) {
  if (auto born = DateValue(values, "date_of_birth"); born && *born > today) {
    return InvalidArgument("date_of_birth", "a child cannot be born in the future (" +
                                                FormatDate(*born) + " is after " +
                                                FormatDate(today) + ")")
        .Because(Refusal::kDateInFuture);
  }
  const std::string placement = TextValue(values, "placement");
  if (placement == "inside_with_mother" && !Find(values, "facility_id")) {
    return InvalidArgument("facility_id", "a child living inside needs the facility it lives in")
        .Because(Refusal::kFacilityRequiredInside);
  }
  if (placement != "inside_with_mother" && Find(values, "facility_id")) {
    return InvalidArgument("facility_id",
                           "only a child living inside with the mother has a facility")
        .Because(Refusal::kOnlyChildInside);
  }
  if (placement == "care_home" && !Find(values, "home_id")) {
    return InvalidArgument("home_id", "a child in a care organisation's home needs the home")
        .Because(Refusal::kHomeRequired);
  }
  return CheckCoordinatePair(values, "home_latitude", "home_longitude");
}

Status ParentRule(const RecordKind&, const FieldValues& values, const Date& today) {
  const auto admitted = DateValue(values, "admission_date");
  if (admitted && *admitted > today) {
    return InvalidArgument("admission_date", "cannot be in the future")
        .Because(Refusal::kDateInFuture);
  }
  if (auto release = DateValue(values, "expected_release_date");
      release && admitted && *release < *admitted) {
    return InvalidArgument("expected_release_date",
                           "cannot be before the admission date " + FormatDate(*admitted));
  }
  if (auto released = DateValue(values, "released_on");
      released && admitted && *released < *admitted) {
    return InvalidArgument("released_on",
                           "cannot be before the admission date " + FormatDate(*admitted));
  }
  if (auto born = DateValue(values, "date_of_birth"); born && *born > today) {
    return InvalidArgument("date_of_birth", "cannot be in the future")
        .Because(Refusal::kDateInFuture);
  }
  const std::string custody = TextValue(values, "custody_status");
  if (custody == "released" && !Find(values, "released_on")) {
    return InvalidArgument("released_on", "a released parent needs the release date");
  }
  return Status::Ok();
}

Status CoresidenceRuleRule(const RecordKind&, const FieldValues& values, const Date&) {
  const Value* allowed = Find(values, "allowed");
  const bool is_allowed =
      allowed && std::holds_alternative<bool>(*allowed) && std::get<bool>(*allowed);
  if (!is_allowed && Find(values, "max_age_months")) {
    return InvalidArgument("max_age_months",
                           "a jurisdiction that does not allow co-residence has no age limit");
  }
  return Status::Ok();
}

Status FacilityRule(const RecordKind& kind, const FieldValues& values, const Date& today) {
  if (const std::string zone = TextValue(values, "time_zone");
      !zone.empty() && !LooksLikeTimeZoneName(zone)) {
    return InvalidArgument("time_zone",
                           "'" + zone + "' is not an IANA time zone name such as America/Lima");
  }
  return LocatedRule(kind, values, today);
}

RecordKind MakeJurisdiction() {
  RecordKind kind;
  kind.name = "jurisdictions";
  kind.singular = "jurisdiction";
  FieldSpec code = Immutable(Text("code", true, 16));
  code.filterable = true;
  kind.fields = {code, Name("name"), Filterable(Text("country_code", false, 2))};
  kind.scope = ScopeRule::kReference;
  kind.description =
      "A country or state whose law decides whether a child may live in prison with a parent.";
  return kind;
}

RecordKind MakeCoresidenceRule() {
  RecordKind kind;
  kind.name = "coresidence_rules";
  kind.singular = "co-residence rule";
  kind.fields = {
      Immutable(Ref("jurisdiction_id", "jurisdictions", true)),
      Immutable(Bool("allowed", true)),
      Described(Immutable(Int("max_age_months", 0, 240)),
                "Months of age at which the child must leave; null with allowed = true means no "
                "fixed limit."),
      Immutable(Enum("rule_kind", {"law", "regulation", "practice", "programme"}, true)),
      Immutable(Enum("extension_possible", {"yes", "no", "unknown"}, true)),
      // Issue 15: open-ended versions; proposals instead of moved dates.
      Described(Immutable(DateField("effective_from")),
                "A law change is a new rule with a later effective date, never an edit. Null (or "
                "absent): open-ended in the past, in force since always until the next version; "
                "at most one such version per jurisdiction (a second is a 422 naming "
                "effective_from). Adding, editing, archiving or restoring a version never moves "
                "a kept age-out date: it makes proposals (GET /nursery/ageout-proposals)."),
      Text("notes", false, 2000),
      Text("source", true, 2000),
  };
  kind.scope = ScopeRule::kReference;
  kind.rule = CoresidenceRuleRule;
  kind.description =
      "Whether, and until what age, a jurisdiction lets a child live in prison with the mother.";
  kind.rules_text = "max_age_months must be null unless allowed is true.";
  return kind;
}

RecordKind MakeOrganisation() {
  RecordKind kind;
  kind.name = "organisations";
  kind.singular = "organisation";
  kind.fields = Concat(
      {Name("name"), Enum("kind", {"care_organisation", "prison_authority", "ngo", "other"}, true),
       Ref("jurisdiction_id", "jurisdictions"), Text("address", false, 300),
       Text("phone", false, 40), Text("email", false, 120)},
      Coordinates("latitude", "longitude"));
  kind.scope = ScopeRule::kReference;
  kind.rule = LocatedRule;
  kind.description = "A care organisation, prison authority or NGO.";
  kind.rules_text = "latitude and longitude are given together or not at all.";
  return kind;
}

RecordKind MakeFacility() {
  RecordKind kind;
  kind.name = "facilities";
  kind.singular = "facility";
  kind.fields = Concat(
      {Name("name"), Enum("kind", {"prison", "unit"}, true),
       Ref("jurisdiction_id", "jurisdictions", true), Ref("organisation_id", "organisations"),
       Ref("parent_facility_id", "facilities"), Text("address", false, 300),
       // 2,760 held in places for 630 is 438 % occupancy.
       Described(Int("official_capacity", 1, 1e6, true), "Places the facility was built for."),
       Described(Int("current_population", 0, 1e6, true), "People held today."),
       Bool("has_nursery"),
       Described(Int("nursery_max_age_months", 0, 240),
                 "A facility may set a lower co-residence limit than its jurisdiction."),
       // Null: its jurisdiction's zone (domain/time_zones.h).
       Described(Text("time_zone", false, 64),
                 "The IANA time zone of the facility's clocks, such as America/Mexico_City; "
                 "when null, its jurisdiction's (America/Lima for Peru, America/Mexico_City "
                 "for Oaxaca). Calendars and feeds give local times in it.")},
      Coordinates("latitude", "longitude"));
  kind.scope = ScopeRule::kReference;
  kind.rule = FacilityRule;
  kind.description = "A prison or a unit inside one.";
  kind.rules_text = "latitude and longitude are given together or not at all.";
  return kind;
}

RecordKind MakeWing() {
  RecordKind kind;
  kind.name = "wings";
  kind.singular = "wing";
  kind.fields = {Immutable(Ref("facility_id", "facilities", true)), Name("name"),
                 Enum("gender", {"women", "men", "mixed"}, true), Int("capacity", 1, 1e6)};
  kind.scope = ScopeRule::kReference;
  kind.description = "A wing (pabellón) of a facility.";
  return kind;
}

RecordKind MakeSpace() {
  RecordKind kind;
  kind.name = "spaces";
  kind.singular = "space";
  kind.fields = {Immutable(Ref("facility_id", "facilities", true)), Ref("wing_id", "wings"),
                 Name("name"),
                 Enum("kind", {"visiting_patio", "chapel", "nursery", "classroom", "other"}, true),
                 Int("capacity_people", 1, 100000, true)};
  kind.scope = ScopeRule::kReference;
  kind.description = "A room or patio of a facility where children meet their parents.";
  return kind;
}

RecordKind MakeHome() {
  RecordKind kind;
  kind.name = "homes";
  kind.singular = "home";
  kind.fields = Concat({Immutable(Ref("organisation_id", "organisations", true)), Name("name"),
                        Text("address", false, 300), Int("capacity_children", 1, 100)},
                       Coordinates("latitude", "longitude"));
  kind.scope = ScopeRule::kOrganisation;
  kind.rule = LocatedRule;
  kind.description = "A home run by a care organisation.";
  kind.rules_text = "latitude and longitude are given together or not at all.";
  return kind;
}

RecordKind MakeStaff() {
  RecordKind kind;
  kind.name = "staff";
  kind.singular = "staff member";
  kind.fields = {
      Immutable(Ref("organisation_id", "organisations", true)),
      Ref("home_id", "homes"),
      Name("given_names"),
      Name("family_names"),
      Enum("staff_role",
           {"caregiver", "psychologist", "social_worker", "coordinator", "driver", "other"}, true),
      Text("phone", false, 40),
      Text("email", false, 120)};
  kind.scope = ScopeRule::kOrganisation;
  kind.description = "A member of a care organisation's staff.";
  return kind;
}

RecordKind MakeParent() {
  RecordKind kind;
  kind.name = "parents";
  kind.singular = "parent";
  FieldSpec offence = Enum("offence_category", {"drug_transport", "theft", "sexual_abuse",
                                                "trafficking", "extortion", "violent", "other"});
  offence.restricted = true;
  offence.filterable = false;  // a filter would leak it to roles that cannot read it
  kind.fields = {
      Name("given_names"),
      Name("family_names"),
      Enum("sex", {"female", "male"}, true),
      DateField("date_of_birth"),
      Described(Immutable(Ref("facility_id", "facilities", true)),
                "Changes only by a transfer (POST /api/v1/parents/{id}/transfers), so the "
                "history of facilities is kept."),
      Ref("wing_id", "wings"),
      Ref("organisation_id", "organisations"),
      Searchable(Filterable(Text("prisoner_number", false, 40))),
      Enum("custody_status", {"incarcerated", "released"}, true),
      DateField("admission_date", true),
      DateField("expected_release_date"),
      DateField("released_on"),
      offence,
      Described(Enum("language", {"es", "en"}), "Defaults to es when not given on create."),
  };
  kind.scope = ScopeRule::kParent;
  kind.rule = ParentRule;
  kind.audited = true;
  kind.description = "An incarcerated (or released) parent.";
  kind.rules_text =
      "admission_date cannot be in the future. expected_release_date and released_on cannot be "
      "before admission_date. date_of_birth cannot be in the future. A parent with "
      "custody_status released needs released_on.";
  return kind;
}

RecordKind MakeChild() {
  RecordKind kind;
  kind.name = "children";
  kind.singular = "child";
  kind.fields = Concat(
      {Name("given_names"), Name("family_names"),
       Described(Searchable(ReadOnly(Text("pseudonym", false, 40))),
                 "Generated by the server at registration; used in every report and export by "
                 "default."),
       DateField("date_of_birth", true), Enum("sex", {"female", "male", "unspecified"}, true),
       Ref("organisation_id", "organisations"),
       Described(
           Immutable(Enum("placement",
                          {"inside_with_mother", "relatives", "care_home", "state_care", "other",
                           // Back with her parent after the release (issue 15).
                           "with_released_parent"},
                          true)),
           "Changes only by a placement change (POST /api/v1/children/{id}/placements), "
           "which keeps the history."),
       Described(Immutable(Ref("facility_id", "facilities")),
                 "The facility a child living inside with the mother lives in; changes only by "
                 "a placement change."),
       Described(Immutable(Ref("home_id", "homes")),
                 "The home of a child in a care organisation's home; changes only by a placement "
                 "change."),
       // Issue 15.
       Described(Immutable(Text("coresidence_exception", false, 2000)),
                 "An administrator's documented reason for a child living inside with the mother "
                 "where the law in force or the facility (no nursery) would refuse it; without "
                 "it such a create or placement change is a 422 naming facility_id. Only an "
                 "administrator gives it (403 otherwise); given where nothing refuses, or for a "
                 "child not living inside, it is a 422. Audited. Set with the placement, cleared "
                 "by the next placement change."),
       Text("home_address", false, 300), Text("school_name", false, 200),
       Text("school_grade", false, 40)},
      Coordinates("home_latitude", "home_longitude"));
  kind.scope = ScopeRule::kChild;
  kind.rule = ChildRule;
  kind.audited = true;
  kind.description = "A child of an incarcerated parent.";
  kind.rules_text =
      "date_of_birth cannot be in the future. placement inside_with_mother needs facility_id; "
      "any other placement has no facility_id. placement care_home needs home_id. home_latitude "
      "and home_longitude are given together or not at all.";
  return kind;
}

RecordKind MakeParentChildLink() {
  RecordKind kind;
  kind.name = "parent_child_links";
  kind.singular = "parent-child link";
  kind.fields = {Immutable(Ref("parent_id", "parents", true)),
                 Immutable(Ref("child_id", "children", true)),
                 Enum("relation", {"mother", "father", "legal_guardian"}, true)};
  kind.scope = ScopeRule::kLink;
  kind.description = "Who is whose parent: links a parent to a child.";
  return kind;
}

struct Catalogue {
  RecordKind jurisdiction = MakeJurisdiction();
  RecordKind coresidence_rule = MakeCoresidenceRule();
  RecordKind organisation = MakeOrganisation();
  RecordKind facility = MakeFacility();
  RecordKind wing = MakeWing();
  RecordKind space = MakeSpace();
  RecordKind home = MakeHome();
  RecordKind staff = MakeStaff();
  RecordKind parent = MakeParent();
  RecordKind child = MakeChild();
  RecordKind link = MakeParentChildLink();
  // In dependency order: a kind only references kinds before it.
  std::vector<const RecordKind*> all = {
      &jurisdiction, &coresidence_rule, &organisation, &facility, &wing, &space, &home,
      &staff,        &parent,           &child,        &link};
};

const Catalogue& TheCatalogue() {
  static const Catalogue kCatalogue;
  return kCatalogue;
}

}  // namespace

bool RecordKind::Searchable() const {
  return std::any_of(fields.begin(), fields.end(),
                     [](const FieldSpec& spec) { return spec.searchable; });
}

std::string SearchText(const RecordKind& kind, const FieldValues& values) {
  std::string text;
  for (const FieldSpec& spec : kind.fields) {
    if (!spec.searchable) continue;
    const Value* value = Find(values, spec.name);
    const std::string* words = value ? std::get_if<std::string>(value) : nullptr;
    if (!words || words->empty()) continue;
    const std::string folded = FoldForSearch(*words);
    if (folded.empty()) continue;
    text += ' ';
    text += folded;
  }
  return text;
}

const FieldSpec* RecordKind::Field(std::string_view field_name) const {
  for (const FieldSpec& spec : fields) {
    if (spec.name == field_name) return &spec;
  }
  return nullptr;
}

const std::vector<const RecordKind*>& AllRecordKinds() { return TheCatalogue().all; }

const RecordKind* FindRecordKind(std::string_view name) {
  for (const RecordKind* kind : AllRecordKinds()) {
    if (kind->name == name) return kind;
  }
  return nullptr;
}

const RecordKind& JurisdictionKind() { return TheCatalogue().jurisdiction; }
const RecordKind& CoresidenceRuleKind() { return TheCatalogue().coresidence_rule; }
const RecordKind& OrganisationKind() { return TheCatalogue().organisation; }
const RecordKind& FacilityKind() { return TheCatalogue().facility; }
const RecordKind& WingKind() { return TheCatalogue().wing; }
const RecordKind& SpaceKind() { return TheCatalogue().space; }
const RecordKind& HomeKind() { return TheCatalogue().home; }
const RecordKind& StaffKind() { return TheCatalogue().staff; }
const RecordKind& ParentKind() { return TheCatalogue().parent; }
const RecordKind& ChildKind() { return TheCatalogue().child; }
const RecordKind& ParentChildLinkKind() { return TheCatalogue().link; }

}  // namespace vinculo
