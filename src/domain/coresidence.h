// The co-residence rules engine: when must a child living inside a prison
// with the mother leave, and why.
//
// Pure domain code (no SQL, JSON or clock): the caller hands in the child's
// dates, the jurisdiction's rule versions, the facility's own limit and any
// approved extension, and the engine answers with the age-out date, the days
// remaining on the as-of date and the rule that decided it, with its source.
// All functions are pure and thread-safe.
//
// How the limit is chosen, in order:
//   1. The jurisdiction rule version that applies (see CoresidencePolicy).
//      Not allowed: kInvalidArgument "co-residence is not allowed in <j>".
//      Allowed with no fixed limit: the child's individual review date is the
//      age-out date (required: kInvalidArgument naming review_date).
//   2. A facility override (facilities.nursery_max_age_months) applies only
//      when it is *lower* than the jurisdiction's limit: a prison may shorten
//      the stay, never lengthen it.
//   3. An approved individual extension replaces the date computed above
//      (it may extend or, rarely, shorten; the approver is responsible).
//
// Months are calendar months via AddMonths, which clamps to the last day of a
// shorter month: a child born 29 February 2024 with a 36-month limit ages out
// on 2027-02-28 (no 29 February in 2027), and with a 48-month limit on
// 2028-02-29.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace vinculo {

// One version of a jurisdiction's co-residence rule (coresidence_rules row).
struct CoresidenceRule {
  long long id = 0;
  bool allowed = false;
  std::optional<int> max_age_months;  // absent with allowed: no fixed limit
  // Absent: open-ended in the past, in force "since always" until the next
  // version (issue 15). At most one such version per jurisdiction (the
  // database's coresidence_rules_one_open index).
  std::optional<Date> effective_from;
  std::string source;
};

// Which rule version applies when the law changes while the child is inside.
enum class CoresidencePolicy {
  // The rule in force on the admission date: a later law does not shorten (or
  // lengthen) a stay already begun. The default.
  kRuleAtAdmission,
  // The rule in force on the as-of date: the new law applies to everyone inside.
  kRuleInForce,
};

// An approved individual extension (coresidence_extensions row).
struct AgeOutExtension {
  long long id = 0;
  Date new_age_out_date;
  std::string reason;
  long long approved_by_user_id = 0;
};

struct AgeOutCase {
  std::string jurisdiction;  // code or name, for messages
  Date date_of_birth;
  Date admitted_on;  // the day the child began living inside
  // The jurisdiction's rule versions, any order. A view: the caller keeps the
  // rules alive (the board shares one vector per jurisdiction among its children).
  std::span<const CoresidenceRule> rules;
  std::optional<int> facility_max_age_months;  // facilities.nursery_max_age_months
  std::optional<Date> review_date;             // required when there is no fixed limit
  std::optional<AgeOutExtension> extension;    // approved only
};

enum class AgeOutBasis { kJurisdictionRule, kFacilityOverride, kReviewDate, kExtension };
const char* AgeOutBasisName(AgeOutBasis basis);  // "jurisdiction_rule", ...

// What became of a proposal a change of the rules made for a kept age-out
// decision: pending until a person accepts or rejects it, or withdrawn (a new
// decision was kept, or the rules no longer change the date).
enum class AgeOutProposalStatus { kPending, kAccepted, kRejected, kWithdrawn };
const char* AgeOutProposalStatusName(AgeOutProposalStatus status);  // "pending", ...
Result<AgeOutProposalStatus> ParseAgeOutProposalStatus(std::string_view text);

// A request to extend a child's co-residence: requested until a person
// approves or refuses it.
enum class ExtensionStatus { kRequested, kApproved, kRefused };
const char* ExtensionStatusName(ExtensionStatus status);  // "requested", ...
Result<ExtensionStatus> ParseExtensionStatus(std::string_view text);

// A registered pregnancy: expected until the child is born or it ends.
enum class PregnancyStatus { kExpected, kBorn, kEnded };
const char* PregnancyStatusName(PregnancyStatus status);  // "expected", "born", "ended"
Result<PregnancyStatus> ParsePregnancyStatus(std::string_view text);

// A child's plan for leaving the nursery: a draft until approved; any change
// to an approved plan makes it a draft again.
enum class TransitionPlanStatus { kDraft, kApproved };
const char* TransitionPlanStatusName(TransitionPlanStatus status);  // "draft", "approved"
Result<TransitionPlanStatus> ParseTransitionPlanStatus(std::string_view text);

enum class AlertLevel { kNone, kNotice, kWarning, kCritical, kOverdue };
const char* AlertLevelName(AlertLevel level);  // "none", "notice", ...

// Days before the age-out date at which the board raises each level.
struct AlertThresholds {
  int notice_days = 180;
  int warning_days = 90;
  int critical_days = 30;
};

struct AgeOut {
  Date age_out_date;
  long long days_remaining = 0;  // age_out_date - as_of; negative when overdue
  AgeOutBasis basis = AgeOutBasis::kJurisdictionRule;
  long long rule_id = 0;              // the jurisdiction rule version used (0 if none)
  long long extension_id = 0;         // the extension used (0 if none)
  std::optional<int> max_age_months;  // the limit applied, absent for a review date or extension
  std::string source;  // the rule's source, "facility limit of N months", or the extension's reason
  AlertLevel alert = AlertLevel::kNone;
};

// The rule version that applies on `on`: the one with the latest
// effective_from not after `on`, pointing into `rules`; an open-ended version
// (no effective_from) counts as earlier than every dated one, so it applies on
// any day before the first dated version. kInvalidArgument naming
// `coresidence_rules` when none was in force yet.
Result<const CoresidenceRule*> RuleInForce(std::span<const CoresidenceRule> rules, const Date& on,
                                           const std::string& jurisdiction);

// "overdue" below 0 days, then critical, warning, notice at or under each threshold.
AlertLevel AlertFor(long long days_remaining, const AlertThresholds& thresholds = {});

// Where a child would live inside: the facility and its jurisdiction's rules.
struct CoresidenceSite {
  std::string facility;                    // name, for messages
  std::optional<bool> has_nursery;         // facilities.has_nursery; absent: not stated
  std::string jurisdiction;                // code or name, for messages
  std::span<const CoresidenceRule> rules;  // the jurisdiction's rule versions, any order
};

// The one rule for a child beginning to live inside on `on` (a new child, or
// a placement change into a facility): refused, kInvalidArgument naming
// "facility_id", when the facility is marked without a nursery or the
// jurisdiction's rule in force on `on` does not allow co-residence. A
// jurisdiction with no rule in force yet is not refused here (the board shows
// the child with that problem). The caller decides whether an administrator's
// documented exception lets a refusal through.
Status CheckMayLiveInside(const CoresidenceSite& site, const Date& on);

// Computes the age-out of one child on `as_of`. Errors: kInvalidArgument
// naming "coresidence_rules" (no rule in force, or not allowed) or
// "review_date" (no fixed limit and no review date).
Result<AgeOut> ComputeAgeOut(const AgeOutCase& child, const Date& as_of,
                             CoresidencePolicy policy = CoresidencePolicy::kRuleAtAdmission,
                             const AlertThresholds& thresholds = {});

}  // namespace vinculo
