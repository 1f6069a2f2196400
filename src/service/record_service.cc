#include "service/record_service.h"

#include <cmath>

#include "domain/ageout_reasons.h"
#include "domain/visit_rules.h"
#include "service/facility_rights.h"
#include "service/nursery_service.h"
#include "service/reunification_service.h"
#include "service/secrets.h"
#include "service/workshop_service.h"
#include "store/family_store.h"
#include "store/visit_store.h"

namespace vinculo {
namespace {

std::string KindText(const RecordKind& kind) { return std::string(kind.singular); }

bool HasField(const FieldValues& values, std::string_view name) {
  auto it = values.find(name);
  return it != values.end() && !IsNull(it->second);
}

// A pseudonym that names no one: "NNA-" and eight characters from an
// unambiguous alphabet (about 8.5e11 values, so collisions are negligible and
// the unique index catches any).
std::string NewPseudonym() { return "NNA-" + RandomCode(8); }

// Issue 15: a child beginning to live inside on `on` (her values as written)
// must be allowed there by the law and the facility, or carry an
// administrator's documented exception (CheckChildMayLiveInside).
Status CheckLivingInside(Txn& txn, const Actor& actor, const ServiceContext& context,
                         long long child_id, const FieldValues& values, const Date& on) {
  auto exception = values.find("coresidence_exception");
  const std::string reason = exception != values.end() && !IsNull(exception->second)
                                 ? ValueToText(exception->second)
                                 : std::string();
  auto facility = values.find("facility_id");
  auto placement = values.find("placement");
  const bool inside = placement != values.end() && !IsNull(placement->second) &&
                      ValueToText(placement->second) == "inside_with_mother";
  if (inside && facility != values.end() && !IsNull(facility->second)) {
    return CheckChildMayLiveInside(txn, actor, context, child_id,
                                   std::get<long long>(facility->second), on, reason);
  }
  if (!reason.empty()) {
    return InvalidArgument("coresidence_exception",
                           "only a child living inside with the mother has a co-residence "
                           "exception")
        .Because(Refusal::kOnlyChildInside);
  }
  return Status::Ok();
}

// Issue 15: a co-residence rule version changes (added, edited, archived,
// restored). Before the write, `before` keeps a decision for every child
// inside the jurisdiction who has none; after it, `after` proposes, never
// applies, what the change would make of each kept decision.
bool IsRule(const RecordKind& kind) { return &kind == &CoresidenceRuleKind(); }

}  // namespace

Status RecordService::CheckKindAccess(const Actor& actor, const RecordKind& kind,
                                      Access needed) const {
  const Access granted = KindAccess(actor.role, kind);
  if (granted == Access::kNone || (needed == Access::kWrite && granted != Access::kWrite)) {
    return Forbidden(std::string("the role ") + RoleName(actor.role) + " cannot " +
                     (needed == Access::kWrite ? "change " : "read ") + std::string(kind.name));
  }
  if (needed == Access::kWrite && kind.scope == ScopeRule::kReference && !actor.IsGlobal()) {
    return Forbidden("only an installation administrator changes " + std::string(kind.name));
  }
  return Status::Ok();
}

Status RecordService::CheckReferences(Txn& txn, const Actor& actor, const RecordKind& kind,
                                      const FieldValues& values) const {
  for (const auto& [name, value] : values) {
    const FieldSpec* spec = kind.Field(name);
    if (!spec || spec->type != FieldType::kReference || IsNull(value)) continue;
    const RecordKind* target = FindRecordKind(spec->references);
    if (!target) return Internal("unknown reference kind " + std::string(spec->references));
    const long long id = std::get<long long>(value);
    auto referenced = txn.Get(*target, id, actor);
    if (!referenced.ok()) {
      if (referenced.status().code() != StatusCode::kNotFound) return referenced.status();
      // Same answer whether it does not exist or is not the actor's to see.
      return InvalidArgument(name,
                             "there is no " + KindText(*target) + " with id " + std::to_string(id));
    }
    if (referenced->archived) {
      return InvalidArgument(
          name, "the " + KindText(*target) + " " + std::to_string(id) + " is archived");
    }
  }
  return Status::Ok();
}

// Issue 13: a record is filed under an organisation only by someone who acts
// for it. Someone attached to an organisation files records under her own;
// someone attached to a facility (a nursery or visits officer) under none;
// an installation administrator under any. Changing it otherwise is a
// transfer between organisations, which is theirs to agree, not a field edit.
static Status CheckOrganisationFiling(const Actor& actor, const RecordKind& kind,
                                      const FieldValues& values, const Record* current) {
  if (actor.IsGlobal() || !kind.Field("organisation_id")) return Status::Ok();
  auto it = values.find("organisation_id");
  if (it == values.end() || IsNull(it->second)) return Status::Ok();
  const long long organisation_id = std::get<long long>(it->second);
  if (current && current->Integer("organisation_id") == organisation_id) return Status::Ok();
  if (actor.organisation_id && *actor.organisation_id == organisation_id) return Status::Ok();
  return Forbidden("you may file a " + KindText(kind) +
                       " only under your own organisation; moving it to another is an installation "
                       "administrator's task",
                   "organisation_id");
}

void RecordService::ApplyScopeDefaults(const Actor& actor, const RecordKind& kind,
                                       FieldValues& values) const {
  const bool scoped = kind.scope == ScopeRule::kOrganisation || kind.scope == ScopeRule::kChild ||
                      kind.scope == ScopeRule::kParent;
  if (!scoped) return;
  if (actor.organisation_id && kind.Field("organisation_id") &&
      !HasField(values, "organisation_id")) {
    values["organisation_id"] = *actor.organisation_id;
  }
  if (actor.facility_id && kind.scope == ScopeRule::kParent && !HasField(values, "facility_id")) {
    values["facility_id"] = *actor.facility_id;
  }
}

// A parent-child link says whose child a child is: reading it is a read of
// the child, in the child's own trail (issue 13).
void RecordService::AuditLinkRead(const Actor& actor, const RecordKind& kind, const Record& record,
                                  const char* action) const {
  if (&kind != &ParentChildLinkKind() || !context_.audit) return;
  const std::optional<long long> child_id = record.Integer("child_id");
  if (!child_id) return;
  context_.audit->RecordRead(Event(actor, action, ChildKind(), *child_id,
                                   "parent-child link " + std::to_string(record.id)));
}

AuditEvent RecordService::Event(const Actor& actor, const char* action, const RecordKind& kind,
                                long long id, std::string detail) const {
  return AuditEventFor(actor, context_.Now(), action, std::string(kind.name), id,
                       std::move(detail));
}

void RecordService::Present(const Actor& actor, const RecordKind& kind, Record& record) const {
  for (const FieldSpec& spec : kind.fields) {
    if (!SeesField(actor.role, kind, spec)) record.values.erase(std::string(spec.name));
  }
  if (&kind == &FacilityKind()) {
    auto capacity = record.Integer("official_capacity");
    auto population = record.Integer("current_population");
    if (capacity && population && *capacity > 0) {
      // One decimal: 2,760 held in places for 630 shows as 438.1.
      record.values["occupancy_percent"] =
          std::round(1000.0 * static_cast<double>(*population) / static_cast<double>(*capacity)) /
          10.0;
    }
  }
}

Result<Record> RecordService::Create(const Actor& actor, const RecordKind& kind,
                                     FieldValues values) {
  Record created;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto inserted = CreateIn(txn, actor, kind, std::move(values));
    if (!inserted.ok()) return inserted.status();
    created = std::move(*inserted);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return created;
}

Result<Record> RecordService::RegisterParentOf(const Actor& actor, long long child_id,
                                               const std::string& relation, FieldValues parent) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, ChildKind(), Access::kRead));
  Record created;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    // A child the caller cannot see is a 404 before anything is written.
    VINCULO_RETURN_IF_ERROR(txn.Get(ChildKind(), child_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(created, CreateIn(txn, actor, ParentKind(), std::move(parent)));
    FieldValues link = {{"parent_id", created.id}, {"child_id", child_id}, {"relation", relation}};
    return CreateIn(txn, actor, ParentChildLinkKind(), std::move(link)).status();
  }));
  return created;
}

