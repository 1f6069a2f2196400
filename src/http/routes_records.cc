// The operations on every record kind (/api/v1/{kind}[/{id}]) and the operations that
// keep history: placements, transfers, siblings, and a record's audit trail.
#include <charconv>

#include "common/text_fold.h"
#include "common/utf8.h"
#include "http/operation.h"
#include "json/account_json.h"
#include "json/record_json.h"
#include "service/csv_exchange.h"
#include "service/nursery_service.h"

namespace vinculo::http_internal {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

Result<int> ParsePositive(const std::string& text, const char* name, int max_value) {
  int number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 1 ||
      number > max_value) {
    return InvalidArgument(name, "must be a whole number from 1 to " + std::to_string(max_value));
  }
  return number;
}

Result<ListQuery> ListQueryFrom(const RecordKind& kind, const httplib::Request& request) {
  ListQuery query;
  query.limit = kDefaultPageSize;
  for (const auto& [name, text] : request.params) {
    if (name == "limit") {
      auto limit = ParsePositive(text, "limit", kMaxPageSize);
      if (!limit.ok()) return limit.status();
      query.limit = *limit;
    } else if (name == "cursor") {
      auto cursor = ParsePositive(text, "cursor", std::numeric_limits<int>::max());
      if (!cursor.ok()) return InvalidArgument("cursor", "is not a cursor this server gave out");
      query.after_id = *cursor;
    } else if (name == "q") {
      if (text.size() > kMaxSearchBytes) {
        return InvalidArgument("q", "is longer than " + std::to_string(kMaxSearchBytes) +
                                        " bytes; search with fewer words")
            .Because(Refusal::kTextTooLong);
      }
      if (!IsValidUtf8(text)) return InvalidArgument("q", "is not valid UTF-8");
      query.search = text;
    } else if (name == "archived") {
      if (text == "false" || text == "active") {
        query.archived = ArchivedFilter::kActive;
      } else if (text == "true" || text == "archived") {
        query.archived = ArchivedFilter::kArchived;
      } else if (text == "all") {
        query.archived = ArchivedFilter::kAll;
      } else {
        return InvalidArgument("archived", "must be false, true or all");
      }
    } else {
      const FieldSpec* spec = kind.Field(name);
      if (!spec || !spec->filterable) {
        return InvalidArgument(name, "is not a filter of " + std::string(kind.name));
      }
      auto value = ValueFromText(*spec, text);
      if (!value.ok()) return value.status();
      query.filters[name] = std::move(*value);
    }
  }
  return query;
}

// Written straight to text (RecordJsonText): the same bytes as the JSON
// object's dump, without building it.
Reply RecordReply(const RecordKind& kind, const Record& record, int status = 200) {
  Reply reply;
  reply.status = status;
  reply.raw_content_type = "application/json";
  reply.raw_body = RecordJsonText(record);
  reply.etag_version = record.version;
  if (status == 201)
    reply.location = "/api/v1/" + std::string(kind.name) + "/" + std::to_string(record.id);
  return reply;
}

// {"items":[...],"next_cursor":...} as text, the records by RecordJsonText
// (the same bytes as dumping the JSON object).
Result<Reply> ListRecords(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(ListQuery query, ListQueryFrom(*call.kind, call.request));
  VINCULO_ASSIGN_OR_RETURN(Page page, call.services.records.List(call.user(), *call.kind, query));
  Reply reply;
  reply.raw_content_type = "application/json";
  std::string& text = reply.raw_body;
  text = "{\"items\":[";
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) text.push_back(',');
    text += RecordJsonText(page.items[i]);
  }
  text += "],\"next_cursor\":";
  text += page.next_after_id ? "\"" + std::to_string(*page.next_after_id) + "\"" : "null";
  text.push_back('}');
  return reply;
}

// GET /api/v1/{kind}/export: the records as ExportSheet reads them
// (service/csv_exchange.h), written as the query asks.
Result<Reply> ExportRecordsReply(Call& call) {
  ExportOptions options;
  options.with_names = call.QueryBool("with_names").value_or(false);
  const std::string archived = call.QueryText("archived");
  options.archived = archived == "true"  ? ArchivedFilter::kArchived
                     : archived == "all" ? ArchivedFilter::kAll
                                         : ArchivedFilter::kActive;
  VINCULO_ASSIGN_OR_RETURN(Sheet sheet,
                           ExportSheet(call.services.records, call.user(), *call.kind, options));
  return SheetReply(call, sheet, std::string(call.kind->name));
}

