// The operations of the prison nursery: the age-out board, a child's
// admission and co-residence extensions, pregnancies, and the 12-month
// forecast.
#include "http/operation.h"
#include "json/nursery_json.h"
#include "json/record_json.h"
#include "service/nursery_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

NurseryService Nursery(const Call& call) { return NurseryService(call.services.context); }

Result<Reply> AgeOuts(Call& call) {
  AgeOutQuery query;
  query.facility_id = call.QueryInteger("facility_id");
  if (auto within = call.QueryInteger("within_days")) query.within_days = static_cast<int>(*within);
  query.as_of = call.QueryDate("as_of");
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutRow> board,
                           Nursery(call).AgeOutBoard(call.user(), query));
  return ItemsReply(board, AgeOutRowToJson);
}

Result<Reply> Forecast(Call& call) {
  ForecastQuery query;
  query.facility_id = call.QueryInteger("facility_id");
  query.from_month = call.services.context.Today();
  if (call.HasQuery("from")) query.from_month = *ParseDate(call.QueryText("from") + "-01");
  if (auto months = call.QueryInteger("months")) query.months = static_cast<int>(*months);
  VINCULO_ASSIGN_OR_RETURN(std::vector<ForecastMonth> forecast,
                           Nursery(call).Forecast(call.user(), query));
  return ItemsReply(forecast, ForecastMonthToJson);
}

Result<Reply> RecordAdmission(Call& call) {
  AdmissionRequest admission{call.body.Text("admitted_on"), call.body.OptionalText("review_date")};
  VINCULO_ASSIGN_OR_RETURN(NurseryAdmission stored,
                           Nursery(call).RecordAdmission(call.user(), call.id(), admission));
  return JsonReply(AdmissionToJson(stored));
}

Result<Reply> RequestExtension(Call& call) {
  ExtensionRequest extension{call.body.Text("reason"), call.body.Text("new_age_out_date")};
  VINCULO_ASSIGN_OR_RETURN(ExtensionRow stored,
                           Nursery(call).RequestExtension(call.user(), call.id(), extension));
  return JsonReply(ExtensionToJson(stored), 201);
}

Result<Reply> DecideExtension(Call& call) {
  ExtensionDecision decision{
      call.body.Text("decision") == ExtensionStatusName(ExtensionStatus::kApproved),
      call.body.Text("note")};
  VINCULO_ASSIGN_OR_RETURN(ExtensionRow decided,
                           Nursery(call).DecideExtension(call.user(), call.id(), decision));
  return JsonReply(ExtensionToJson(decided));
}

Result<Reply> AgeOutProposals(Call& call) {
  AgeOutProposalQuery query;
  query.facility_id = call.QueryInteger("facility_id");
  query.child_id = call.QueryInteger("child_id");
  if (call.HasQuery("status")) query.status = call.QueryText("status");
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutProposalRow> proposals,
                           Nursery(call).AgeOutProposals(call.user(), query));
  return ItemsReply(proposals, AgeOutProposalToJson);
}

Handler DecideAgeOutProposal(bool accept) {
  return [accept](Call& call) -> Result<Reply> {
    VINCULO_ASSIGN_OR_RETURN(
        AgeOutProposalRow decided,
        Nursery(call).DecideAgeOutProposal(call.user(), call.id(), call.version, accept));
    return VersionedReply(decided, AgeOutProposalToJson);
  };
}

Result<Reply> RegisterPregnancy(Call& call) {
  PregnancyRequest pregnancy{call.body.Integer("parent_id"), call.body.Text("due_date")};
  VINCULO_ASSIGN_OR_RETURN(PregnancyRow stored,
                           Nursery(call).RegisterPregnancy(call.user(), pregnancy));
  return JsonReply(PregnancyToJson(stored), 201);
}

// Only one facility's children: a filter of the board, the proposals and the forecast.
Field FacilityFilter() { return Optional("facility_id", V::kId, "Only this facility."); }

// The age-out board, admissions, extensions and their decisions.
std::vector<Operation> NurseryBoardOperations() {
  const Field facility = FacilityFilter();
  return {
      {.method = "GET",
       .path = "/api/v1/nursery/ageouts",
       .operation_id = "listAgeOuts",
       .tag = "Nursery",
       .summary = "The age-out board",
       .description =
           "Children living inside that the caller may see (a nursery officer: her facility), "
           "sorted by days remaining until the age-out date (negative: overdue); children whose "
           "age-out cannot be computed (no rule in force, co-residence not allowed, no review date "
           "where the law sets no limit) come first with a problem. The age-out follows the "
           "jurisdiction's co-residence rule in force on the child's admission date (the default "
           "policy), a lower facility limit (nursery_max_age_months), or an approved extension. "
           "Alert levels: overdue (< 0 days), critical (<= 30), warning (<= 90), notice (<= 180), "
           "none. Auditors see figures only and get 403 here (their view is the forecast). Roles "
           "without case records see pseudonyms (name is null). One read event per request in the "
           "audit log.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {facility,
                 Optional("within_days", V::kInteger,
                          "Only age-outs at most this many days away (overdue included).")
                     .Range(0, 36500),
                 Optional("as_of", V::kDate, "Count days from this date (default: today).")},
       .reply = "items:AgeOutRow",
       .handler = AgeOuts},
      {.method = "POST",
       .path = "/api/v1/children/{id}/admission",
       .operation_id = "recordChildAdmission",
       .tag = "Nursery",
       .summary = "Record when a child living inside was admitted",
       .description = "Sets the child's admission date (which decides the co-residence rule under "
                      "the default policy) and, where the law sets no fixed limit, the individual "
                      "review date that becomes the age-out date. Without an admission the child "
                      "is taken to have lived inside since birth. Administrators, social workers "
                      "and nursery officers. Written to the audit log.",
       .request = "AdmissionRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("admitted_on", V::kDate), Optional("review_date", V::kDate)},
       .reply = "Admission",
       .handler = RecordAdmission},
      {.method = "POST",
       .path = "/api/v1/children/{id}/extensions",
       .operation_id = "requestCoresidenceExtension",
       .tag = "Nursery",
       .summary = "Request a co-residence extension",
       .description =
           "Asks for a child to stay inside until new_age_out_date. A reason is required. The "
           "request changes nothing until it is approved. Administrators, social workers and "
           "nursery officers of the child's facility. Written to the audit log.",
       .request = "ExtensionRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Optional("reason", V::kText), Required("new_age_out_date", V::kDate)},
       .status = 201,
       .reply = "Extension",
       .errors = {409},
       .handler = RequestExtension},
      {.method = "POST",
       .path = "/api/v1/extensions/{id}/decision",
       .operation_id = "decideCoresidenceExtension",
       .tag = "Nursery",
       .summary = "Approve or refuse an extension",
       .description =
           "Decides a request once: a second decision is 409. A refusal needs a note. An approved "
           "extension sets the child's age-out date on the board. Administrators, social workers "
           "and nursery officers who can see the child. Written to the audit log.",
       .request = "ExtensionDecision",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("decision", V::kText).OneOf({"approved", "refused"}),
                  Optional("note", V::kText, "Required when refusing.")},
       .reply = "Extension",
       .errors = {409},
       .handler = DecideExtension},
  };
}

