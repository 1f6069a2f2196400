// The operations of the family view (issue 15): a child's family seen
// together, and the sibling links that join children the parent links do not.
#include "http/operation.h"
#include "json/family_json.h"
#include "service/family_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

FamilyService Families(const Call& call) { return FamilyService(call.services.context); }

}  // namespace

std::vector<Operation> FamilyOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/children/{id}/family",
       .operation_id = "getFamily",
       .tag = "Families",
       .summary = "A child's family, seen together",
       .description =
           "Every child and incarcerated parent joined to this child by parent-child links and "
           "sibling links, and the caregivers of the homes the children live in; where each is "
           "now (facility, home, placement, since when); the great-circle distances between "
           "parents, between each child and each parent (home to prison) and between siblings, "
           "in km; the next planned and the last attended visit of every child-parent pair; the "
           "siblings who have not been at one visit together, nor live together, for apart_days "
           "days (default 90); and one timeline of what happened to the family, oldest first "
           "(birth, placements, admission inside, leaves and returns, visits, imprisonment, "
           "transfers, release or expected release). Scoped like its members: the family is "
           "walked only over records the reader may see, so another organisation's child or "
           "parent is simply absent; a child the reader cannot see answers 404, exactly as a "
           "missing one. Every child and parent returned is a read in the audit log. Auditors "
           "get 403 (figures only).",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("apart_days", V::kInteger,
                          "Siblings apart at least this many days are listed (default 90).")
                     .Range(1, 3650)},
       .reply = "Family",
       .handler = [](Call& call) -> Result<Reply> {
         std::optional<int> apart_days;
         if (auto days = call.QueryInteger("apart_days")) apart_days = static_cast<int>(*days);
         VINCULO_ASSIGN_OR_RETURN(FamilyView view,
                                  Families(call).Family(call.user(), call.id(), apart_days));
         return JsonReply(FamilyToJson(view));
       }},
      {.method = "GET",
       .path = "/api/v1/release-countdown",
       .operation_id = "releaseCountdown",
       .tag = "Families",
       .summary = "Parents whose release is near",
       .description =
           "Parents in custody whose expected release date is at most within_days days away "
           "(default 180), or has passed without a release recorded, soonest first, with the "
           "days to go and how many times the date moved (each value is kept: PATCH a parent's "
           "expected_release_date and the family view lists its history). Scoped like parents: "
           "an organisation's staff see the parents it follows or whose children it cares for, "
           "a prison's staff the parents held there. Each parent carries her open reunification "
           "plan (reunification_plan_id, null without one), its overdue steps and her alerts: "
           "no_plan when her release is at most alert_days away (default 90) and she has no open "
           "plan, overdue_steps when her plan has steps past their due date still pending or in "
           "progress; alerts_only=true lists only the parents with an alert. At most 500. One "
           "read event per parent. Auditors get 403.",
       .roles = RolesWith(Permission::kSeeCaseRecords),
       .query = {Optional("within_days", V::kInteger,
                          "Parents released at most this many days from today (default 180).")
                     .Range(0, 3650),
                 Optional("alert_days", V::kInteger,
                          "A release at most this many days away without a plan is an alert "
                          "(default 90).")
                     .Range(0, 3650),
                 Optional("alerts_only", V::kBoolean, "Only the parents with an alert.")},
       .reply = "items:ReleaseCountdownEntry",
       .handler = [](Call& call) -> Result<Reply> {
         std::optional<int> within_days;
         if (auto days = call.QueryInteger("within_days")) within_days = static_cast<int>(*days);
         std::optional<int> alert_days;
         if (auto days = call.QueryInteger("alert_days")) alert_days = static_cast<int>(*days);
         VINCULO_ASSIGN_OR_RETURN(auto entries, Families(call).ReleaseCountdown(
                                                    call.user(), within_days, alert_days,
                                                    call.QueryBool("alerts_only").value_or(false)));
         return ItemsReply(entries, ReleaseCountdownEntryToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/children/{id}/sibling-links",
       .operation_id = "linkSiblings",
       .tag = "Families",
       .summary = "Record that two children are siblings",
       .description =
           "For siblings the parent links do not show (a half sibling whose other parent is not "
           "in prison, siblings whose parents are not registered). Roles that change parent-child "
           "links, for two children they can see. A child linked to herself is 422 naming "
           "sibling_id (code own_sibling); a child the reader cannot see is 422 naming "
           "sibling_id; a pair linked already is 409. Nothing is written on any error; both "
           "children's audit trails record the link.",
       .request = "SiblingLinkRequest",
       .roles = RolesWith(ParentChildLinkKind(), Access::kWrite),
       .body = BodyKind::kFields,
       .fields =
           {Required("sibling_id", V::kId, "The other child."),
            Required("relation", V::kText, "full, half or step.").OneOf({"full", "half", "step"})},
       .status = 201,
       .reply = "SiblingLink",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         SiblingLinkRequest request{call.body.Integer("sibling_id"), call.body.Text("relation")};
         VINCULO_ASSIGN_OR_RETURN(auto link,
                                  Families(call).LinkSiblings(call.user(), call.id(), request));
         return JsonReply(SiblingLinkToJson(link), 201);
       }},
  };
}

}  // namespace vinculo::http_internal
