#include "domain/ageout_reasons.h"

#include <charconv>

namespace vinculo {

namespace {
constexpr std::string_view kRulePrefix = "rule version ";
constexpr std::string_view kRuleWhats[] = {"added", "changed", "archived", "restored"};
}  // namespace

std::string RuleVersionReason(long long rule_id, std::string_view what) {
  return std::string(kRulePrefix) + std::to_string(rule_id) + " " + std::string(what);
}

AgeOutReasonCode ReasonCodeOf(std::string_view reason) {
  if (reason == kBirthDateCorrectedReason) return {"birth_date_corrected", std::nullopt};
  if (reason == kFacilityLimitChangedReason) return {"facility_limit_changed", std::nullopt};
  if (reason.starts_with(kRulePrefix)) {
    std::string_view rest = reason.substr(kRulePrefix.size());
    long long rule_id = 0;
    auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), rule_id);
    if (error == std::errc() && end != rest.data() && *end == ' ') {
      const std::string_view what = rest.substr(static_cast<size_t>(end - rest.data()) + 1);
      for (std::string_view known : kRuleWhats) {
        if (what == known) return {"rule_" + std::string(known), rule_id};
      }
    }
  }
  return {"other", std::nullopt};
}

}  // namespace vinculo
