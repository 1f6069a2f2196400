#include "service/demo_programme.h"

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <utility>

#include "service/demo_nursery_care.h"
#include "service/demo_reunification.h"
#include "service/demo_supplies.h"
#include "service/demo_visits.h"
#include "service/demo_workshops.h"
#include "service/rule_set.h"
#include "service/synthetic_names.h"

namespace vinculo {
namespace {

using synthetic::Draw;
using synthetic::GivenNames;
using synthetic::kAndean;
using synthetic::kMexican;
using synthetic::NamePool;

// --- The programme's figures -------------------------------------------------

constexpr int kDaysPerYear = 365;
// Sentences in the described facility run from 3 to 25 years.
constexpr long long kShortestSentenceDays = 3 * kDaysPerYear;
// Children in the village: 38 in the six family homes, 2 of a split sibling
// group with relatives and in state care.
constexpr int kVillageChildren = 40;
constexpr int kFamilyHomes = 6;
constexpr int kHomeCapacity = 8;
// Children living in the Mexican nursery, with one mother fewer: one mother
// has two children inside.
constexpr int kNurseryChildren = 20;
// The nursery takes children under 3 (36 months, the Mexican limit); 1,040
// days is just over 34 months, so no demo child is already past the limit.
constexpr long long kOldestNurseryChildDays = 1040;

// Offence mix of the described facility: drug transport 40 %, theft 25 %,
// sexual abuse 20 %, others (trafficking, extortion) 15 %, as a deck of 20.
// Dealing shuffled decks instead of drawing each parent's offence keeps the
// demo's figures on the mix even for a few dozen parents.
constexpr const char* kOffenceDeck[] = {
    "drug_transport", "drug_transport", "drug_transport", "drug_transport", "drug_transport",
    "drug_transport", "drug_transport", "drug_transport", "theft",          "theft",
    "theft",          "theft",          "theft",          "sexual_abuse",   "sexual_abuse",
    "sexual_abuse",   "sexual_abuse",   "trafficking",    "trafficking",    "extortion"};

// Who of a family in the village is inside, and where.
enum class ParentsInside {
  kMother,                    // women's wing of the big prison
  kFather,                    // men's wing of the big prison
  kBoth,                      // mother and father, two wings of the same prison
  kMotherHereFatherInHuanta,  // both inside, in two different prisons
};

struct FamilyPlan {
  int children = 1;
  ParentsInside parents = ParentsInside::kMother;
  // Three siblings in three placements: a family home, relatives in another
  // town, state residential care (which arranges no visits of its own).
  bool split_siblings = false;
  // The second child lives in another of the village's homes (issue 15's
  // family split across two prisons and two homes).
  bool homes_apart = false;
};

struct Location {
  double latitude;
  double longitude;
};
// Ayacucho, where the village and the big prison are; Huanta, to the north;
// Lima, where state residential care sends a child far from the family.
constexpr Location kAyacucho{-13.16, -74.22};
constexpr Location kHuanta{-12.94, -74.25};
constexpr Location kLima{-12.05, -77.04};

// Ids of what the children and parents refer to.
struct Places {
  long long caregiver_staff = 0;  // the staff record the demo "cuidadora" is (an escort)
  long long peru = 0;
  long long mexico = 0;
  long long village = 0;
  long long huamanga = 0;  // the overcrowded prison
  long long huamanga_women = 0;
  long long huamanga_men = 0;
  long long huanta = 0;
  long long huanta_men = 0;
  long long oaxaca = 0;  // the Mexican women's prison with the nursery
  long long oaxaca_women = 0;
  std::vector<long long> homes;
  std::vector<int> children_per_home;
};

// Display names of the staff the demo accounts stand for.
struct StaffNames {
  std::string coordinator;
  std::string caregiver;
  std::string psychologist;
  std::string nursery_officer;
  std::string visits_officer;
};

class DemoBuilder {
 public:
  DemoBuilder(RecordBatch& batch, Draw& draw, Date today)
      : batch_(batch), draw_(draw), today_(today) {}