// Age-out proposals, the nursery forecast and pregnancies.
std::vector<Operation> NurseryPlanningOperations() {
  const Field facility = FacilityFilter();
  return {
      {.method = "GET",
       .path = "/api/v1/nursery/ageout-proposals",
       .operation_id = "listAgeOutProposals",
       .tag = "Nursery",
       .summary = "Age-out proposals made by changes of the co-residence rules",
       .description =
           "Each child living inside keeps the age-out decided at her admission, placement inside "
           "or approved extension (date, rule version, policy). A change to her jurisdiction's "
           "rule versions (added, edited, archived, restored) never moves it: where the change "
           "would give another date or rule version it makes a proposal, at most one pending per "
           "child (a later change replaces it). Lists the proposals of the children the caller may "
           "see (a nursery officer: her facility), newest first. Auditors get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query =
           {facility, Optional("child_id", V::kId, "Only this child."),
            Optional("status", V::kText).OneOf({"pending", "accepted", "rejected", "withdrawn"})},
       .reply = "items:AgeOutProposal",
       .handler = AgeOutProposals},
      {.method = "POST",
       .path = "/api/v1/ageout-proposals/{id}/accept",
       .operation_id = "acceptAgeOutProposal",
       .tag = "Nursery",
       .summary = "Accept an age-out proposal: the child's kept date moves",
       .description =
           "The kept decision becomes the proposal's date and rule version, and the board and "
           "the child's record show it. If-Match carries the proposal's version (a later change "
           "of the rules replaced it: 412). Deciding twice is 409. Administrators, social workers "
           "and nursery officers who can see the child; another's proposal reads as not found. "
           "Written to the audit log.",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .if_match = true,
       .reply = "AgeOutProposal",
       .errors = {409, 412},
       .handler = DecideAgeOutProposal(true)},
      {.method = "POST",
       .path = "/api/v1/ageout-proposals/{id}/reject",
       .operation_id = "rejectAgeOutProposal",
       .tag = "Nursery",
       .summary = "Reject an age-out proposal: the child's kept date stays",
       .description = "As accept, but the kept decision does not change.",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .if_match = true,
       .reply = "AgeOutProposal",
       .errors = {409, 412},
       .handler = DecideAgeOutProposal(false)},
      {.method = "GET",
       .path = "/api/v1/nursery/forecast",
       .operation_id = "nurseryForecast",
       .tag = "Nursery",
       .summary = "Children, cribs and beds per facility per month",
       .description =
           "For each facility the caller may see (a nursery officer: hers) and each month from "
           "`from`: children inside on the first day of the month (children leave on their age-out "
           "date; expected births join on their due date), of them cribs (under 24 months) and "
           "beds (24 months and over), age-outs and expected births during the month.",
       .query = {facility, Optional("from", V::kMonth, "The first month, YYYY-MM."),
                 Optional("months", V::kInteger, "Number of months.").Range(1, 36)},
       .reply = "items:ForecastMonth",
       .errors = {404},
       .handler = Forecast},
      {.method = "POST",
       .path = "/api/v1/pregnancies",
       .operation_id = "registerPregnancy",
       .tag = "Nursery",
       .summary = "Register a pregnancy of a mother held inside",
       .description =
           "The expected birth joins the forecast of the mother's facility. The due date cannot be "
           "in the past nor more than 300 days away; the parent must be a woman the caller can "
           "see. Administrators, social workers and nursery officers. Written to the audit log.",
       .request = "PregnancyRequest",
       .roles = RolesWith(Permission::kWriteNurseryCase),
       .body = BodyKind::kFields,
       .fields = {Required("parent_id", V::kId), Required("due_date", V::kDate)},
       .status = 201,
       .reply = "Pregnancy",
       .errors = {409},
       .handler = RegisterPregnancy},
  };
}

}  // namespace

std::vector<Operation> NurseryOperations() {
  return Concatenated({NurseryBoardOperations, NurseryPlanningOperations});
}

}  // namespace vinculo::http_internal
