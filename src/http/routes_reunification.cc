// The operations of release and reunification (issue 15): a parent's
// reunification plan and its steps, follow-up contacts after release, the
// families due for one and an organisation's follow-up period.
#include "domain/reunification.h"
#include "http/operation.h"
#include "json/reunification_json.h"
#include "service/reunification_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

ReunificationService Reunification(const Call& call) {
  return ReunificationService(call.services.context);
}

const std::vector<std::string> kStepKinds = {
    "housing", "income", "school_place", "custody_legal", "contact_before_release", "other"};
const std::vector<std::string> kStepStatuses = {"pending", "in_progress", "done", "cancelled"};
const std::vector<std::string> kFollowUpKinds = {"home_visit", "phone", "office_meeting", "other"};

constexpr const char* kScopeNote =
    " Scoped like the parent's record: a parent (or plan, or step) of a parent the reader may "
    "not see answers 404, exactly as a missing one.";

Reply PlanReply(const ReunificationPlan& plan, int status = 200) {
  Reply reply = JsonReply(ReunificationPlanToJson(plan), status);
  reply.etag_version = plan.plan.version;
  return reply;
}

Reply StepReply(const ReunificationStep& step, int status = 200) {
  Reply reply = JsonReply(ReunificationStepToJson(step), status);
  reply.etag_version = step.row.version;
  return reply;
}

// A parent's reunification plan: opened, read, listed, closed.
std::vector<Operation> ReunificationPlanOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/parents/{id}/reunification-plan",
       .operation_id = "createReunificationPlan",
       .tag = "Families",
       .summary = "Open a reunification plan for a parent in custody",
       .description =
           std::string("A plan of steps (housing, income, school places, custody and legal "
                       "steps, more contact before release) for the parent and her children. "
                       "At most one open plan per parent: a second is 409 naming parent_id "
                       "(the database decides, so two at the same moment give one plan); a "
                       "released parent is 409 naming custody_status. Administrators, "
                       "coordinators and social workers; audited on the parent.") +
           kScopeNote,
       .request = "ReunificationPlanRequest",
       .roles = RolesWith(Permission::kWriteReunification),
       .body = BodyKind::kFields,
       .fields = {Optional("note", V::kText, "What the plan is for, in a few words.")},
       .status = 201,
       .reply = "ReunificationPlan",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto plan, Reunification(call).CreatePlan(
                                                 call.user(), call.id(), call.body.Text("note")));
         return PlanReply(plan, 201);
       }},
      {.method = "GET",
       .path = "/api/v1/parents/{id}/reunification-plan",
       .operation_id = "getReunificationPlan",
       .tag = "Families",
       .summary = "A parent's open reunification plan",
       .description =
           std::string("The open plan with its steps by due date, each with its owner and "
                       "whether it is overdue (due date passed, still pending or in "
                       "progress); 404 when the parent has no open plan. The ETag is the "
                       "plan's version (for closing it). A read event on the parent. "
                       "Auditors get 403.") +
           kScopeNote,
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "ReunificationPlan",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto plan, Reunification(call).PlanOf(call.user(), call.id()));
         return PlanReply(plan);
       }},
      {.method = "GET",
       .path = "/api/v1/reunification-plans",
       .operation_id = "listReunificationPlans",
       .tag = "Families",
       .summary = "Reunification plans of the parents the reader may see",
       .description =
           "Open plans (and closed ones with include_closed=true) of parents in the reader's "
           "scope, soonest expected release first, with their steps counted: all, still open, "
           "overdue. At most 500. One read event per parent. Auditors get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("include_closed", V::kBoolean, "Closed plans too (default false).")},
       .reply = "items:ReunificationPlanSummary",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto plans, Reunification(call).Plans(
                             call.user(), call.QueryBool("include_closed").value_or(false)));
         return ItemsReply(plans, ReunificationPlanSummaryToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/reunification-plans/{id}",
       .operation_id = "getReunificationPlanById",
       .tag = "Families",
       .summary = "A reunification plan, open or closed",
       .description = std::string("As GET /parents/{id}/reunification-plan, by the plan's id. "
                                  "Auditors get 403.") +
                      kScopeNote,
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "ReunificationPlan",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto plan, Reunification(call).Plan(call.user(), call.id()));
         return PlanReply(plan);
       }},
      {.method = "POST",
       .path = "/api/v1/reunification-plans/{id}/close",
       .operation_id = "closeReunificationPlan",
       .tag = "Families",
       .summary = "Close a reunification plan",
       .description =
           std::string("Needs If-Match with the plan's version (412 when it moved); a closed "
                       "plan is 409 naming status. The parent may then get a new plan. "
                       "Administrators, coordinators and social workers; audited.") +
           kScopeNote,
       .roles = RolesWith(Permission::kWriteReunification),
       .if_match = true,
       .reply = "ReunificationPlan",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto plan, Reunification(call).ClosePlan(call.user(), call.id(), call.version));
         return PlanReply(plan);
       }},
  };
}