Status RecordService::WriteBatch(const Actor& actor,
                                 const std::function<Status(RecordBatch&)>& work) {
  return context_.store->Write([&](Txn& txn) -> Status {
    RecordBatch batch(*this, txn, actor);
    return work(batch);
  });
}

Result<Record> RecordBatch::Create(const RecordKind& kind, FieldValues values) {
  return service_.CreateIn(txn_, actor_, kind, std::move(values));
}

Result<std::vector<Record>> RecordBatch::FindBy(const RecordKind& kind, std::string_view field,
                                                const Value& value) {
  VINCULO_RETURN_IF_ERROR(service_.CheckKindAccess(actor_, kind, Access::kRead));
  ListQuery query;
  query.filters[std::string(field)] = value;
  query.limit = 1000;
  std::vector<Record> found;
  while (true) {
    auto page = txn_.List(kind, query, actor_);
    if (!page.ok()) return page.status();
    for (Record& record : page->items) {
      service_.Present(actor_, kind, record);
      found.push_back(std::move(record));
    }
    if (!page->next_after_id) break;
    query.after_id = *page->next_after_id;
  }
  return found;
}

Result<Record> RecordService::CreateIn(Txn& txn, const Actor& actor, const RecordKind& kind,
                                       FieldValues values) const {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kWrite));
  for (const FieldSpec& spec : kind.fields) {
    if (!SeesField(actor.role, kind, spec) && HasField(values, spec.name)) {
      return Forbidden("your role cannot record this field", std::string(spec.name));
    }
  }
  ApplyScopeDefaults(actor, kind, values);
  VINCULO_RETURN_IF_ERROR(CheckOrganisationFiling(actor, kind, values, nullptr));
  VINCULO_RETURN_IF_ERROR(ValidateRecordWrite(kind, values, nullptr, context_.Today()));
  if (&kind == &ChildKind()) values["pseudonym"] = NewPseudonym();
  if (&kind == &ParentKind() && !HasField(values, "language"))
    values["language"] = std::string("es");

  VINCULO_RETURN_IF_ERROR(CheckReferences(txn, actor, kind, values));
  std::optional<long long> rule_jurisdiction;
  if (IsRule(kind)) {
    if (auto found = values.find("jurisdiction_id");
        found != values.end() && std::holds_alternative<long long>(found->second)) {
      rule_jurisdiction = std::get<long long>(found->second);
      if (!HasField(values, "effective_from")) {
        VINCULO_RETURN_IF_ERROR(CheckOneOpenEndedRule(txn, *rule_jurisdiction));
      }
      VINCULO_RETURN_IF_ERROR(KeepMissingAgeOutDecisions(txn, context_, *rule_jurisdiction));
    }
  }
  auto inserted = txn.Insert(kind, values, context_.Now());
  if (!inserted.ok()) return inserted.status();
  if (rule_jurisdiction) {
    VINCULO_RETURN_IF_ERROR(ProposeAgeOutChanges(txn, actor, context_, *rule_jurisdiction,
                                                 RuleVersionReason(inserted->id, "added")));
  }
  auto visible = txn.Visible(kind, inserted->id, actor);
  if (!visible.ok()) return visible.status();
  if (!*visible) {
    return Forbidden("the new " + KindText(kind) +
                         " would belong to an organisation or facility that is not yours",
                     kind.Field("organisation_id") ? "organisation_id" : "facility_id");
  }
  if (&kind == &ChildKind()) {
    VINCULO_RETURN_IF_ERROR(
        CheckLivingInside(txn, actor, context_, inserted->id, inserted->values, context_.Today()));
    VINCULO_RETURN_IF_ERROR(
        CheckPlacementWithReleasedParent(txn, actor, inserted->id, inserted->values));
    Placement first;
    first.child_id = inserted->id;
    first.placement = *inserted->Text("placement");
    first.facility_id = inserted->Integer("facility_id");
    first.home_id = inserted->Integer("home_id");
    first.organisation_id = inserted->Integer("organisation_id");
    // The history starts on the day the child is registered with us.
    first.started_on = FormatDate(context_.Today());
    first.note = "registered";
    first.recorded_by = actor.user_id;
    first.created_at = context_.Now();
    auto placement = txn.InsertPlacement(first);
    if (!placement.ok()) return placement.status();
    // A child registered as living inside keeps her age-out decision now.
    if (first.placement == "inside_with_mother") {
      VINCULO_RETURN_IF_ERROR(KeepAgeOutDecision(txn, actor, context_, inserted->id, "placement"));
    }
  }
  if (&kind == &ParentKind()) {
    // The first value of the expected release date's history (issue 15).
    VINCULO_RETURN_IF_ERROR(family_store::RecordReleaseDate(txn, inserted->id, std::nullopt,
                                                            inserted->Text("expected_release_date"),
                                                            actor.user_id, context_.Now()));
  }
  if (kind.audited) {
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit({Event(actor, "create", kind, inserted->id)}));
  }
  Record created = std::move(*inserted);
  Present(actor, kind, created);
  return created;
}