  Status Build() {
    VINCULO_RETURN_IF_ERROR(FindJurisdictions());
    VINCULO_RETURN_IF_ERROR(CreateOrganisations());
    VINCULO_RETURN_IF_ERROR(CreateFacilities());
    VINCULO_RETURN_IF_ERROR(CreateVillage());
    VINCULO_RETURN_IF_ERROR(CreateVillageFamilies());
    VINCULO_RETURN_IF_ERROR(CreateNursery());
    return Status::Ok();
  }

  const Places& places() const { return places_; }
  const StaffNames& staff_names() const { return staff_names_; }
  int children() const { return children_; }
  int parents() const { return parents_; }
  int facilities() const { return facilities_; }
  int organisations() const { return organisations_; }

 private:
  Result<long long> Create(const RecordKind& kind, FieldValues values) {
    auto created = batch_.Create(kind, std::move(values));
    if (!created.ok()) {
      const Status& status = created.status();
      return Status(
          status.code(),
          "demo programme: creating a " + std::string(kind.singular) + ": " + status.message(),
          status.field());
    }
    return created->id;
  }

  Date DaysAgo(long long days) const { return AddDays(today_, -days); }

  Status FindJurisdictions() {
    for (auto [code, id] : {std::pair<const char*, long long*>{"PE", &places_.peru},
                            std::pair<const char*, long long*>{"MX", &places_.mexico}}) {
      auto found = batch_.FindBy(JurisdictionKind(), "code", std::string(code));
      if (!found.ok()) return found.status();
      if (found->empty()) {
        return NotFound(std::string("demo programme: the rule set has no jurisdiction ") + code);
      }
      *id = found->front().id;
    }
    return Status::Ok();
  }

  Status CreateOrganisations() {
    VINCULO_ASSIGN_OR_RETURN(
        places_.village, Create(OrganisationKind(),
                                {{"name", std::string("Aldea Infantil Sintética Ayacucho (demo)")},
                                 {"kind", std::string("care_organisation")},
                                 {"jurisdiction_id", places_.peru},
                                 {"address", std::string("Av. Inventada 100, Ayacucho")},
                                 {"email", std::string("aldea@demo.example")},
                                 {"latitude", kAyacucho.latitude},
                                 {"longitude", kAyacucho.longitude}}));
    VINCULO_ASSIGN_OR_RETURN(
        peru_authority_,
        Create(OrganisationKind(),
               {{"name", std::string("Instituto Penitenciario Sintético del Perú (demo)")},
                {"kind", std::string("prison_authority")},
                {"jurisdiction_id", places_.peru}}));
    VINCULO_ASSIGN_OR_RETURN(
        mexico_authority_,
        Create(OrganisationKind(),
               {{"name", std::string("Sistema Penitenciario Sintético de Oaxaca (demo)")},
                {"kind", std::string("prison_authority")},
                {"jurisdiction_id", places_.mexico}}));
    organisations_ = 3;
    return Status::Ok();
  }

  Result<long long> CreateWing(long long facility, const char* name, const char* gender,
                               long long capacity) {
    return Create(WingKind(), {{"facility_id", facility},
                               {"name", std::string(name)},
                               {"gender", std::string(gender)},
                               {"capacity", capacity}});
  }

  Status CreateSpace(long long facility, const char* name, const char* kind, long long capacity) {
    return Create(SpaceKind(), {{"facility_id", facility},
                                {"name", std::string(name)},
                                {"kind", std::string(kind)},
                                {"capacity_people", capacity}})
        .status();
  }