// A child's own record carries her age-out date and the rule behind it while
// she lives inside (issue 15), as the nursery board computes them; null
// otherwise: every reply of one child (OneRecordReply), never a list, which
// would compute a board.
Status AddAgeOut(Call& call, Record& child) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutRow> row,
                           NurseryService(call.services.context).ChildAgeOut(call.user(), child));
  FieldValues age_out = {{"age_out_date", Value{}},          {"age_out_basis", Value{}},
                         {"age_out_rule_id", Value{}},       {"age_out_max_age_months", Value{}},
                         {"age_out_source", Value{}},        {"age_out_problem", Value{}},
                         {"age_out_policy", Value{}},        {"age_out_decided_at", Value{}},
                         {"age_out_proposal_id", Value{}},   {"age_out_proposal_version", Value{}},
                         {"age_out_proposed_date", Value{}}, {"age_out_proposal_reason", Value{}}};
  // The kept decision (issue 15) and a proposal waiting for a person.
  if (row && row->decision) {
    age_out["age_out_policy"] = row->decision->policy;
    age_out["age_out_decided_at"] = row->decision->decided_at;
  }
  if (row && row->proposal) {
    age_out["age_out_proposal_id"] = row->proposal->id;
    age_out["age_out_proposal_version"] = row->proposal->version;
    age_out["age_out_proposed_date"] = row->proposal->proposed_date;
    age_out["age_out_proposal_reason"] = row->proposal->reason;
  }
  if (row && row->age_out) {
    const AgeOut& decided = *row->age_out;
    age_out["age_out_date"] = FormatDate(decided.age_out_date);
    age_out["age_out_basis"] = std::string(AgeOutBasisName(decided.basis));
    if (decided.rule_id) age_out["age_out_rule_id"] = decided.rule_id;
    if (decided.max_age_months) {
      age_out["age_out_max_age_months"] = static_cast<long long>(*decided.max_age_months);
    }
    age_out["age_out_source"] = decided.source;
  } else if (row) {
    age_out["age_out_problem"] = row->problem;
  }
  for (auto& [name, value] : age_out) child.values[name] = std::move(value);
  return Status::Ok();
}

// A record as the reply to any operation on one record: a child's carries
// her age-out fields whichever operation answers (read, create, change,
// archive, placement), so that every reply has the same shape.
Result<Reply> OneRecordReply(Call& call, const RecordKind& kind, Record record, int status = 200) {
  if (&kind == &ChildKind()) VINCULO_RETURN_IF_ERROR(AddAgeOut(call, record));
  return RecordReply(kind, record, status);
}

Handler SetArchived(bool archive) {
  return [archive](Call& call) -> Result<Reply> {
    VINCULO_ASSIGN_OR_RETURN(Record record,
                             call.services.records.SetArchived(call.user(), *call.kind, call.id(),
                                                               call.version, archive));
    return OneRecordReply(call, *call.kind, std::move(record));
  };
}

Result<Reply> ChangePlacement(Call& call) {
  PlacementChange change;
  change.placement = call.body.Text("placement");
  change.started_on = call.body.Text("started_on");
  change.facility_id = call.body.OptionalInteger("facility_id");
  change.home_id = call.body.OptionalInteger("home_id");
  change.organisation_id = call.body.OptionalInteger("organisation_id");
  change.note = call.body.Text("note");
  change.coresidence_exception = call.body.OptionalText("coresidence_exception");
  VINCULO_ASSIGN_OR_RETURN(Record child, call.services.records.ChangePlacement(
                                             call.user(), call.id(), call.version, change));
  return OneRecordReply(call, ChildKind(), std::move(child));
}

Result<Reply> TransferParent(Call& call) {
  TransferRequest transfer{call.body.Integer("to_facility_id"), call.body.Text("transferred_on"),
                           call.body.Text("reason")};
  VINCULO_ASSIGN_OR_RETURN(Record parent, call.services.records.TransferParent(
                                              call.user(), call.id(), call.version, transfer));
  return RecordReply(ParentKind(), parent);
}

Field RecordId(std::string name) {
  return Optional(std::move(name), ValueType::kId).Range(1, std::numeric_limits<long long>::max());
}

