#include "json/calendar_subscription_json.h"

#include <nlohmann/json.hpp>

#include "json/reply_shape.h"

namespace vinculo {
namespace {

namespace rs = reply_schema;

// The properties of a subscription, read from the one `subscription` gives
// for a Row: shared by both replies.
template <typename Row, typename Subscription>
std::vector<typename ReplyShape<Row>::Property> SubscriptionProperties(
    Subscription subscription, const std::string& subject_description,
    const std::string& revoked_description) {
  const auto described = [](nlohmann::json schema, const std::string& description) {
    return description.empty() ? schema : rs::Described(std::move(schema), description);
  };
  return {
      {"id", rs::Id(),
       [subscription](const Row& row) { return nlohmann::json(subscription(row).id); }},
      {"feed", rs::Choice({"facility", "escort", "facilitator"}),
       [subscription](const Row& row) {
         return nlohmann::json(CalendarFeedName(subscription(row).feed));
       }},
      {"subject_id", described(rs::Id(), subject_description),
       [subscription](const Row& row) { return nlohmann::json(subscription(row).subject_id); }},
      {"created_at", rs::Text(),
       [subscription](const Row& row) { return nlohmann::json(subscription(row).created_at); }},
      {"revoked_at", described(rs::Nullable(rs::Text()), revoked_description),
       [subscription](const Row& row) {
         const std::optional<std::string>& revoked_at = subscription(row).revoked_at;
         return revoked_at ? nlohmann::json(*revoked_at) : nlohmann::json(nullptr);
       }},
  };
}

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<CalendarSubscription>& SubscriptionShape() {
  static const ReplyShape<CalendarSubscription> shape(SubscriptionProperties<CalendarSubscription>(
      [](const CalendarSubscription& row) -> const CalendarSubscription& { return row; },
      "The facility, the escort or the facilitator (a user id).",
      "Null while the subscription is live."));
  return shape;
}

const ReplyShape<NewCalendarSubscription>& NewSubscriptionShape() {
  static const ReplyShape<NewCalendarSubscription> shape([] {
    auto properties = SubscriptionProperties<NewCalendarSubscription>(
        [](const NewCalendarSubscription& created) -> const CalendarSubscription& {
          return created.subscription;
        },
        "", "");
    properties.push_back(
        {"token",
         rs::Described(rs::Text(), "The secret, shown this once; only its hash is stored."),
         MemberOf(&NewCalendarSubscription::token)});
    properties.push_back(
        {"path",
         rs::Described(
             rs::Text(),
             "The subscription URL's path on this server: /api/v1/calendars/{token}.ics."),
         [](const NewCalendarSubscription& created) {
           return nlohmann::json(std::string(kCalendarFeedPathPrefix) + created.token +
                                 kCalendarFeedPathSuffix);
         }});
    return properties;
  }());
  return shape;
}

}  // namespace

nlohmann::json CalendarSubscriptionToJson(const CalendarSubscription& subscription) {
  return SubscriptionShape().ToJson(subscription);
}

nlohmann::json NewCalendarSubscriptionToJson(const NewCalendarSubscription& created) {
  return NewSubscriptionShape().ToJson(created);
}

std::vector<std::pair<std::string, nlohmann::json>> CalendarSubscriptionReplySchemas() {
  return {{"CalendarSubscription", SubscriptionShape().Schema()},
          {"NewCalendarSubscription", NewSubscriptionShape().Schema()}};
}

}  // namespace vinculo