Result<Record> RecordService::Get(const Actor& actor, const RecordKind& kind, long long id) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kRead));
  Record record;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto found = txn.Get(kind, id, actor);
    if (!found.ok()) return found.status();
    record = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (kind.audited) context_.audit->RecordRead(Event(actor, "read", kind, id));
  AuditLinkRead(actor, kind, record, "read");
  Present(actor, kind, record);
  return record;
}

Result<Page> RecordService::List(const Actor& actor, const RecordKind& kind,
                                 const ListQuery& query) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kRead));
  Page page;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto listed = txn.List(kind, query, actor);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (Record& record : page.items) {
    if (kind.audited) context_.audit->RecordRead(Event(actor, "list", kind, record.id));
    AuditLinkRead(actor, kind, record, "list");
    Present(actor, kind, record);
  }
  return page;
}

namespace {

// What an update asks to review of the kept age-out decisions (issue 15).
struct AgeOutReview {
  long long jurisdiction_id = 0;
  std::string reason;
  AgeOutReviewScope only;
};

bool Changes(const FieldValues& changes, const Record& current, const char* field) {
  auto changed = changes.find(field);
  if (changed == changes.end()) return false;
  auto before = current.values.find(field);
  return before == current.values.end() || before->second != changed->second;
}

// A child living inside whose date of birth is corrected, or a facility whose
// own age limit changes: the jurisdiction to review and for whom; nullopt for
// any other update.
Result<std::optional<AgeOutReview>> AgeOutReviewOf(Txn& txn, const RecordKind& kind, long long id,
                                                   const Record& current,
                                                   const FieldValues& changes) {
  std::optional<AgeOutReview> review;
  if (&kind == &ChildKind() && Changes(changes, current, "date_of_birth") &&
      current.Text("placement").value_or("") == "inside_with_mother" &&
      current.Integer("facility_id")) {
    VINCULO_ASSIGN_OR_RETURN(
        Record facility, txn.Get(FacilityKind(), *current.Integer("facility_id"), Actor::System()));
    review = AgeOutReview{facility.Integer("jurisdiction_id").value_or(0),
                          kBirthDateCorrectedReason,
                          {std::nullopt, id}};
  } else if (&kind == &FacilityKind() && Changes(changes, current, "nursery_max_age_months")) {
    review = AgeOutReview{current.Integer("jurisdiction_id").value_or(0),
                          kFacilityLimitChangedReason,
                          {id, std::nullopt}};
  }
  if (review && review->jurisdiction_id == 0) review.reset();
  return review;
}

}  // namespace