// The plan's steps and who may own them.
std::vector<Operation> StepOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/reunification-plans/{id}/steps",
       .operation_id = "addReunificationStep",
       .tag = "Families",
       .summary = "Add a step to a reunification plan",
       .description =
           std::string("kind from the closed list; owner_user_id an enabled user of the plan's "
                       "organisation (a step without an owner, or with a user of another "
                       "organisation, is 422 naming owner_user_id); due_on a date; status "
                       "pending unless given. A closed plan is 409 naming status. Nothing is "
                       "written on any error. Administrators, coordinators and social "
                       "workers; audited on the parent.") +
           kScopeNote,
       .request = "ReunificationStepRequest",
       .roles = RolesWith(Permission::kWriteReunification),
       .body = BodyKind::kFields,
       .fields = {Required("kind", V::kText, "What the step arranges.").OneOf(kStepKinds),
                  Required("description", V::kText, "What is to be done."),
                  Required("owner_user_id", V::kId, "The user who answers for the step."),
                  Required("due_on", V::kDate, "When it is due."),
                  Optional("status", V::kText, "Default pending.").OneOf(kStepStatuses)},
       .status = 201,
       .reply = "ReunificationStep",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         NewReunificationStep step;
         step.kind = call.body.Text("kind");
         step.description = call.body.Text("description");
         step.owner_user_id = call.body.OptionalInteger("owner_user_id");
         step.due_on = call.body.Text("due_on");
         if (auto status = call.body.OptionalText("status")) {
           VINCULO_ASSIGN_OR_RETURN(step.status, ParseStepStatus(*status));
         }
         VINCULO_ASSIGN_OR_RETURN(auto added,
                                  Reunification(call).AddStep(call.user(), call.id(), step));
         return StepReply(added, 201);
       }},
      {.method = "GET",
       .path = "/api/v1/reunification-plans/{id}/owners",
       .operation_id = "listReunificationStepOwners",
       .tag = "Families",
       .summary = "Who may own a plan's steps",
       .description = std::string("The enabled users of the plan's organisation, for the step "
                                  "form. Administrators, coordinators and social workers.") +
                      kScopeNote,
       .roles = RolesWith(Permission::kWriteReunification),
       .reply = "items:ReunificationStepOwner",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto owners, Reunification(call).Owners(call.user(), call.id()));
         return ItemsReply(owners, StepOwnerToJson);
       }},
      {.method = "PATCH",
       .path = "/api/v1/reunification-steps/{id}",
       .operation_id = "updateReunificationStep",
       .tag = "Families",
       .summary = "Change a reunification step",
       .description =
           std::string("Any of kind, description, owner_user_id, due_on and status; absent "
                       "members keep their value. Needs If-Match with the step's version "
                       "(412 when it moved). The same checks as adding a step; a closed plan "
                       "is 409 naming status.") +
           kScopeNote,
       .request = "ReunificationStepChange",
       .roles = RolesWith(Permission::kWriteReunification),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {Optional("kind", V::kText).OneOf(kStepKinds), Optional("description", V::kText),
                  Optional("owner_user_id", V::kId), Optional("due_on", V::kDate),
                  Optional("status", V::kText).OneOf(kStepStatuses)},
       .reply = "ReunificationStep",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         ReunificationStepChange change;
         change.kind = call.body.OptionalText("kind");
         change.description = call.body.OptionalText("description");
         change.owner_user_id = call.body.OptionalInteger("owner_user_id");
         change.due_on = call.body.OptionalText("due_on");
         if (auto status = call.body.OptionalText("status")) {
           VINCULO_ASSIGN_OR_RETURN(change.status, ParseStepStatus(*status));
         }
         VINCULO_ASSIGN_OR_RETURN(auto step, Reunification(call).ChangeStep(call.user(), call.id(),
                                                                            call.version, change));
         return StepReply(step);
       }},
  };
}