  Status CreateFacilities() {
    // 2,760 people held in places for 630 (438 %): about 200 women and 2,560 men.
    VINCULO_ASSIGN_OR_RETURN(
        places_.huamanga,
        Create(FacilityKind(),
               {{"name", std::string("Establecimiento Penitenciario Sintético de Huamanga")},
                {"kind", std::string("prison")},
                {"jurisdiction_id", places_.peru},
                {"organisation_id", peru_authority_},
                {"address", std::string("Carretera Ficticia km 5, Ayacucho")},
                {"official_capacity", 630LL},
                {"current_population", 2760LL},
                {"has_nursery", false},
                {"latitude", -13.13},
                {"longitude", -74.19}}));
    VINCULO_ASSIGN_OR_RETURN(places_.huamanga_women,
                             CreateWing(places_.huamanga, "Pabellón de mujeres", "women", 200));
    VINCULO_ASSIGN_OR_RETURN(places_.huamanga_men,
                             CreateWing(places_.huamanga, "Pabellón de varones", "men", 430));
    // The child-friendly space where the monthly visits happen, and the chapel
    // where the fortnightly parenting workshops meet.
    VINCULO_RETURN_IF_ERROR(CreateSpace(places_.huamanga, "Patio guardería", "visiting_patio", 40));
    VINCULO_RETURN_IF_ERROR(CreateSpace(places_.huamanga, "Capilla", "chapel", 30));

    VINCULO_ASSIGN_OR_RETURN(
        places_.huanta,
        Create(FacilityKind(),
               {{"name", std::string("Establecimiento Penitenciario Sintético de Huanta")},
                {"kind", std::string("prison")},
                {"jurisdiction_id", places_.peru},
                {"organisation_id", peru_authority_},
                {"address", std::string("Jr. Imaginario s/n, Huanta")},
                {"official_capacity", 240LL},
                {"current_population", 610LL},
                {"has_nursery", false},
                {"latitude", kHuanta.latitude},
                {"longitude", kHuanta.longitude}}));
    VINCULO_ASSIGN_OR_RETURN(places_.huanta_men,
                             CreateWing(places_.huanta, "Pabellón de varones", "men", 240));
    VINCULO_RETURN_IF_ERROR(CreateSpace(places_.huanta, "Patio de visitas", "visiting_patio", 25));

    VINCULO_ASSIGN_OR_RETURN(
        places_.oaxaca,
        Create(FacilityKind(),
               {{"name", std::string("Centro Femenil de Reinserción Social Sintético de Oaxaca")},
                {"kind", std::string("prison")},
                {"jurisdiction_id", places_.mexico},
                {"organisation_id", mexico_authority_},
                {"address", std::string("Calle Supuesta 12, Oaxaca")},
                {"official_capacity", 320LL},
                {"current_population", 356LL},
                {"has_nursery", true},
                {"latitude", 17.07},
                {"longitude", -96.72}}));
    VINCULO_ASSIGN_OR_RETURN(places_.oaxaca_women,
                             CreateWing(places_.oaxaca, "Módulo femenil", "women", 320));
    VINCULO_RETURN_IF_ERROR(CreateSpace(places_.oaxaca, "Área materno-infantil", "nursery", 60));
    VINCULO_RETURN_IF_ERROR(CreateSpace(places_.oaxaca, "Patio de visitas", "visiting_patio", 50));
    facilities_ = 3;
    return Status::Ok();
  }

  Status CreateStaff(std::optional<long long> home, const std::string& given_names,
                     const std::string& family_names, const char* role,
                     long long* created_id = nullptr) {
    FieldValues values = {{"organisation_id", places_.village},
                          {"given_names", given_names},
                          {"family_names", family_names},
                          {"staff_role", std::string(role)}};
    if (home) values["home_id"] = *home;
    auto created = Create(StaffKind(), std::move(values));
    if (!created.ok()) return created.status();
    if (created_id) *created_id = *created;
    return Status::Ok();
  }

  std::string FamilyNames(const NamePool& pool) {
    std::string first = draw_.Pick(pool.families);
    std::string second = draw_.Pick(pool.families);
    while (second == first) second = draw_.Pick(pool.families);
    return first + " " + second;
  }