Result<Record> RecordService::Update(const Actor& actor, const RecordKind& kind, long long id,
                                     long long expected_version, FieldValues changes) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kWrite));
  for (const FieldSpec& spec : kind.fields) {
    if (!SeesField(actor.role, kind, spec) && changes.count(spec.name)) {
      return Forbidden("your role cannot change this field", std::string(spec.name));
    }
  }
  Record updated;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto current = txn.Get(kind, id, actor);
    if (!current.ok()) return current.status();
    if (current->version != expected_version) {
      return Status(StatusCode::kPreconditionFailed,
                    "the " + KindText(kind) + " was changed by someone else (now version " +
                        std::to_string(current->version) +
                        "); reload it and apply your change again");
    }
    VINCULO_RETURN_IF_ERROR(ValidateRecordWrite(kind, changes, &current->values, context_.Today()));
    VINCULO_RETURN_IF_ERROR(CheckOrganisationFiling(actor, kind, changes, &*current));
    VINCULO_RETURN_IF_ERROR(CheckReferences(txn, actor, kind, changes));
    const long long rule_jurisdiction =
        IsRule(kind) ? current->Integer("jurisdiction_id").value_or(0) : 0;
    if (rule_jurisdiction) {
      VINCULO_RETURN_IF_ERROR(KeepMissingAgeOutDecisions(txn, context_, rule_jurisdiction));
    }
    // A corrected date of birth of a child living inside, or a facility's own
    // age limit changed, is reviewed like a law change (issue 15): her kept
    // date stays, and a proposal says what the change would make of it.
    VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutReview> review,
                             AgeOutReviewOf(txn, kind, id, *current, changes));
    if (review) {
      VINCULO_RETURN_IF_ERROR(KeepMissingAgeOutDecisions(txn, context_, review->jurisdiction_id));
    }
    auto written = txn.Update(kind, id, expected_version, changes, context_.Now());
    if (!written.ok()) return written.status();
    if (rule_jurisdiction) {
      VINCULO_RETURN_IF_ERROR(ProposeAgeOutChanges(txn, actor, context_, rule_jurisdiction,
                                                   RuleVersionReason(id, "changed")));
    }
    if (review) {
      VINCULO_RETURN_IF_ERROR(ProposeAgeOutChanges(txn, actor, context_, review->jurisdiction_id,
                                                   review->reason, review->only));
    }
    if (&kind == &ParentKind()) {
      // A moved release date is kept, not overwritten (issue 15).
      VINCULO_RETURN_IF_ERROR(family_store::RecordReleaseDate(
          txn, id, current->Text("expected_release_date"), written->Text("expected_release_date"),
          actor.user_id, context_.Now()));
    }
    if (&kind == &ParentKind() && current->Text("custody_status") != "released" &&
        written->Text("custody_status") == "released") {
      // A released parent's workshop places end; their waiting lists move up.
      const std::string released_on =
          written->Text("released_on").value_or(FormatDate(context_.Today()));
      VINCULO_RETURN_IF_ERROR(
          EndWorkshopPlaces(txn, id, 0, EnrolmentStatus::kReleased, released_on, context_.Now()));
      // Her visits still to come are flagged wherever they are shown (issue 15).
      VINCULO_RETURN_IF_ERROR(visit_store::FlagParentVisitsFrom(
                                  txn, id, released_on, 0, kReviewParentReleased, context_.Now())
                                  .status());
    }
    auto visible = txn.Visible(kind, id, actor);
    if (!visible.ok()) return visible.status();
    if (!*visible) {
      return Forbidden("the change would move the " + KindText(kind) + " out of your organisation",
                       "organisation_id");
    }
    if (kind.audited) {
      std::string fields;
      for (const auto& change : changes) fields += (fields.empty() ? "" : ",") + change.first;
      VINCULO_RETURN_IF_ERROR(txn.AppendAudit({Event(actor, "update", kind, id, fields)}));
    }
    updated = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Present(actor, kind, updated);
  return updated;
}

