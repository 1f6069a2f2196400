#include "domain/coresidence.h"

#include "common/enum_names.h"

namespace vinculo {
namespace {

constexpr EnumName<AgeOutProposalStatus> kAgeOutProposalStatusNames[] = {
    {AgeOutProposalStatus::kPending, "pending"},
    {AgeOutProposalStatus::kAccepted, "accepted"},
    {AgeOutProposalStatus::kRejected, "rejected"},
    {AgeOutProposalStatus::kWithdrawn, "withdrawn"}};

constexpr EnumName<ExtensionStatus> kExtensionStatusNames[] = {
    {ExtensionStatus::kRequested, "requested"},
    {ExtensionStatus::kApproved, "approved"},
    {ExtensionStatus::kRefused, "refused"}};

constexpr EnumName<PregnancyStatus> kPregnancyStatusNames[] = {
    {PregnancyStatus::kExpected, "expected"},
    {PregnancyStatus::kBorn, "born"},
    {PregnancyStatus::kEnded, "ended"}};

constexpr EnumName<TransitionPlanStatus> kTransitionPlanStatusNames[] = {
    {TransitionPlanStatus::kDraft, "draft"}, {TransitionPlanStatus::kApproved, "approved"}};

}  // namespace

const char* AgeOutProposalStatusName(AgeOutProposalStatus status) {
  return NameIn(kAgeOutProposalStatusNames, status);
}
Result<AgeOutProposalStatus> ParseAgeOutProposalStatus(std::string_view text) {
  return ParseIn(kAgeOutProposalStatusNames, text, "status");
}

const char* ExtensionStatusName(ExtensionStatus status) {
  return NameIn(kExtensionStatusNames, status);
}
Result<ExtensionStatus> ParseExtensionStatus(std::string_view text) {
  return ParseIn(kExtensionStatusNames, text, "status");
}

const char* PregnancyStatusName(PregnancyStatus status) {
  return NameIn(kPregnancyStatusNames, status);
}
Result<PregnancyStatus> ParsePregnancyStatus(std::string_view text) {
  return ParseIn(kPregnancyStatusNames, text, "status");
}

const char* TransitionPlanStatusName(TransitionPlanStatus status) {
  return NameIn(kTransitionPlanStatusNames, status);
}
Result<TransitionPlanStatus> ParseTransitionPlanStatus(std::string_view text) {
  return ParseIn(kTransitionPlanStatusNames, text, "status");
}

const char* AgeOutBasisName(AgeOutBasis basis) {
  switch (basis) {
    case AgeOutBasis::kJurisdictionRule:
      return "jurisdiction_rule";
    case AgeOutBasis::kFacilityOverride:
      return "facility_override";
    case AgeOutBasis::kReviewDate:
      return "review_date";
    case AgeOutBasis::kExtension:
      return "extension";
  }
  return "unknown";
}

const char* AlertLevelName(AlertLevel level) {
  switch (level) {
    case AlertLevel::kNone:
      return "none";
    case AlertLevel::kNotice:
      return "notice";
    case AlertLevel::kWarning:
      return "warning";
    case AlertLevel::kCritical:
      return "critical";
    case AlertLevel::kOverdue:
      return "overdue";
  }
  return "none";
}

Result<const CoresidenceRule*> RuleInForce(std::span<const CoresidenceRule> rules, const Date& on,
                                           const std::string& jurisdiction) {
  const CoresidenceRule* best = nullptr;
  // std::optional orders an absent date before every date: exactly "since always".
  for (const CoresidenceRule& rule : rules) {
    if (rule.effective_from && *rule.effective_from > on) continue;
    if (!best || rule.effective_from > best->effective_from) best = &rule;
  }
  if (!best) {
    return InvalidArgument("coresidence_rules", "no co-residence rule of " + jurisdiction +
                                                    " was in force on " + FormatDate(on));
  }
  return best;
}

Status CheckMayLiveInside(const CoresidenceSite& site, const Date& on) {
  if (site.has_nursery && !*site.has_nursery) {
    return InvalidArgument("facility_id", "the facility " + site.facility +
                                              " has no nursery: a child cannot live inside it");
  }
  auto in_force = RuleInForce(site.rules, on, site.jurisdiction);
  if (!in_force.ok()) return Status::Ok();
  if (!(*in_force)->allowed) {
    return InvalidArgument("facility_id", "co-residence is not allowed in " + site.jurisdiction +
                                              " (" + (*in_force)->source +
                                              "), where the facility " + site.facility + " is");
  }
  return Status::Ok();
}

AlertLevel AlertFor(long long days_remaining, const AlertThresholds& thresholds) {
  if (days_remaining < 0) return AlertLevel::kOverdue;
  if (days_remaining <= thresholds.critical_days) return AlertLevel::kCritical;
  if (days_remaining <= thresholds.warning_days) return AlertLevel::kWarning;
  if (days_remaining <= thresholds.notice_days) return AlertLevel::kNotice;
  return AlertLevel::kNone;
}

Result<AgeOut> ComputeAgeOut(const AgeOutCase& child, const Date& as_of, CoresidencePolicy policy,
                             const AlertThresholds& thresholds) {
  const Date rule_date = policy == CoresidencePolicy::kRuleAtAdmission ? child.admitted_on : as_of;
  auto in_force = RuleInForce(child.rules, rule_date, child.jurisdiction);
  if (!in_force.ok()) return in_force.status();
  const CoresidenceRule* rule = *in_force;
  if (!rule->allowed) {
    return InvalidArgument("coresidence_rules",
                           "co-residence is not allowed in " + child.jurisdiction);
  }

  AgeOut age_out;
  age_out.rule_id = rule->id;
  if (rule->max_age_months) {
    int months = *rule->max_age_months;
    age_out.basis = AgeOutBasis::kJurisdictionRule;
    age_out.source = rule->source;
    // A prison may set a lower limit than the law, never a higher one.
    if (child.facility_max_age_months && *child.facility_max_age_months < months) {
      months = *child.facility_max_age_months;
      age_out.basis = AgeOutBasis::kFacilityOverride;
      age_out.source = "facility limit of " + std::to_string(months) + " months";
    }
    age_out.max_age_months = months;
    age_out.age_out_date = AddMonths(child.date_of_birth, months);
  } else if (child.facility_max_age_months) {
    // No fixed limit in law, but the prison sets one.
    age_out.basis = AgeOutBasis::kFacilityOverride;
    age_out.max_age_months = *child.facility_max_age_months;
    age_out.source = "facility limit of " + std::to_string(*age_out.max_age_months) + " months";
    age_out.age_out_date = AddMonths(child.date_of_birth, *age_out.max_age_months);
  } else {
    if (!child.review_date) {
      return InvalidArgument("review_date", "co-residence in " + child.jurisdiction +
                                                " has no fixed age limit: an individual review "
                                                "date is required");
    }
    age_out.basis = AgeOutBasis::kReviewDate;
    age_out.source = rule->source;
    age_out.age_out_date = *child.review_date;
  }

  if (child.extension) {
    age_out.basis = AgeOutBasis::kExtension;
    age_out.extension_id = child.extension->id;
    age_out.max_age_months.reset();
    age_out.source = child.extension->reason;
    age_out.age_out_date = child.extension->new_age_out_date;
  }

  age_out.days_remaining = DaysBetween(as_of, age_out.age_out_date);
  age_out.alert = AlertFor(age_out.days_remaining, thresholds);
  return age_out;
}

}  // namespace vinculo