  Status CreateVillage() {
    // Quechua words (flower, star, rainbow, moon, beautiful, sun) name the homes.
    constexpr const char* kHomeNames[kFamilyHomes] = {"Wayta", "Chaska", "Kuychi",
                                                      "Killa", "Sumaq",  "Inti"};
    for (int home_idx = 0; home_idx < kFamilyHomes; ++home_idx) {
      VINCULO_ASSIGN_OR_RETURN(
          long long home,
          Create(HomeKind(),
                 {{"organisation_id", places_.village},
                  {"name", std::string("Casa Familiar ") + kHomeNames[home_idx]},
                  {"address", "Aldea Infantil Sintética, casa " + std::to_string(home_idx + 1)},
                  {"capacity_children", static_cast<long long>(kHomeCapacity)},
                  {"latitude", kAyacucho.latitude + 0.0005 * home_idx},
                  {"longitude", kAyacucho.longitude - 0.0004 * home_idx}}));
      places_.homes.push_back(home);
      places_.children_per_home.push_back(0);
      // Each family home has its own caregiver, who escorts its children on visits.
      const std::string given = GivenNames(draw_, kAndean, /*female=*/true);
      const std::string family = FamilyNames(kAndean);
      if (home_idx == 0) staff_names_.caregiver = given + " " + family;
      VINCULO_RETURN_IF_ERROR(CreateStaff(home, given, family, "caregiver",
                                          home_idx == 0 ? &places_.caregiver_staff : nullptr));
    }
    // The psychologist runs the parenting workshops; the coordinator the visit plan.
    const std::string psychologist_given = GivenNames(draw_, kAndean, true);
    const std::string psychologist_family = FamilyNames(kAndean);
    staff_names_.psychologist = psychologist_given + " " + psychologist_family;
    VINCULO_RETURN_IF_ERROR(
        CreateStaff(std::nullopt, psychologist_given, psychologist_family, "psychologist"));
    const std::string coordinator_given = GivenNames(draw_, kAndean, true);
    const std::string coordinator_family = FamilyNames(kAndean);
    staff_names_.coordinator = coordinator_given + " " + coordinator_family;
    VINCULO_RETURN_IF_ERROR(
        CreateStaff(std::nullopt, coordinator_given, coordinator_family, "coordinator"));
    // Prison staff are not staff records (those belong to organisations); the
    // names only label the demo accounts. One draw per statement: the order in
    // which the operands of `+` are evaluated is unspecified, and the names
    // must not depend on the compiler.
    const bool visits_officer_female = draw_.Percent(50);
    staff_names_.visits_officer = GivenNames(draw_, kAndean, visits_officer_female);
    staff_names_.visits_officer += " " + FamilyNames(kAndean);
    staff_names_.nursery_officer = GivenNames(draw_, kMexican, true);
    staff_names_.nursery_officer += " " + FamilyNames(kMexican);
    return Status::Ok();
  }

  // Expected release: for one parent in four within the year ("365 days to
  // go"), for the others up to twelve years away; never a sentence under the
  // shortest one of the facility.
  Date ExpectedRelease(const Date& admission) {
    long long remaining = draw_.Percent(25) ? draw_.Between(15, kDaysPerYear)
                                            : draw_.Between(kDaysPerYear + 1, 12 * kDaysPerYear);
    const long long served = DaysBetween(admission, today_);
    remaining = std::max(remaining, kShortestSentenceDays - served);
    return AddDays(today_, remaining);
  }

  // Admitted between two months and ten years ago, and as an adult (18).
  Date AdmissionOfAdult(const Date& born) {
    const long long adult_for = DaysBetween(AddMonths(born, 18 * 12), today_);
    return DaysAgo(draw_.Between(60, std::max(60LL, std::min(10LL * kDaysPerYear, adult_for))));
  }

  std::string NextOffence() {
    if (offence_deck_.empty()) {
      offence_deck_.assign(std::begin(kOffenceDeck), std::end(kOffenceDeck));
      draw_.Shuffle(offence_deck_);
    }
    std::string offence = offence_deck_.back();
    offence_deck_.pop_back();
    return offence;
  }

  std::string NextPrisonerNumber(const char* country) {
    ++prisoner_count_;
    std::string digits = std::to_string(prisoner_count_);
    digits.insert(0, 5 - std::min<std::size_t>(5, digits.size()), '0');
    return std::string("DEMO-") + country + "-" + digits;
  }

  struct NewParent {
    std::string given_names;
    std::string family_names;
    bool female = true;
    Date date_of_birth;
    long long facility = 0;
    long long wing = 0;
    std::optional<long long> organisation;  // the organisation that follows the parent
    Date admission;
    const char* country = "PE";
  };