Result<Record> RecordService::SetArchived(const Actor& actor, const RecordKind& kind, long long id,
                                          long long expected_version, bool archived) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kWrite));
  if (!kind.archivable) return Forbidden(std::string(kind.name) + " cannot be archived");
  Record result;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto current = txn.Get(kind, id, actor);
    if (!current.ok()) return current.status();
    const long long rule_jurisdiction =
        IsRule(kind) ? current->Integer("jurisdiction_id").value_or(0) : 0;
    if (rule_jurisdiction) {
      if (!archived && !current->Text("effective_from")) {
        VINCULO_RETURN_IF_ERROR(CheckOneOpenEndedRule(txn, rule_jurisdiction, id));
      }
      VINCULO_RETURN_IF_ERROR(KeepMissingAgeOutDecisions(txn, context_, rule_jurisdiction));
    }
    auto written = txn.SetArchived(kind, id, expected_version, archived, context_.Now());
    if (!written.ok()) return written.status();
    if (rule_jurisdiction) {
      VINCULO_RETURN_IF_ERROR(
          ProposeAgeOutChanges(txn, actor, context_, rule_jurisdiction,
                               RuleVersionReason(id, archived ? "archived" : "restored")));
    }
    if (kind.audited) {
      VINCULO_RETURN_IF_ERROR(
          txn.AppendAudit({Event(actor, archived ? "archive" : "restore", kind, id)}));
    }
    result = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Present(actor, kind, result);
  return result;
}

