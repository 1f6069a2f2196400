// JSON encoding of the account's answers: users, the audit log, the
// service's health, a sign-in,
// the signed-in user (/auth/me), the sign-in waits administrators watch and
// the summary figures. Each is written from a ReplyShape (json/reply_shape.h),
// so the OpenAPI document's schema is the one the server writes. Pure
// functions, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "domain/access.h"
#include "service/auth_service.h"
#include "service/figures.h"

namespace vinculo {

struct HealthView {
  int schema_version = 0;
  std::string engine;  // sqlite | postgresql
};

// The signed-in user as GET /auth/me shows her: the operations her role may
// call (the HTTP edge's operation tables) and her nursery facilities.
struct MeView {
  Actor actor;
  std::vector<std::string> capabilities;
  std::vector<long long> nursery_facility_ids;
};

// One sign-in wait (service/login_throttle.h), its end already formatted.
struct LoginWaitView {
  std::string kind;  // account | address
  std::string key;
  int failures = 0;
  std::string until;
  bool locked_out = false;
};

nlohmann::json UserToJson(const User& user);
nlohmann::json AuditEventToJson(const AuditEvent& event);
nlohmann::json HealthToJson(const HealthView& health);
nlohmann::json LoginToJson(const LoginResult& login);
nlohmann::json MeToJson(const MeView& me);
nlohmann::json LoginWaitToJson(const LoginWaitView& wait);
nlohmann::json SummaryFiguresToJson(const SummaryFigures& figures);

// The OpenAPI schemas (by name) of the replies above.
std::vector<std::pair<std::string, nlohmann::json>> AccountReplySchemas();

}  // namespace vinculo