  Result<long long> CreateParent(const NewParent& parent) {
    FieldValues values = {{"given_names", parent.given_names},
                          {"family_names", parent.family_names},
                          {"sex", std::string(parent.female ? "female" : "male")},
                          {"date_of_birth", FormatDate(parent.date_of_birth)},
                          {"facility_id", parent.facility},
                          {"wing_id", parent.wing},
                          {"prisoner_number", NextPrisonerNumber(parent.country)},
                          {"custody_status", std::string("incarcerated")},
                          {"admission_date", FormatDate(parent.admission)},
                          {"expected_release_date", FormatDate(ExpectedRelease(parent.admission))},
                          {"offence_category", NextOffence()},
                          {"language", std::string("es")}};
    if (parent.organisation) values["organisation_id"] = *parent.organisation;
    auto created = Create(ParentKind(), std::move(values));
    if (created.ok()) ++parents_;
    return created;
  }

  struct NewChild {
    std::string given_names;
    std::string family_names;
    bool female = true;
    Date date_of_birth;
    const char* placement = "care_home";
    std::optional<long long> organisation;
    std::optional<long long> facility;
    std::optional<long long> home;
    std::string home_address;
    std::optional<Location> home_location;
  };

  // School in Peru: primaria from 6 (1.º to 6.º), secundaria from 12 (1.º to 5.º).
  static std::optional<std::string> SchoolGrade(int age_years) {
    if (age_years >= 6 && age_years <= 11) {
      return std::to_string(age_years - 5) + ".º de primaria";
    }
    if (age_years >= 12 && age_years <= 16) {
      return std::to_string(age_years - 11) + ".º de secundaria";
    }
    return std::nullopt;
  }

  Result<long long> CreateChild(const NewChild& child) {
    FieldValues values = {{"given_names", child.given_names},
                          {"family_names", child.family_names},
                          {"date_of_birth", FormatDate(child.date_of_birth)},
                          {"sex", std::string(child.female ? "female" : "male")},
                          {"placement", std::string(child.placement)}};
    if (child.organisation) values["organisation_id"] = *child.organisation;
    if (child.facility) values["facility_id"] = *child.facility;
    if (child.home) values["home_id"] = *child.home;
    if (!child.home_address.empty()) values["home_address"] = child.home_address;
    if (child.home_location) {
      values["home_latitude"] = child.home_location->latitude;
      values["home_longitude"] = child.home_location->longitude;
    }
    const int age_years = WholeMonthsBetween(child.date_of_birth, today_) / 12;
    if (auto grade = SchoolGrade(age_years)) {
      values["school_name"] = std::string("I.E. Sintética N.º ") +
                              std::to_string(38000 + draw_.Between(1, 60)) + " (demo)";
      values["school_grade"] = *grade;
    }
    auto created = Create(ChildKind(), std::move(values));
    if (created.ok()) ++children_;
    return created;
  }

  Status Link(long long parent, long long child, const char* relation) {
    return Create(ParentChildLinkKind(),
                  {{"parent_id", parent}, {"child_id", child}, {"relation", std::string(relation)}})
        .status();
  }

  // The home with the fewest children: a family's children go to one home so
  // that siblings stay together, and the homes fill evenly.
  std::size_t EmptiestHome() const {
    std::size_t best = 0;
    for (std::size_t home_idx = 1; home_idx < places_.homes.size(); ++home_idx) {
      if (places_.children_per_home[home_idx] < places_.children_per_home[best]) best = home_idx;
    }
    return best;
  }

  std::vector<FamilyPlan> PlanVillageFamilies() {
    std::vector<FamilyPlan> plans = {
        {3, ParentsInside::kMother, /*split_siblings=*/true},
        {2, ParentsInside::kMotherHereFatherInHuanta, /*split_siblings=*/false,
         /*homes_apart=*/true},
        {2, ParentsInside::kBoth},
        {1, ParentsInside::kBoth},
        {2, ParentsInside::kBoth},
        {1, ParentsInside::kBoth},
    };
    int planned = 0;
    for (const FamilyPlan& plan : plans) planned += plan.children;
    while (planned < kVillageChildren) {
      FamilyPlan plan;
      plan.children = std::min(static_cast<int>(draw_.Between(1, 3)), kVillageChildren - planned);
      // Men are most of those held, but mothers are the parents a village sees most.
      plan.parents = draw_.Percent(45) ? ParentsInside::kMother : ParentsInside::kFather;
      plans.push_back(plan);
      planned += plan.children;
    }
    draw_.Shuffle(plans);
    return plans;
  }