Result<std::vector<Placement>> RecordService::Placements(const Actor& actor, long long child_id) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, ChildKind(), Access::kRead));
  std::vector<Placement> placements;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto child = txn.Get(ChildKind(), child_id, actor);
    if (!child.ok()) return child.status();
    auto rows = txn.Placements(child_id);
    if (!rows.ok()) return rows.status();
    placements = std::move(*rows);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  context_.audit->RecordRead(Event(actor, "read", ChildKind(), child_id, "placements"));
  return placements;
}

Result<Record> RecordService::ChangePlacement(const Actor& actor, long long child_id,
                                              long long expected_version,
                                              const PlacementChange& change) {
  const RecordKind& kind = ChildKind();
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kWrite));
  auto started = ParseDate(change.started_on, "started_on");
  if (!started.ok()) return started.status();
  if (*started > context_.Today()) {
    return InvalidArgument("started_on", "a placement change cannot be recorded ahead of time");
  }
  Record result;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto current = txn.Get(kind, child_id, actor);
    if (!current.ok()) return current.status();
    if (current->version != expected_version) {
      return Status(StatusCode::kPreconditionFailed,
                    "the child was changed by someone else (now version " +
                        std::to_string(current->version) + ")");
    }
    auto history = txn.Placements(child_id);
    if (!history.ok()) return history.status();
    if (!history->empty() && change.started_on < history->back().started_on) {
      return InvalidArgument("started_on", "is before the start of the current placement (" +
                                               history->back().started_on + ")");
    }
    FieldValues placement_fields = {
        {"placement", change.placement},
        {"facility_id", change.facility_id ? Value{*change.facility_id} : Value{}},
        {"home_id", change.home_id ? Value{*change.home_id} : Value{}}};
    if (change.organisation_id) placement_fields["organisation_id"] = *change.organisation_id;
    // An exception belongs to the placement it was given with.
    placement_fields["coresidence_exception"] =
        change.coresidence_exception ? Value{*change.coresidence_exception} : Value{};
    // The placement fields are immutable to PATCH; validate them as a create
    // of the merged record so the kind's rules still apply.
    FieldValues merged = current->values;
    for (const auto& [name, value] : placement_fields) merged[name] = value;
    merged.erase("pseudonym");
    VINCULO_RETURN_IF_ERROR(ValidateRecordWrite(kind, merged, nullptr, context_.Today()));
    VINCULO_RETURN_IF_ERROR(CheckOrganisationFiling(actor, kind, placement_fields, &*current));
    VINCULO_RETURN_IF_ERROR(CheckReferences(txn, actor, kind, placement_fields));
    VINCULO_RETURN_IF_ERROR(CheckLivingInside(txn, actor, context_, child_id, merged, *started));
    VINCULO_RETURN_IF_ERROR(CheckPlacementWithReleasedParent(txn, actor, child_id, merged));
    VINCULO_RETURN_IF_ERROR(txn.ClosePlacement(child_id, change.started_on));
    Placement next;
    next.child_id = child_id;
    next.placement = change.placement;
    next.facility_id = change.facility_id;
    next.home_id = change.home_id;
    next.organisation_id =
        change.organisation_id ? change.organisation_id : current->Integer("organisation_id");
    next.started_on = change.started_on;
    next.note = change.note;
    next.recorded_by = actor.user_id;
    next.created_at = context_.Now();
    auto inserted = txn.InsertPlacement(next);
    if (!inserted.ok()) return inserted.status();
    auto written = txn.Update(kind, child_id, expected_version, placement_fields, context_.Now());
    if (!written.ok()) return written.status();
    // Inside: a new age-out decision for the new stay; outside: none kept.
    VINCULO_RETURN_IF_ERROR(KeepAgeOutDecision(txn, actor, context_, child_id, "placement"));
    VINCULO_RETURN_IF_ERROR(
        txn.AppendAudit({Event(actor, "update", kind, child_id, "placement:" + change.placement)}));
    result = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Present(actor, kind, result);
  return result;
}

