// Why an age-out proposal was made (issue 15): the reasons the service gives
// when a change would move a kept age-out date. Each is stored as the English
// text below (read in the audit trail and the CLI) and has a stable code with
// the rule version it names, which the web UI translates.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vinculo {

// "rule version 12 added" (what: added, changed, archived, restored).
std::string RuleVersionReason(long long rule_id, std::string_view what);
inline constexpr const char* kBirthDateCorrectedReason = "date of birth corrected";
inline constexpr const char* kFacilityLimitChangedReason = "the facility's own age limit changed";

struct AgeOutReasonCode {
  // rule_added, rule_changed, rule_archived, rule_restored,
  // birth_date_corrected, facility_limit_changed; "other" for any other text.
  std::string code;
  std::optional<long long> rule_id;
};
AgeOutReasonCode ReasonCodeOf(std::string_view reason);

}  // namespace vinculo
