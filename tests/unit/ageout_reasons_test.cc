// Issue 15: every reason the service stores on an age-out proposal reads back
// as its stable code (what the web UI translates), and text it did not write
// reads as "other".
#include "domain/ageout_reasons.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

TEST(AgeOutReasonsTest, EveryReasonTheServiceWritesHasItsCode) {
  for (const char* what : {"added", "changed", "archived", "restored"}) {
    const AgeOutReasonCode code = ReasonCodeOf(RuleVersionReason(12, what));
    EXPECT_EQ(code.code, std::string("rule_") + what);
    EXPECT_EQ(code.rule_id, 12);
  }
  EXPECT_EQ(RuleVersionReason(7, "added"), "rule version 7 added");
  EXPECT_EQ(ReasonCodeOf(kBirthDateCorrectedReason).code, "birth_date_corrected");
  EXPECT_EQ(ReasonCodeOf(kFacilityLimitChangedReason).code, "facility_limit_changed");
  EXPECT_FALSE(ReasonCodeOf(kBirthDateCorrectedReason).rule_id);
  for (const char* other : {"", "rule version", "rule version x added", "rule version 3",
                            "rule version 3 eaten", "rule version 3 added later"}) {
    const AgeOutReasonCode code = ReasonCodeOf(other);
    EXPECT_EQ(code.code, "other") << other;
    EXPECT_FALSE(code.rule_id) << other;
  }
}

}  // namespace
}  // namespace vinculo