Result<std::vector<Transfer>> RecordService::Transfers(const Actor& actor, long long parent_id) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, ParentKind(), Access::kRead));
  std::vector<Transfer> transfers;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto parent = txn.Get(ParentKind(), parent_id, actor);
    if (!parent.ok()) return parent.status();
    auto rows = txn.Transfers(parent_id);
    if (!rows.ok()) return rows.status();
    transfers = std::move(*rows);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  context_.audit->RecordRead(Event(actor, "read", ParentKind(), parent_id, "transfers"));
  return transfers;
}

Result<Record> RecordService::TransferParent(const Actor& actor, long long parent_id,
                                             long long expected_version,
                                             const TransferRequest& request) {
  const RecordKind& kind = ParentKind();
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, kind, Access::kWrite));
  auto on = ParseDate(request.transferred_on, "transferred_on");
  if (!on.ok()) return on.status();
  if (*on > context_.Today()) {
    return InvalidArgument("transferred_on", "a transfer cannot be recorded ahead of time");
  }
  if (request.to_facility_id <= 0) {
    return InvalidArgument("to_facility_id", "is required").Because(Refusal::kValueRequired);
  }
  Record result;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto current = txn.Get(kind, parent_id, actor);
    if (!current.ok()) return current.status();
    if (current->version != expected_version) {
      return Status(StatusCode::kPreconditionFailed,
                    "the parent was changed by someone else (now version " +
                        std::to_string(current->version) + ")");
    }
    const long long from = current->Integer("facility_id").value_or(0);
    if (from == request.to_facility_id) {
      return InvalidArgument("to_facility_id", "the parent is already held in that facility");
    }
    if (auto admitted = current->Text("admission_date");
        admitted && request.transferred_on < *admitted) {
      return InvalidArgument("transferred_on", "is before the admission date " + *admitted);
    }
    auto destination = txn.Get(FacilityKind(), request.to_facility_id, actor);
    if (!destination.ok() || destination->archived) {
      return InvalidArgument("to_facility_id", "there is no open facility with id " +
                                                   std::to_string(request.to_facility_id));
    }
    Transfer transfer;
    transfer.parent_id = parent_id;
    transfer.from_facility_id = from;
    transfer.to_facility_id = request.to_facility_id;
    transfer.transferred_on = request.transferred_on;
    transfer.reason = request.reason;
    transfer.recorded_by = actor.user_id;
    transfer.created_at = context_.Now();
    auto inserted = txn.InsertTransfer(transfer);
    if (!inserted.ok()) return inserted.status();
    // The wing belonged to the old facility.
    auto written =
        txn.Update(kind, parent_id, expected_version,
                   {{"facility_id", request.to_facility_id}, {"wing_id", Value{}}}, context_.Now());
    if (!written.ok()) return written.status();
    // Her workshop places at the old facility end; their waiting lists move up.
    VINCULO_RETURN_IF_ERROR(EndWorkshopPlaces(txn, parent_id, request.to_facility_id,
                                              EnrolmentStatus::kTransferred, request.transferred_on,
                                              context_.Now()));
    // Her visits still to come at another facility are flagged wherever they
    // are shown (issue 15).
    VINCULO_RETURN_IF_ERROR(visit_store::FlagParentVisitsFrom(
                                txn, parent_id, request.transferred_on, request.to_facility_id,
                                kReviewParentTransferred, context_.Now())
                                .status());
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit(
        {Event(actor, "transfer", kind, parent_id,
               std::to_string(from) + "->" + std::to_string(request.to_facility_id))}));
    // A facility user who transfers a parent away no longer sees the parent;
    // the answer is the written record all the same: they just did it.
    result = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Present(actor, kind, result);
  return result;
}