// Follow-up contacts after release and the organisation's follow-up period.
std::vector<Operation> FollowUpOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/parents/{id}/follow-up-contacts",
       .operation_id = "recordFollowUpContact",
       .tag = "Families",
       .summary = "Record a contact with a family after release",
       .description =
           std::string("For a released parent (otherwise 409 naming custody_status). "
                       "contacted_on not in the future nor before the release (422 naming "
                       "it). Administrators, coordinators and social workers; audited.") +
           kScopeNote,
       .request = "FollowUpContactRequest",
       .roles = RolesWith(Permission::kWriteReunification),
       .body = BodyKind::kFields,
       .fields = {Required("contacted_on", V::kDate, "The day of the contact."),
                  Required("kind", V::kText, "How.").OneOf(kFollowUpKinds),
                  Optional("note", V::kText, "What was found.")},
       .status = 201,
       .reply = "FollowUpContact",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         FollowUpContactRequest request{call.body.Text("contacted_on"), call.body.Text("kind"),
                                        call.body.Text("note")};
         VINCULO_ASSIGN_OR_RETURN(
             auto contact, Reunification(call).RecordFollowUp(call.user(), call.id(), request));
         return JsonReply(FollowUpContactToJson(contact), 201);
       }},
      {.method = "GET",
       .path = "/api/v1/parents/{id}/follow-up-contacts",
       .operation_id = "listFollowUpContacts",
       .tag = "Families",
       .summary = "A released parent's follow-up contacts",
       .description =
           std::string("Newest first. A read event on the parent. Auditors get 403.") + kScopeNote,
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "items:FollowUpContact",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Reunification(call).FollowUps(call.user(), call.id()));
         return ItemsReply(rows, FollowUpContactToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/follow-ups-due",
       .operation_id = "followUpsDue",
       .tag = "Families",
       .summary = "Released families within their follow-up period",
       .description =
           "Released parents the reader may see whose release is at most follow_up_days ago "
           "(her organisation's period, default 180), oldest release first, each with the last "
           "contact and `due`: no contact (nor the release) in the last 30 days. At most 500. "
           "One read event per parent. Auditors get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "FollowUpList",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto list, Reunification(call).FollowUpsDue(call.user()));
         return JsonReply(FollowUpListToJson(list));
       }},
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/follow-up-settings",
       .operation_id = "getFollowUpSettings",
       .tag = "Families",
       .summary = "An organisation's follow-up period after release",
       .description =
           "follow_up_days, 180 by default (defaults true, version 1). The ETag is the version, "
           "for PUT. The organisation's users and installation administrators; users of another "
           "organisation get 404. Auditors get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .reply = "FollowUpSettings",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto settings,
                                  Reunification(call).Settings(call.user(), call.id()));
         return VersionedReply(settings, FollowUpSettingsToJson);
       }},
      {.method = "PUT",
       .path = "/api/v1/organisations/{id}/follow-up-settings",
       .operation_id = "putFollowUpSettings",
       .tag = "Families",
       .summary = "Set an organisation's follow-up period after release",
       .description =
           "follow_up_days from 0 to 1825; below 0 (or above) is 422 naming follow_up_days and "
           "nothing changes. Needs If-Match with the version read (the defaults are version 1); "
           "412 when someone else changed it meanwhile. Administrators and coordinators of the "
           "organisation; users of another organisation get 404.",
       .request = "FollowUpSettingsRequest",
       .roles = RolesWith(Permission::kSetFollowUpPeriod),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {Required("follow_up_days", V::kInteger, "Days after release.")
                      .Range(0, kFollowUpMaxDays)},
       .reply = "FollowUpSettings",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             auto settings, Reunification(call).PutSettings(call.user(), call.id(), call.version,
                                                            call.body.Integer("follow_up_days")));
         return VersionedReply(settings, FollowUpSettingsToJson);
       }},
  };
}

}  // namespace

std::vector<Operation> ReunificationOperations() {
  return Concatenated({ReunificationPlanOperations, StepOperations, FollowUpOperations});
}

}  // namespace vinculo::http_internal