  // Ages in days, and the spacing of births between siblings.
  struct AgeRange {
    long long youngest_min;
    long long oldest_min;
    long long oldest_max;
    long long gap_min;
    long long gap_max;
  };

  // Ages in days of `count` siblings, oldest first, inside `range`.
  std::vector<long long> SiblingAges(int count, const AgeRange& range) {
    std::vector<long long> gaps;
    long long spread = 0;
    for (int child_idx = 1; child_idx < count; ++child_idx) {
      gaps.push_back(draw_.Between(range.gap_min, range.gap_max));
      spread += gaps.back();
    }
    const long long oldest_min = std::max(range.oldest_min, range.youngest_min + spread);
    std::vector<long long> ages = {
        draw_.Between(oldest_min, std::max(oldest_min, range.oldest_max))};
    for (long long gap : gaps) ages.push_back(ages.back() - gap);
    return ages;
  }

  // Given names whose first name no sibling has already: parents do not call
  // two children Lucía.
  std::string SiblingGivenNames(const NamePool& pool, bool female,
                                std::set<std::string>& first_names) {
    std::string names = GivenNames(draw_, pool, female);
    while (!first_names.insert(names.substr(0, names.find(' '))).second) {
      names = GivenNames(draw_, pool, female);
    }
    return names;
  }

  Status CreateVillageFamilies() {
    for (const FamilyPlan& plan : PlanVillageFamilies()) {
      // Children carry the father's first family name, then the mother's.
      const std::string father_family = FamilyNames(kAndean);
      const std::string mother_family = FamilyNames(kAndean);
      const std::string children_family = father_family.substr(0, father_family.find(' ')) + " " +
                                          mother_family.substr(0, mother_family.find(' '));
      // Children of the village are 1 to 16, siblings a year or more apart.
      const std::vector<long long> ages =
          SiblingAges(plan.children,
                      {kDaysPerYear, 3 * kDaysPerYear, 16 * kDaysPerYear, 400, 4 * kDaysPerYear});
      const Date oldest_born = DaysAgo(ages.front());

      const bool mother_inside = plan.parents != ParentsInside::kFather;
      const bool father_inside = plan.parents != ParentsInside::kMother;
      std::optional<long long> mother;
      std::optional<long long> father;
      if (mother_inside) {
        NewParent parent;
        parent.given_names = GivenNames(draw_, kAndean, true);
        parent.family_names = mother_family;
        parent.female = true;
        parent.date_of_birth =
            AddDays(oldest_born, -draw_.Between(17 * kDaysPerYear, 32 * kDaysPerYear));
        parent.facility = places_.huamanga;
        parent.wing = places_.huamanga_women;
        parent.organisation = places_.village;
        parent.admission = AdmissionOfAdult(parent.date_of_birth);
        VINCULO_ASSIGN_OR_RETURN(mother, CreateParent(parent));
      }
      if (father_inside) {
        const bool in_huanta = plan.parents == ParentsInside::kMotherHereFatherInHuanta;
        NewParent parent;
        parent.given_names = GivenNames(draw_, kAndean, false);
        parent.family_names = father_family;
        parent.female = false;
        parent.date_of_birth =
            AddDays(oldest_born, -draw_.Between(19 * kDaysPerYear, 38 * kDaysPerYear));
        parent.facility = in_huanta ? places_.huanta : places_.huamanga;
        parent.wing = in_huanta ? places_.huanta_men : places_.huamanga_men;
        parent.organisation = places_.village;
        parent.admission = AdmissionOfAdult(parent.date_of_birth);
        VINCULO_ASSIGN_OR_RETURN(father, CreateParent(parent));
      }

      const std::size_t home_idx = EmptiestHome();
      std::set<std::string> first_names;  // of this family's children
      for (int child_idx = 0; child_idx < plan.children; ++child_idx) {
        NewChild child;
        child.female = draw_.Percent(50);
        child.given_names = SiblingGivenNames(kAndean, child.female, first_names);
        child.family_names = children_family;
        child.date_of_birth = DaysAgo(ages[child_idx]);
        child.organisation = places_.village;
        // A child with relatives or in state care still belongs to the village,
        // which follows it and brings it to visits.
        if (plan.split_siblings && child_idx == 1) {
          child.placement = "relatives";
          child.home_address = "Jr. Inventado 45, Huanta";
          child.home_location = kHuanta;
        } else if (plan.split_siblings && child_idx == 2) {
          child.placement = "state_care";
          child.home_address = "Centro de Acogida Residencial Sintético, Lima";
          child.home_location = kLima;
        } else {
          // Homes apart: the next home after the family's own.
          const std::size_t idx =
              plan.homes_apart && child_idx == 1 ? (home_idx + 1) % places_.homes.size() : home_idx;
          child.placement = "care_home";
          child.home = places_.homes[idx];
          ++places_.children_per_home[idx];
        }
        VINCULO_ASSIGN_OR_RETURN(long long id, CreateChild(child));
        if (mother) VINCULO_RETURN_IF_ERROR(Link(*mother, id, "mother"));
        if (father) VINCULO_RETURN_IF_ERROR(Link(*father, id, "father"));
      }
    }
    return Status::Ok();
  }

