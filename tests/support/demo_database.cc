#include "support/demo_database.h"

#include <gtest/gtest.h>

#include <sstream>

#include "service/audit_log.h"
#include "service/auth_service.h"
#include "service/record_service.h"
#include "service/secrets.h"

namespace vinculo::testing {
namespace {

constexpr std::uint64_t kDemoSeed = 2026;

// The report as one line of text kept beside the template, and back.
std::string ReportText(const DemoReport& report) {
  std::ostringstream out;
  out << report.admin_user_id << ' ' << report.children << ' ' << report.parents << ' '
      << report.facilities << ' ' << report.organisations << ' ' << report.users << ' '
      << report.admin_username << ' ' << report.admin_password;
  return out.str();
}

bool ReadReport(const std::string& text, DemoReport& report) {
  std::istringstream in(text);
  in >> report.admin_user_id >> report.children >> report.parents >> report.facilities >>
      report.organisations >> report.users >> report.admin_username >> report.admin_password;
  return !in.fail();
}

}  // namespace

std::chrono::system_clock::time_point DemoCreatedAt() {
  return StartOfDayUtc(Date{2026, 11, 23}) + std::chrono::hours(12);
}

std::unique_ptr<TestDatabase> CopyOfTheDemo(DemoReport& report) {
  EXPECT_TRUE(InitSecrets().ok());
  std::string kept;
  auto database = TestDatabase::CreateFromTemplate(
      "demo_seed_" + std::to_string(kDemoSeed) + "_at_" + FormatTimestamp(DemoCreatedAt()),
      [](TestDatabase& building) -> Result<std::string> {
        FixedClock clock(DemoCreatedAt());
        DemoReport made;
        {
          AuditLog audit(building.store());  // its queued lines are written when it goes
          ServiceContext context{&building.store(), &clock, &audit};
          RecordService records(context);
          AuthService auth(context);
          auto created = CreateDemoProgramme(context, records, auth, kDemoSeed);
          if (!created.ok()) return created.status();
          made = *created;
        }
        return ReportText(made);
      },
      kept);
  if (database == nullptr) return nullptr;
  if (!ReadReport(kept, report)) {
    ADD_FAILURE() << "the demo template's report cannot be read: " << kept;
    return nullptr;
  }
  return database;
}

}  // namespace vinculo::testing