Result<RecordService::Siblings> RecordService::SiblingsOf(const Actor& actor, long long child_id) {
  VINCULO_RETURN_IF_ERROR(CheckKindAccess(actor, ChildKind(), Access::kRead));
  Siblings siblings;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto child = txn.Get(ChildKind(), child_id, actor);
    if (!child.ok()) return child.status();
    auto visible = txn.Siblings(child_id, actor);
    if (!visible.ok()) return visible.status();
    siblings.visible = std::move(*visible);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (Record& sibling : siblings.visible) {
    context_.audit->RecordRead(Event(actor, "list", ChildKind(), sibling.id, "sibling"));
    Present(actor, ChildKind(), sibling);
  }
  return siblings;
}

// Reference data is read by everyone, but its trail tells what its own
// people did (a facility's blocked days, who changed a wing): an
// installation administrator reads every one, a facility's administrators
// (MayActForFacility) those of the facility, its wings and spaces, an
// organisation's those of the organisation (issue 13).
static Status MayReadReferenceTrail(Txn& txn, const Actor& actor, const RecordKind& kind,
                                    long long id) {
  if (kind.scope != ScopeRule::kReference || actor.IsGlobal()) return Status::Ok();
  if (&kind == &OrganisationKind() && actor.organisation_id == id) return Status::Ok();
  long long facility_id = 0;
  if (&kind == &FacilityKind()) {
    facility_id = id;
  } else if (&kind == &WingKind() || &kind == &SpaceKind()) {
    VINCULO_ASSIGN_OR_RETURN(Record record, txn.Get(kind, id, Actor::System()));
    facility_id = record.Integer("facility_id").value_or(0);
  }
  if (facility_id) {
    VINCULO_ASSIGN_OR_RETURN(Record facility,
                             txn.Get(FacilityKind(), facility_id, Actor::System()));
    return MayActForFacility(actor, facility);
  }
  return Forbidden("only an installation administrator reads the audit trail of " +
                   std::string(kind.name));
}

Result<std::vector<AuditEvent>> RecordService::AuditTrail(const Actor& actor,
                                                          const RecordKind& kind, long long id,
                                                          int limit) {
  if (!Allows(actor.role, Permission::kReadAuditTrail))
    return Forbidden("only administrators read the audit log");
  // Reads queued a moment ago belong in the answer.
  context_.audit->Flush();
  std::vector<AuditEvent> events;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto visible = txn.Visible(kind, id, actor);
    if (!visible.ok()) return visible.status();
    if (!*visible) return NotFound("no " + KindText(kind) + " with id " + std::to_string(id));
    VINCULO_RETURN_IF_ERROR(MayReadReferenceTrail(txn, actor, kind, id));
    auto trail = txn.AuditTrail(std::string(kind.name), id, limit);
    if (!trail.ok()) return trail.status();
    events = std::move(*trail);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return events;
}

}  // namespace vinculo
