#include "json/account_json.h"

#include <nlohmann/json.hpp>

#include "domain/permissions.h"
#include "domain/record.h"
#include "json/reply_shape.h"

namespace vinculo {
namespace {

namespace rs = reply_schema;

nlohmann::json RoleChoice() {
  std::vector<std::string> names;
  for (Role role : AllRoles()) names.emplace_back(RoleName(role));
  return rs::Choice(std::move(names));
}

const char* kTimestamp = "UTC timestamp, YYYY-MM-DDTHH:MM:SSZ.";

const ReplyShape<User>& UserShape() {
  using Row = User;
  static const ReplyShape<Row> shape(
      {
          {"id", rs::Id(), MemberOf(&Row::id)},
          {"username", rs::Text(), MemberOf(&Row::username)},
          {"role", RoleChoice(), [](const Row& row) { return nlohmann::json(RoleName(row.role)); }},
          {"display_name", rs::Text(), MemberOf(&Row::display_name)},
          {"language", rs::Choice({"es", "en"}), MemberOf(&Row::language)},
          {"disabled", rs::Boolean(), MemberOf(&Row::disabled)},
          {"version",
           rs::Described(rs::Integer(),
                         "Send it in If-Match to change, disable or enable the user."),
           MemberOf(&Row::version)},
          {"created_at", rs::Described(rs::Instant(), kTimestamp), MemberOf(&Row::created_at)},
          {"organisation_id", rs::Nullable(rs::Id()),
           [](const Row& row) { return OrNull(row.organisation_id); }},
          {"facility_id", rs::Nullable(rs::Id()),
           [](const Row& row) { return OrNull(row.facility_id); }},
          {"staff_id",
           rs::Described(rs::Nullable(rs::Id()),
                         "The staff record this user is (a caregiver who escorts children); a "
                         "caregiver reads only the trips that staff record escorts, and none when "
                         "null."),
           [](const Row& row) { return OrNull(row.staff_id); }},
      },
      "A user account. The password hash is never sent.");
  return shape;
}

const ReplyShape<AuditEvent>& AuditEventShape() {
  using Row = AuditEvent;
  static const ReplyShape<Row> shape(
      {
          {"at", rs::Described(rs::Instant(), kTimestamp), MemberOf(&Row::at)},
          {"user_id", rs::Described(rs::Id(), "0 for the command line."), MemberOf(&Row::user_id)},
          {"username", rs::Text(), MemberOf(&Row::username)},
          {"action",
           rs::Described(rs::Text(),
                         "read, list, create, update, archive, restore, transfer, login, ..."),
           MemberOf(&Row::action)},
          {"record_kind", rs::Text(), MemberOf(&Row::record_kind)},
          {"record_id", rs::Id(), MemberOf(&Row::record_id)},
          {"remote_address", rs::Text(), MemberOf(&Row::remote_address)},
          {"detail",
           rs::Described(rs::Text(),
                         "For example the fields an update changed, \"placements\", or \"12->15\" "
                         "for a transfer."),
           MemberOf(&Row::detail)},
      },
      "One line of the audit log: who read or changed which record, when, from where.");
  return shape;
}

const ReplyShape<HealthView>& HealthShape() {
  static const ReplyShape<HealthView> shape({
      {"status", rs::Choice({"ok"}), [](const HealthView&) { return nlohmann::json("ok"); }},
      {"schema_version",
       rs::Described({{"type", "integer"}}, "The database schema version applied."),
       MemberOf(&HealthView::schema_version)},
      {"engine", rs::Choice({"sqlite", "postgresql"}), MemberOf(&HealthView::engine)},
  });
  return shape;
}

const ReplyShape<LoginResult>& LoginShape() {
  using Row = LoginResult;
  static const ReplyShape<Row> shape({
      {"token",
       rs::Described(rs::Text(),
                     "The session token, for Authorization: Bearer <token>. Also set as the "
                     "vinculo_session cookie."),
       MemberOf(&Row::token)},
      {"expires_at", rs::Described(rs::Instant(), kTimestamp), MemberOf(&Row::expires_at)},
      {"user", rs::Ref("User"), [](const Row& row) { return UserShape().ToJson(row.user); }},
  });
  return shape;
}

// What a role may do with each record kind, before record-level scoping.
const ReplyShape<Actor>& AccessShape() {
  static const ReplyShape<Actor> shape = [] {
    std::vector<ReplyShape<Actor>::Property> properties;
    for (const RecordKind* kind : AllRecordKinds()) {
      properties.push_back({std::string(kind->name), rs::Choice({"none", "read", "write"}),
                            [kind](const Actor& actor) {
                              const Access granted = KindAccess(actor.role, *kind);
                              return nlohmann::json(granted == Access::kWrite  ? "write"
                                                    : granted == Access::kRead ? "read"
                                                                               : "none");
                            }});
    }
    return ReplyShape<Actor>(std::move(properties));
  }();
  return shape;
}

const ReplyShape<MeView>& MeShape() {
  using Row = MeView;
  static const ReplyShape<Row> shape(
      {
          {"user_id", rs::Id(), [](const Row& me) { return nlohmann::json(me.actor.user_id); }},
          {"username", rs::Text(), [](const Row& me) { return nlohmann::json(me.actor.username); }},
          {"role", RoleChoice(),
           [](const Row& me) { return nlohmann::json(RoleName(me.actor.role)); }},
          {"language", rs::Choice({"es", "en"}),
           [](const Row& me) { return nlohmann::json(me.actor.language); }},
          {"sees_restricted_fields",
           rs::Described(rs::Boolean(),
                         "Whether restricted fields (offence_category) are visible: administrator "
                         "and social_worker."),
           [](const Row& me) { return nlohmann::json(SeesRestrictedFields(me.actor.role)); }},
          {"sees_case_records",
           rs::Described(rs::Boolean(), "false for auditors, who see figures only."),
           [](const Row& me) { return nlohmann::json(SeesCaseRecords(me.actor.role)); }},
          {"organisation_id", rs::Nullable(rs::Id()),
           [](const Row& me) { return OrNull(me.actor.organisation_id); }},
          {"facility_id", rs::Nullable(rs::Id()),
           [](const Row& me) { return OrNull(me.actor.facility_id); }},
          {"staff_id",
           rs::Described(rs::Nullable(rs::Id()), "The staff record the user is, if linked."),
           [](const Row& me) { return OrNull(me.actor.staff_id); }},
          {"access",
           rs::Described(AccessShape().Schema(),
                         "What the role may do with each record kind, before record-level "
                         "scoping."),
           [](const Row& me) { return AccessShape().ToJson(me.actor); }},
          {"capabilities",
           rs::Described(rs::ListOf(rs::Text()),
                         "The operationIds of this document the user's role may call (record "
                         "scope still applies: a record outside it reads as not found). Derived "
                         "from the server's operation tables; the web UI shows what they allow."),
           MemberOf(&Row::capabilities)},
          {"nursery_facility_ids",
           rs::Described(rs::ListOf(rs::Integer()),
                         "The facilities with a nursery whose needs and stock the user sees "
                         "(empty for a role without access). In GET and PATCH /auth/me; the web "
                         "UI offers the needs-and-donations screen only when there is one."),
           MemberOf(&Row::nursery_facility_ids)},
      },
      "The signed-in user and what the role allows.");
  return shape;
}

const ReplyShape<LoginWaitView>& LoginWaitShape() {
  using Row = LoginWaitView;
  static const ReplyShape<Row> shape({
      {"kind", rs::Choice({"account", "address"}), MemberOf(&Row::kind)},
      {"key", rs::Described(rs::Text(), "The username as typed, or the client address."),
       MemberOf(&Row::key)},
      {"failures", {{"type", "integer"}}, MemberOf(&Row::failures)},
      {"until", rs::Instant(), MemberOf(&Row::until)},
      {"locked_out", rs::Described(rs::Boolean(), "The wait is the longest (15 minutes)."),
       MemberOf(&Row::locked_out)},
  });
  return shape;
}

nlohmann::json SuppressedCount() {
  return rs::Described(rs::Nullable(rs::Integer()), "null when suppressed.");
}

const ReplyShape<CountRow>& CountShape() {
  static const ReplyShape<CountRow> shape({
      {"key", rs::Described(rs::Text(), "A placement value."), MemberOf(&CountRow::key)},
      {"count", SuppressedCount(), [](const CountRow& row) { return OrNull(row.count); }},
  });
  return shape;
}

const ReplyShape<CountRow>& FacilityCountShape() {
  static const ReplyShape<CountRow> shape({
      {"key", rs::Described(rs::Text(), "The facility's name."), MemberOf(&CountRow::key)},
      {"facility_id", rs::Id(), MemberOf(&CountRow::id)},
      {"count", SuppressedCount(), [](const CountRow& row) { return OrNull(row.count); }},
  });
  return shape;
}

const ReplyShape<FacilityOccupancy>& OccupancyShape() {
  using Row = FacilityOccupancy;
  static const ReplyShape<Row> shape({
      {"facility_id", rs::Id(), MemberOf(&Row::facility_id)},
      {"name", rs::Text(), MemberOf(&Row::name)},
      {"official_capacity", rs::Integer(), MemberOf(&Row::official_capacity)},
      {"current_population", rs::Integer(), MemberOf(&Row::current_population)},
      {"occupancy_percent",
       {{"type", "number"}, {"format", "double"}},
       MemberOf(&Row::occupancy_percent)},
  });
  return shape;
}

const ReplyShape<SummaryFigures>& SummaryShape() {
  using Row = SummaryFigures;
  static const ReplyShape<Row> shape({
      {"as_of", rs::Described(rs::Instant(), kTimestamp), MemberOf(&Row::as_of)},
      {"small_cells_suppressed_below",
       rs::Described(rs::Nullable({{"type", "integer"}}),
                     "5 when counts from 1 to 4 are suppressed (auditors); null otherwise."),
       [](const Row& row) {
         return row.suppressed_small_cells ? nlohmann::json(kSmallCellThreshold)
                                           : nlohmann::json(nullptr);
       }},
      {"children_by_placement", rs::ListOf(CountShape().Schema()),
       [](const Row& row) { return CountShape().List(row.children_by_placement); }},
      {"children_inside_by_facility", rs::ListOf(FacilityCountShape().Schema()),
       [](const Row& row) { return FacilityCountShape().List(row.children_inside_by_facility); }},
      {"parents_by_facility", rs::ListOf(FacilityCountShape().Schema()),
       [](const Row& row) { return FacilityCountShape().List(row.parents_by_facility); }},
      {"facilities", rs::ListOf(OccupancyShape().Schema()),
       [](const Row& row) { return OccupancyShape().List(row.facilities); }},
  });
  return shape;
}

}  // namespace

nlohmann::json UserToJson(const User& user) { return UserShape().ToJson(user); }
nlohmann::json AuditEventToJson(const AuditEvent& event) { return AuditEventShape().ToJson(event); }
nlohmann::json HealthToJson(const HealthView& health) { return HealthShape().ToJson(health); }
nlohmann::json LoginToJson(const LoginResult& login) { return LoginShape().ToJson(login); }
nlohmann::json MeToJson(const MeView& me) { return MeShape().ToJson(me); }
nlohmann::json LoginWaitToJson(const LoginWaitView& wait) { return LoginWaitShape().ToJson(wait); }
nlohmann::json SummaryFiguresToJson(const SummaryFigures& figures) {
  return SummaryShape().ToJson(figures);
}

std::vector<std::pair<std::string, nlohmann::json>> AccountReplySchemas() {
  return {{"User", UserShape().Schema()},
          {"AuditEvent", AuditEventShape().Schema()},
          {"Health", HealthShape().Schema()},
          {"LoginResponse", LoginShape().Schema()},
          {"Me", MeShape().Schema()},
          {"LoginWait", LoginWaitShape().Schema()},
          {"SummaryFigures", SummaryShape().Schema()}};
}

}  // namespace vinculo