  Status CreateNursery() {
    int created = 0;
    for (int mother_idx = 0; created < kNurseryChildren; ++mother_idx) {
      // The first mother has two children inside: a toddler and a baby, one to
      // two years apart.
      const int children = mother_idx == 0 ? 2 : 1;
      const std::vector<long long> ages =
          SiblingAges(children, {0, 0, kOldestNurseryChildDays, kDaysPerYear, 800});
      const Date oldest_born = DaysAgo(ages.front());
      // Most nursery children were born inside (about 2,000 in Mexico): the
      // mother was admitted pregnant. The others came in with her.
      const Date admission =
          draw_.Percent(65) ? AddDays(oldest_born, -draw_.Between(30, 250))
                            : AddDays(oldest_born, draw_.Between(0, std::min(ages.front(), 400LL)));

      const std::string mother_family = FamilyNames(kMexican);
      NewParent parent;
      parent.given_names = GivenNames(draw_, kMexican, true);
      parent.family_names = mother_family;
      parent.female = true;
      parent.date_of_birth =
          AddDays(oldest_born, -draw_.Between(19 * kDaysPerYear, 38 * kDaysPerYear));
      parent.facility = places_.oaxaca;
      parent.wing = places_.oaxaca_women;
      parent.admission = admission;
      parent.country = "MX";
      VINCULO_ASSIGN_OR_RETURN(long long mother, CreateParent(parent));

      const std::string children_family = std::string(draw_.Pick(kMexican.families)) + " " +
                                          mother_family.substr(0, mother_family.find(' '));
      std::set<std::string> first_names;
      for (int child_idx = 0; child_idx < children; ++child_idx) {
        NewChild child;
        child.female = draw_.Percent(50);
        child.given_names = SiblingGivenNames(kMexican, child.female, first_names);
        child.family_names = children_family;
        child.date_of_birth = DaysAgo(ages[child_idx]);
        child.placement = "inside_with_mother";
        child.facility = places_.oaxaca;
        VINCULO_ASSIGN_OR_RETURN(long long id, CreateChild(child));
        VINCULO_RETURN_IF_ERROR(Link(mother, id, "mother"));
        ++created;
      }
    }
    return Status::Ok();
  }