// The generic operations, one row each for every kind ("{kind}"); the
// document lists them per kind.
std::vector<Operation> KindOperations() {
  const std::string base = "/api/v1/{kind}";
  return {
      {.method = "GET",
       .path = base,
       .operation_id = "list",
       .tag = "",
       .summary = "List {kinds}",
       .description = "Pages of {kinds} in id order, within the caller's scope. Equality filters: "
                      "{filters}. Unknown query parameters are a 422.",
       .open_query = true,
       .reply = "page",
       .handler = ListRecords},
      {.method = "POST",
       .path = base,
       .operation_id = "create",
       .summary = "Create {a kind}",
       .description = "Creates {a kind} at version 1. Every required field must be given; "
                      "referenced records must exist and be visible to the caller (422 naming the "
                      "field otherwise); the new record must fall inside the caller's scope (403).",
       .body = BodyKind::kRecord,
       .status = 201,
       .reply = "record",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             Record created,
             call.services.records.Create(call.user(), *call.kind, std::move(call.values)));
         return OneRecordReply(call, *call.kind, std::move(created), 201);
       }},
      {.method = "GET",
       .path = base + "/export",
       .operation_id = "export",
       .tag = "",
       .summary = "Export {kinds} as CSV or XLSX",
       .description =
           "Every {kind} in the caller's scope, in id order, as a spreadsheet: the columns are id "
           "and the fields the caller's role sees. Children appear under their pseudonym, and "
           "date of birth, address, coordinates, school and offence category are left empty, "
           "unless with_names=true (roles that read case records only: 403 otherwise). Every "
           "child or parent exported is an audited read.",
       .query =
           {Optional("format", ValueType::kText, "csv (default) or xlsx.").OneOf({"csv", "xlsx"}),
            Optional("with_names", ValueType::kBoolean,
                     "Real names and identifying fields (not for auditors)."),
            Optional("archived", ValueType::kText,
                     "false (default): active records; true: archived; all.")
                .OneOf({"false", "true", "all"}),
            ByteOrderMarkField(), SeparatorField()},
       .reply_type = "text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       .handler = ExportRecordsReply},
      {.method = "GET",
       .path = base + "/{id}",
       .operation_id = "get",
       .summary = "Read {a kind}",
       .description =
           "Archived records are returned too. A record outside the caller's scope is a 404.",
       .reply = "record",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(Record record,
                                  call.services.records.Get(call.user(), *call.kind, call.id()));
         return OneRecordReply(call, *call.kind, std::move(record));
       }},
      {.method = "PATCH",
       .path = base + "/{id}",
       .operation_id = "update",
       .summary = "Change {a kind}",
       .description = "Changes the fields sent and leaves the others; needs If-Match with the "
                      "version read. The merged record is checked against the kind's rules.",
       .if_match = true,
       .body = BodyKind::kRecordPatch,
       .reply = "record",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             Record updated, call.services.records.Update(call.user(), *call.kind, call.id(),
                                                          call.version, std::move(call.values)));
         return OneRecordReply(call, *call.kind, std::move(updated));
       }},
      {.method = "POST",
       .path = base + "/{id}/archive",
       .operation_id = "archive",
       .summary = "Archive {a kind}",
       .description = "Marks the record archived (it leaves the default lists but keeps its "
                      "history). Needs If-Match; no request body. Bumps the version.",
       .if_match = true,
       .reply = "record",
       .handler = SetArchived(true)},
      {.method = "POST",
       .path = base + "/{id}/restore",
       .operation_id = "restore",
       .summary = "Restore an archived {kind}",
       .description =
           "Marks the record active again. Needs If-Match; no request body. Bumps the version.",
       .if_match = true,
       .reply = "record",
       .handler = SetArchived(false)},
      {.method = "GET",
       .path = base + "/{id}/audit",
       .operation_id = "audit",
       .summary = "Read the audit trail of {a kind}",
       .description =
           "Who read or changed the record, newest first, at most 500 events. Administrators only "
           "(403 for other roles), and only for records in their scope (404 otherwise).",
       .roles = RolesWith(Permission::kReadAuditTrail),
       .reply = "items:AuditEvent",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto trail, call.services.records.AuditTrail(call.user(), *call.kind, call.id(), 500));
         return ItemsReply(trail, AuditEventToJson);
       }},
  };
}

