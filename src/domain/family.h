// Families (issue 15): the rules of the family view that do not need the
// store. A family is the connected group of children and incarcerated parents
// joined by parent-child links and sibling links, as far as the reader may
// see them (docs/architecture.md, "Families"). Pure functions and constants.
#pragma once

#include <optional>
#include <string_view>

#include "common/date.h"
#include "common/status.h"

namespace vinculo {

// Siblings apart longer than this many days are listed when the reader does
// not say otherwise: three months, about three missed monthly visits (the
// programme's rhythm is one visit a month, docs/domain.md).
inline constexpr int kSiblingsApartDefaultDays = 90;
// The longest "apart" window a reader may ask for: ten years.
inline constexpr int kSiblingsApartMaxDays = 3650;

// The release countdown lists parents whose expected release is at most this
// many days away when the reader does not say otherwise: six months, the time
// a reunification plan (housing, income, school places) needs.
inline constexpr int kReleaseNearDefaultDays = 180;
// At most this many parents in one countdown answer.
inline constexpr int kReleaseCountdownLimit = 500;

// The relation of a recorded sibling link.
enum class SiblingRelation { kFull, kHalf, kStep };
const char* SiblingRelationName(SiblingRelation relation);
// kInvalidArgument naming `relation` for anything but full, half or step.
Result<SiblingRelation> ParseSiblingRelation(std::string_view text);

// An incarcerated parent's custody status (the parent record's
// custody_status): incarcerated until released.
enum class CustodyStatus { kIncarcerated, kReleased };
const char* CustodyStatusName(CustodyStatus status);  // "incarcerated", "released"
// kInvalidArgument naming custody_status for anything else.
Result<CustodyStatus> ParseCustodyStatus(std::string_view text);

// A sibling link between `child_id` and `sibling_id`: refused, naming
// sibling_id (reason own_sibling), when both are the same child.
Status CheckSiblingLink(long long child_id, long long sibling_id);

// Whole days two siblings have been apart on `today` when they last saw each
// other on `last_seen` (nullopt: never, as far as the records go).
std::optional<long long> DaysApart(const std::optional<Date>& last_seen, const Date& today);

}  // namespace vinculo