  RecordBatch& batch_;
  Draw& draw_;
  const Date today_;
  Places places_;
  StaffNames staff_names_;
  long long peru_authority_ = 0;
  long long mexico_authority_ = 0;
  int prisoner_count_ = 0;
  std::vector<std::string> offence_deck_;  // what is left of the current deck
  int children_ = 0;
  int parents_ = 0;
  int facilities_ = 0;
  int organisations_ = 0;
};

// The demo refuses to mix its invented people with real ones. Jurisdictions and
// rules are not counted: an administrator may have loaded the rule set first.
Status CheckDatabaseIsEmpty(const ServiceContext& context) {
  const Actor system = Actor::System();
  std::string found;
  Status read = context.store->Read([&](Txn& txn) -> Status {
    for (const RecordKind* kind : {&OrganisationKind(), &FacilityKind(), &HomeKind(), &StaffKind(),
                                   &ParentKind(), &ChildKind()}) {
      auto count = txn.Count(*kind, system);
      if (!count.ok()) return count.status();
      if (*count > 0) {
        found +=
            (found.empty() ? "" : ", ") + std::string(kind->name) + ": " + std::to_string(*count);
      }
    }
    auto users = txn.ListUsers(system);
    if (!users.ok()) return users.status();
    if (!users->empty()) {
      found += (found.empty() ? "" : ", ") + std::string("users: ") + std::to_string(users->size());
    }
    return Status::Ok();
  });
  VINCULO_RETURN_IF_ERROR(read);
  if (!found.empty()) {
    return Conflict(
        "the demo programme is created only in an empty database, and this one already holds "
        "records (" +
        found + "); create a new database for the demo");
  }
  return Status::Ok();
}

}  // namespace

Result<DemoReport> CreateDemoProgramme(ServiceContext context, RecordService& records,
                                       AuthService& auth, std::uint64_t seed) {
  VINCULO_RETURN_IF_ERROR(CheckDatabaseIsEmpty(context));
  const Actor system = Actor::System();

  auto rules = DefaultRuleSetCsv();
  if (!rules.ok()) return rules.status();
  auto loaded = LoadCoresidenceRules(records, system, *rules);
  if (!loaded.ok()) return loaded.status();

  DemoReport report;
  Places places;
  StaffNames staff_names;
  Status built = records.WriteBatch(system, [&](RecordBatch& batch) -> Status {
    Draw draw(seed);
    DemoBuilder builder(batch, draw, context.Today());
    VINCULO_RETURN_IF_ERROR(builder.Build());
    places = builder.places();
    staff_names = builder.staff_names();
    report.children = builder.children();
    report.parents = builder.parents();
    report.facilities = builder.facilities();
    report.organisations = builder.organisations();
    return Status::Ok();
  });
  VINCULO_RETURN_IF_ERROR(built);
  VINCULO_RETURN_IF_ERROR(SeedVisitDemo(context, places.village));
  VINCULO_RETURN_IF_ERROR(SeedNurseryCareDemo(context, records));

  struct Account {
    const char* username;
    Role role;
    std::optional<long long> organisation;
    std::optional<long long> facility;
    std::string display_name;
    std::optional<long long> staff = std::nullopt;
  };
  const Account accounts[] = {
      {"admin", Role::kAdministrator, std::nullopt, std::nullopt, "Administración (demo)"},
      {"coordinadora", Role::kProgrammeCoordinator, places.village, std::nullopt,
       staff_names.coordinator},
      {"cuidadora", Role::kCaregiver, places.village, std::nullopt, staff_names.caregiver,
       places.caregiver_staff},
      {"psicologa", Role::kSocialWorker, places.village, std::nullopt, staff_names.psychologist},
      {"oficial.guarderia", Role::kNurseryOfficer, std::nullopt, places.oaxaca,
       staff_names.nursery_officer},
      {"visitas", Role::kVisitsOfficer, std::nullopt, places.huamanga, staff_names.visits_officer},
      {"auditora", Role::kAuditor, std::nullopt, std::nullopt, "Auditora (demo)"},
  };
  for (const Account& account : accounts) {
    NewUser user;
    user.username = account.username;
    user.password = kDemoPassword;
    user.role = account.role;
    user.organisation_id = account.organisation;
    user.facility_id = account.facility;
    user.display_name = account.display_name;
    user.staff_id = account.staff;
    auto added = auth.AddUser(system, user);
    if (!added.ok()) {
      const Status& status = added.status();
      return Status(status.code(),
                    "demo programme: adding the account " + user.username + ": " + status.message(),
                    status.field());
    }
    if (user.username == "admin") report.admin_user_id = added->id;
    ++report.users;
  }
  VINCULO_RETURN_IF_ERROR(CreateDemoSupplies(context, places.oaxaca));
  VINCULO_RETURN_IF_ERROR(CreateDemoWorkshops(context, places.huamanga, places.village));
  VINCULO_RETURN_IF_ERROR(SeedReunificationDemo(context, records, places.huanta, places.village));
  report.admin_username = "admin";
  report.admin_password = kDemoPassword;
  return report;
}

}  // namespace vinculo
