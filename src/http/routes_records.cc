// Routes for every record kind (/api/v1/{kind}[/{id}]) and the operations that
// keep history: placements, transfers, siblings, and a record's audit trail.
#include <charconv>

#include "http/router.h"
#include "json/record_json.h"

namespace vinculo::http_internal {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

std::string KindAlternation() {
  std::string alternation;
  for (const RecordKind* kind : AllRecordKinds()) {
    if (!alternation.empty()) alternation += "|";
    alternation += kind->name;
  }
  return "(" + alternation + ")";
}

const RecordKind& KindOf(const httplib::Request& request) {
  return *FindRecordKind(request.matches[1].str());
}

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
      if (text.size() > 100) return InvalidArgument("q", "is longer than 100 characters");
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

Result<std::optional<long long>> OptionalId(const nlohmann::json& body, const char* name) {
  auto id = OptionalInteger(body, name);
  if (!id.ok()) return id.status();
  if (*id && **id <= 0) return InvalidArgument(name, "must be a record id");
  return *id;
}

}  // namespace

void RegisterRecordRoutes(Router& router) {
  Services& services = router.services();
  const std::string kinds = KindAlternation();
  const std::string base = "/api/v1/" + kinds;

  router.Authed(
      "GET", base,
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        const RecordKind& kind = KindOf(request);
        auto query = ListQueryFrom(kind, request);
        if (!query.ok()) return query.status();
        auto page = services.records.List(actor, kind, *query);
        if (!page.ok()) return page.status();
        // {"items":[...],"next_cursor":...} as text, the records by
        // RecordJsonText (the same bytes as dumping the JSON object).
        Reply reply;
        reply.raw_content_type = "application/json";
        std::string& text = reply.raw_body;
        text = "{\"items\":[";
        for (size_t i = 0; i < page->items.size(); ++i) {
          if (i > 0) text.push_back(',');
          text += RecordJsonText(page->items[i]);
        }
        text += "],\"next_cursor\":";
        text += page->next_after_id ? "\"" + std::to_string(*page->next_after_id) + "\"" : "null";
        text.push_back('}');
        return reply;
      });

  router.Authed("POST", base,
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  const RecordKind& kind = KindOf(request);
                  VINCULO_RETURN_IF_ERROR(RequireJsonContentType(request));
                  auto values = FieldValuesFromJson(kind, request.body);
                  if (!values.ok()) return values.status();
                  auto created = services.records.Create(actor, kind, std::move(*values));
                  if (!created.ok()) return created.status();
                  return RecordReply(kind, *created, 201);
                });

  router.Authed("GET", base + R"(/(\d+))",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  const RecordKind& kind = KindOf(request);
                  auto id = PathId(request, 2);
                  if (!id.ok()) return id.status();
                  auto record = services.records.Get(actor, kind, *id);
                  if (!record.ok()) return record.status();
                  return RecordReply(kind, *record);
                });

  router.Authed("PATCH", base + R"(/(\d+))",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  const RecordKind& kind = KindOf(request);
                  auto id = PathId(request, 2);
                  if (!id.ok()) return id.status();
                  auto version = IfMatchVersion(request);
                  if (!version.ok()) return version.status();
                  VINCULO_RETURN_IF_ERROR(RequireJsonContentType(request));
                  auto changes = FieldValuesFromJson(kind, request.body);
                  if (!changes.ok()) return changes.status();
                  auto updated =
                      services.records.Update(actor, kind, *id, *version, std::move(*changes));
                  if (!updated.ok()) return updated.status();
                  return RecordReply(kind, *updated);
                });

  for (const bool archive : {true, false}) {
    router.Authed(
        "POST", base + (archive ? R"(/(\d+)/archive)" : R"(/(\d+)/restore)"),
        [&services, archive](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
          const RecordKind& kind = KindOf(request);
          auto id = PathId(request, 2);
          if (!id.ok()) return id.status();
          auto version = IfMatchVersion(request);
          if (!version.ok()) return version.status();
          auto result = services.records.SetArchived(actor, kind, *id, *version, archive);
          if (!result.ok()) return result.status();
          return RecordReply(kind, *result);
        });
  }

  router.Authed("GET", base + R"(/(\d+)/audit)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  const RecordKind& kind = KindOf(request);
                  auto id = PathId(request, 2);
                  if (!id.ok()) return id.status();
                  auto trail = services.records.AuditTrail(actor, kind, *id, 500);
                  if (!trail.ok()) return trail.status();
                  return ItemsReply(*trail, AuditEventToJson);
                });

  router.Authed("GET", R"(/api/v1/children/(\d+)/placements)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  auto id = PathId(request, 1);
                  if (!id.ok()) return id.status();
                  auto placements = services.records.Placements(actor, *id);
                  if (!placements.ok()) return placements.status();
                  return ItemsReply(*placements, PlacementToJson);
                });

  router.Authed(
      "POST", R"(/api/v1/children/(\d+)/placements)",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        auto id = PathId(request, 1);
        if (!id.ok()) return id.status();
        auto version = IfMatchVersion(request);
        if (!version.ok()) return version.status();
        auto body = JsonBody(request);
        if (!body.ok()) return body.status();
        VINCULO_RETURN_IF_ERROR(OnlyMembers(*body, {"placement", "started_on", "facility_id",
                                                    "home_id", "organisation_id", "note",
                                                    "coresidence_exception"}));
        PlacementChange change;
        auto placement = OptionalString(*body, "placement");
        auto started_on = OptionalString(*body, "started_on");
        auto facility_id = OptionalId(*body, "facility_id");
        auto home_id = OptionalId(*body, "home_id");
        auto organisation_id = OptionalId(*body, "organisation_id");
        auto note = OptionalString(*body, "note");
        for (const Status& status : {placement.status(), started_on.status(), facility_id.status(),
                                     home_id.status(), organisation_id.status(), note.status()}) {
          VINCULO_RETURN_IF_ERROR(status);
        }
        if (!*placement) return InvalidArgument("placement", "is required");
        if (!*started_on) return InvalidArgument("started_on", "is required");
        change.placement = **placement;
        change.started_on = **started_on;
        change.facility_id = *facility_id;
        change.home_id = *home_id;
        change.organisation_id = *organisation_id;
        change.note = note->value_or("");
        auto exception = OptionalString(*body, "coresidence_exception");
        VINCULO_RETURN_IF_ERROR(exception.status());
        change.coresidence_exception = *exception;
        auto child = services.records.ChangePlacement(actor, *id, *version, change);
        if (!child.ok()) return child.status();
        return RecordReply(ChildKind(), *child);
      });

  router.Authed("GET", R"(/api/v1/children/(\d+)/siblings)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  auto id = PathId(request, 1);
                  if (!id.ok()) return id.status();
                  auto siblings = services.records.SiblingsOf(actor, *id);
                  if (!siblings.ok()) return siblings.status();
                  return ItemsReply(siblings->visible, RecordToJson);
                });

  router.Authed("GET", R"(/api/v1/parents/(\d+)/transfers)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  auto id = PathId(request, 1);
                  if (!id.ok()) return id.status();
                  auto transfers = services.records.Transfers(actor, *id);
                  if (!transfers.ok()) return transfers.status();
                  return ItemsReply(*transfers, TransferToJson);
                });

  router.Authed(
      "POST", R"(/api/v1/parents/(\d+)/transfers)",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        auto id = PathId(request, 1);
        if (!id.ok()) return id.status();
        auto version = IfMatchVersion(request);
        if (!version.ok()) return version.status();
        auto body = JsonBody(request);
        if (!body.ok()) return body.status();
        VINCULO_RETURN_IF_ERROR(OnlyMembers(*body, {"to_facility_id", "transferred_on", "reason"}));
        auto to = OptionalId(*body, "to_facility_id");
        auto on = OptionalString(*body, "transferred_on");
        auto reason = OptionalString(*body, "reason");
        for (const Status& status : {to.status(), on.status(), reason.status()}) {
          VINCULO_RETURN_IF_ERROR(status);
        }
        if (!*to) return InvalidArgument("to_facility_id", "is required");
        if (!*on) return InvalidArgument("transferred_on", "is required");
        TransferRequest transfer{**to, **on, reason->value_or("")};
        auto parent = services.records.TransferParent(actor, *id, *version, transfer);
        if (!parent.ok()) return parent.status();
        return RecordReply(ParentKind(), *parent);
      });
}

}  // namespace vinculo::http_internal
