// JSON encoding of a user's calendar subscriptions (issue 18), for the HTTP
// API. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/calendar_subscriptions.h"

namespace vinculo {

// A subscribed feed's path on the server: kCalendarFeedPathPrefix, the
// token, kCalendarFeedPathSuffix.
inline constexpr const char* kCalendarFeedPathPrefix = "/api/v1/calendars/";
inline constexpr const char* kCalendarFeedPathSuffix = ".ics";

// {id, feed, subject_id, created_at, revoked_at (null while live)}
nlohmann::json CalendarSubscriptionToJson(const CalendarSubscription& subscription);
// The same plus its token (shown this once) and the feed's path.
nlohmann::json NewCalendarSubscriptionToJson(const NewCalendarSubscription& created);

// The OpenAPI schemas (by name) of the replies above, written from a
// ReplyShape (json/reply_shape.h): CalendarSubscription and
// NewCalendarSubscription.
std::vector<std::pair<std::string, nlohmann::json>> CalendarSubscriptionReplySchemas();

}  // namespace vinculo
