#include "domain/family.h"

#include "common/enum_names.h"

namespace vinculo {
namespace {

constexpr EnumName<CustodyStatus> kCustodyStatusNames[] = {
    {CustodyStatus::kIncarcerated, "incarcerated"}, {CustodyStatus::kReleased, "released"}};

}  // namespace

const char* CustodyStatusName(CustodyStatus status) { return NameIn(kCustodyStatusNames, status); }
Result<CustodyStatus> ParseCustodyStatus(std::string_view text) {
  return ParseIn(kCustodyStatusNames, text, "custody_status");
}

const char* SiblingRelationName(SiblingRelation relation) {
  switch (relation) {
    case SiblingRelation::kFull:
      return "full";
    case SiblingRelation::kHalf:
      return "half";
    case SiblingRelation::kStep:
      return "step";
  }
  return "";
}

Result<SiblingRelation> ParseSiblingRelation(std::string_view text) {
  for (SiblingRelation relation :
       {SiblingRelation::kFull, SiblingRelation::kHalf, SiblingRelation::kStep}) {
    if (text == SiblingRelationName(relation)) return relation;
  }
  return InvalidArgument("relation", "must be one of full, half, step")
      .Because(Refusal::kValueNotAllowed);
}

Status CheckSiblingLink(long long child_id, long long sibling_id) {
  if (child_id == sibling_id) {
    return InvalidArgument("sibling_id", "a child cannot be her own sibling")
        .Because(Refusal::kOwnSibling);
  }
  return Status::Ok();
}

std::optional<long long> DaysApart(const std::optional<Date>& last_seen, const Date& today) {
  if (!last_seen) return std::nullopt;
  return DaysBetween(*last_seen, today);
}

}  // namespace vinculo