// The operations that keep history: placements, transfers, siblings.
std::vector<Operation> HistoryOperations() {
  using V = ValueType;
  return {
      {.method = "POST",
       .path = "/api/v1/children/{id}/parents",
       .operation_id = "registerParentOfChild",
       .tag = "Children",
       .summary = "Register a parent of a child and link them, in one step",
       .description =
           "The body is the new parent's record, as for POST /parents; `relation` (query) is "
           "what she is to the child. The parent and her link to the child are written in one "
           "transaction: a refused parent or a refused link (e.g. the child already has this "
           "parent) writes nothing, so sending again never registers her twice. The reply is the "
           "new parent. Users who may write parents and read the child; a child the caller "
           "cannot see is a 404.",
       .roles = RolesWith(ParentKind(), Access::kWrite),
       .query = {Required("relation", V::kText, "what the parent is to the child")
                     .OneOf(ChoicesOf(*ParentChildLinkKind().Field("relation")))},
       .body = BodyKind::kRecord,
       .record_kind = "parents",
       .status = 201,
       .reply = "record",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             Record created,
             call.services.records.RegisterParentOf(
                 call.user(), call.id(), call.QueryText("relation"), std::move(call.values)));
         return OneRecordReply(call, ParentKind(), std::move(created), 201);
       }},
      {.method = "GET",
       .path = "/api/v1/children/{id}/placements",
       .operation_id = "listChildPlacements",
       .tag = "Children",
       .summary = "List a child's placements",
       .description = "The child's placement history, oldest first (by started_on); the current "
                      "placement has ended_on null. Written to the audit log as a read.",
       .roles = RolesWith(ChildKind(), Access::kRead),
       .reply = "items:Placement",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows,
                                  call.services.records.Placements(call.user(), call.id()));
         return ItemsReply(rows, PlacementToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/placements",
       .operation_id = "changeChildPlacement",
       .tag = "Children",
       .summary = "Record a placement change",
       .description =
           "Closes the current placement on started_on and opens a new one; sets the child's "
           "placement, facility_id and home_id (and organisation_id when given). Needs If-Match "
           "with the child's version. started_on cannot be in the future nor before the start of "
           "the current placement. The child's rules apply to the result (inside_with_mother needs "
           "facility_id, care_home needs home_id). A move to live inside a facility marked "
           "without a nursery, or in a jurisdiction whose rule in force on started_on does not "
           "allow co-residence, is a 422 naming facility_id, unless an administrator gives "
           "coresidence_exception. with_released_parent (back with her parent after the "
           "release) needs a parent linked to the child whose release is recorded, else 422 "
           "naming placement (code no_released_parent). Written to the audit log.",
       .request = "PlacementChange",
       .roles = RolesWith(ChildKind(), Access::kWrite),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields =
           {Required("placement", V::kText),
            Required(
                "started_on", V::kDate,
                "YYYY-MM-DD; not in the future, not before the start of the current placement."),
            RecordId("facility_id"), RecordId("home_id"), RecordId("organisation_id"),
            Optional("note", V::kText),
            Optional("coresidence_exception", V::kText,
                     "Administrators only: the documented reason for a move to live inside where "
                     "the law in force on started_on or the facility (no nursery) would refuse "
                     "it. Left out: none, and such a move is a 422 naming facility_id.")},
       .reply = "Child",
       .errors = {409},
       .handler = ChangePlacement},
      {.method = "GET",
       .path = "/api/v1/children/{id}/siblings",
       .operation_id = "listChildSiblings",
       .tag = "Children",
       .summary = "List a child's siblings",
       .description =
           "Children who share a parent with this child (through parent-child links) and whom the "
           "caller may see. Each sibling is written to the audit log as a read.",
       .roles = RolesWith(ChildKind(), Access::kRead),
       .reply = "items:Child",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto siblings,
                                  call.services.records.SiblingsOf(call.user(), call.id()));
         return ItemsReply(siblings.visible, RecordToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/parents/{id}/transfers",
       .operation_id = "listParentTransfers",
       .tag = "Parents",
       .summary = "List a parent's transfers",
       .description = "The parent's transfers between facilities, oldest first (by "
                      "transferred_on). Written to the audit log as a read.",
       .roles = RolesWith(ParentKind(), Access::kRead),
       .reply = "items:Transfer",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows,
                                  call.services.records.Transfers(call.user(), call.id()));
         return ItemsReply(rows, TransferToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/parents/{id}/transfers",
       .operation_id = "transferParent",
       .tag = "Parents",
       .summary = "Transfer a parent to another facility",
       .description =
           "Records a transfer and moves the parent to to_facility_id (clearing wing_id, which "
           "belonged to the old facility). Needs If-Match with the parent's version. "
           "transferred_on cannot be in the future nor before admission_date; the destination must "
           "be an open (not archived) facility other than the current one. Written to the audit "
           "log. A facility user who transfers a parent away gets the written record back but no "
           "longer sees the parent afterwards.",
       .request = "TransferRequest",
       .roles = RolesWith(ParentKind(), Access::kWrite),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {Required("to_facility_id", V::kId, "An open facility other than the current one.")
                      .Range(1, std::numeric_limits<long long>::max()),
                  Required(
                      "transferred_on", V::kDate,
                      "YYYY-MM-DD; not in the future, not before the parent's admission_date."),
                  Optional("reason", V::kText)},
       .reply = "Parent",
       .errors = {409},
       .handler = TransferParent},
  };
}

}  // namespace

std::vector<Operation> RecordOperations() {
  return Concatenated({KindOperations, HistoryOperations});
}

}  // namespace vinculo::http_internal
