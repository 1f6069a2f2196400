#include "service/synthetic_dataset.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <tuple>

#include "domain/geo.h"
#include "domain/visit_rules.h"
#include "service/synthetic_names.h"
#include "store/bulk_insert.h"
#include "store/workshop_store.h"

namespace vinculo {
namespace {

using synthetic::Draw;
using synthetic::GivenNames;
using synthetic::kAndean;

// --- Figures -------------------------------------------------------------------

struct ScaleFigures {
  int care_organisations;
  int facilities;
  int parents;
  int children;
  int caregivers;
  int cities;
  int care_home_per_mille;  // children placed in the organisations' homes
};

// A village is one programme whose homes hold a good share of its children.
constexpr ScaleFigures kVillage{1, 4, 300, 500, 24, 2, 150};
constexpr ScaleFigures kRegion{5, 50, 15000, 25000, 200, 8, 24};
constexpr ScaleFigures kNational{24, 500, 150000, 250000, 2000, 40, 24};

constexpr int kHistoryYears = 5;
constexpr int kDaysPerYear = 365;
constexpr int kHistoryMonths = kHistoryYears * 12;
constexpr int kCaregiversPerHome = 4;
constexpr int kHomeCapacity = 12;
constexpr int kInsidePercent = 3;              // children living inside with their mothers
constexpr int kOldestInsideDays = 1000;        // under the 36 months of PE's rule
constexpr int kFollowedRelativesPercent = 20;  // children with relatives an organisation follows
constexpr int kFemaleParentsPercent = 12;
constexpr int kSecondParentPercent = 10;  // both parents inside (often in two prisons)
constexpr int kVisitedPercent = 70;       // a family's chance of a visit in a month
constexpr int kEscortSeats = 4;
constexpr int kCohortPlaces = 15;
constexpr int kCohortSessions = 8;
constexpr double kSpeedKmh = 60.0;
constexpr double kCostPerKm = 0.5;
// Saturdays: the visiting day of every generated prison (ISO weekday 6).
constexpr int kVisitWeekday = 6;
constexpr int kVisitStartMinute = 9 * 60;
constexpr int kVisitEndMinute = 13 * 60;
constexpr int kWorkshopStartMinute = 10 * 60;
constexpr int kWorkshopEndMinute = 12 * 60;
// The country's box (degrees): about 1,600 km north to south, 1,300 km wide.
constexpr double kSouth = -18.0, kNorth = -3.5, kWest = -81.0, kEast = -69.0;

constexpr const char* kCityStems[] = {
    "Huaylla", "Ccollpa", "Santa Inés", "Pukara", "Ayaviri", "Chaupi", "Quilla", "San Mateo",
    "Llacta",  "Rumi",    "Hatun",      "Sacsa",  "Paucar",  "Wari",   "Antay",  "Yurac"};
constexpr const char* kCitySuffixes[] = {"pampa", "marca", "bamba", " Alto", " Bajo"};
constexpr const char* kOffenceDeck[] = {
    "drug_transport", "drug_transport", "drug_transport", "drug_transport", "drug_transport",
    "drug_transport", "drug_transport", "drug_transport", "theft",          "theft",
    "theft",          "theft",          "theft",          "sexual_abuse",   "sexual_abuse",
    "violent",        "violent",        "trafficking",    "extortion",      "other"};
constexpr const char* kRelatives[] = {"abuela", "abuelo", "tía", "tío", "hermana mayor"};

// --- Dates as days since the epoch --------------------------------------------

std::string Day(long long days) { return FormatDate(DateFromDays(days)); }
std::string Stamp(long long days, int minute_of_day) {
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:00Z", Day(days).c_str(), minute_of_day / 60,
                minute_of_day % 60);
  return text;
}
long long FirstOfMonth(long long days) {
  Date date = DateFromDays(days);
  date.day = 1;
  return DaysSinceEpoch(date);
}
long long AddMonthsTo(long long days, int months) {
  return DaysSinceEpoch(AddMonths(DateFromDays(days), months));
}
long long NextWeekday(long long days, int iso_weekday) {
  while (IsoWeekday(DateFromDays(days)) != iso_weekday) ++days;
  return days;
}

// A pseudonym from the seed and the id: a bijection on 40 bits, so two ids
// never share one, written with RandomCode's alphabet (8 of 31 symbols).
std::string PseudonymFor(std::uint64_t seed, long long id) {
  constexpr std::uint64_t kMask = (1ULL << 40) - 1;
  std::uint64_t x = (static_cast<std::uint64_t>(id) ^ (seed * 0x9E3779B97F4A7C15ULL)) & kMask;
  for (int round = 0; round < 3; ++round) {
    x = (x * 0xD6E8FEB86659FD93ULL) & kMask;  // odd multiplier: invertible mod 2^40
    x ^= x >> 17;
  }
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  // 31^8 > 2^39; the top bit goes in the ninth place only when set.
  std::string code;
  for (int place = 0; place < 8; ++place) {
    code += kAlphabet[x % 31];
    x /= 31;
  }
  if (x) code += kAlphabet[x % 31];
  return "NNA-" + code;
}

// Appends to a searchable kind's rows their search text (domain SearchText),
// made from the searchable columns they carry, as Txn::Insert writes it.
void AddSearchText(const RecordKind& kind, BulkTable& rows) {
  std::vector<const BulkColumn*> searched;
  for (const BulkColumn& column : rows.columns) {
    const FieldSpec* spec = kind.Field(column.name);
    if (spec && spec->searchable &&
        std::holds_alternative<std::vector<std::string>>(column.values)) {
      searched.push_back(&column);
    }
  }
  const std::size_t count = rows.columns.empty() ? 0 : rows.columns.front().size();
  std::vector<std::string> texts;
  texts.reserve(count);
  for (std::size_t row = 0; row < count; ++row) {
    FieldValues values;
    for (const BulkColumn* column : searched) {
      if (!column->nulls.empty() && column->nulls[row]) continue;
      values.emplace(column->name, Value{std::get<std::vector<std::string>>(column->values)[row]});
    }
    texts.push_back(SearchText(kind, values));
  }
  rows.columns.push_back(BulkColumn{"search_text", std::move(texts), {}});
}

// --- Rows of one table, column by column ----------------------------------------

class TableRows {
 public:
  enum Type { kInt, kReal, kText };
  TableRows(std::string table, std::vector<std::pair<std::string, Type>> columns) {
    rows_.table = std::move(table);
    for (auto& [name, type] : columns) {
      BulkColumn column;
      column.name = name;
      if (type == kInt) column.values = std::vector<long long>{};
      if (type == kReal) column.values = std::vector<double>{};
      if (type == kText) column.values = std::vector<std::string>{};
      rows_.columns.push_back(std::move(column));
    }
  }
  TableRows& I(long long value) {
    BulkColumn& column = Next();
    std::get<std::vector<long long>>(column.values).push_back(value);
    return Mark(column, false);
  }
  TableRows& R(double value) {
    BulkColumn& column = Next();
    std::get<std::vector<double>>(column.values).push_back(value);
    return Mark(column, false);
  }
  TableRows& T(std::string value) {
    BulkColumn& column = Next();
    std::get<std::vector<std::string>>(column.values).push_back(std::move(value));
    return Mark(column, false);
  }
  TableRows& Null() {
    BulkColumn& column = Next();
    std::visit([](auto& values) { values.emplace_back(); }, column.values);
    return Mark(column, true);
  }
  TableRows& OptI(std::optional<long long> value) { return value ? I(*value) : Null(); }
  TableRows& OptT(std::optional<std::string> value) {
    return value ? T(std::move(*value)) : Null();
  }
  const BulkTable& rows() const { return rows_; }
  BulkTable& rows() { return rows_; }
  std::size_t size() const { return rows_.columns.front().size(); }

 private:
  BulkColumn& Next() {
    BulkColumn& column = rows_.columns[cursor_];
    cursor_ = (cursor_ + 1) % rows_.columns.size();
    return column;
  }
  TableRows& Mark(BulkColumn& column, bool null) {
    if (column.nulls.size() + 1 == column.size()) {
      column.nulls.push_back(null);
    } else if (null) {  // the column's first null: the rows before it were not
      column.nulls.assign(column.size() - 1, false);
      column.nulls.push_back(true);
    }
    return *this;
  }
  BulkTable rows_;
  std::size_t cursor_ = 0;
};

// --- What rows refer to ------------------------------------------------------------

struct City {
  std::string name;
  double latitude;
  double longitude;
};

enum class Housing { kMen, kWomen, kMixed };

struct Facility {
  long long id = 0;
  int city = 0;
  double latitude = 0;
  double longitude = 0;
  Housing housing = Housing::kMen;
  long long population = 0;
  long long women_wing = 0;  // 0: none
  long long men_wing = 0;
  long long patio = 0;
  long long classroom = 0;
  long long nursery_officer = 0;  // user id, 0: none
  long long first_session = 0;    // visit_sessions id of its first Saturday
  std::vector<int> parents;       // indexes into parents_
  bool has_nursery() const { return housing != Housing::kMen; }
};

struct Home {
  long long id = 0;
  int organisation = 0;  // index into organisations_
  double latitude = 0;
  double longitude = 0;
  int children = 0;
  std::vector<long long> escorts;
};

struct Organisation {
  long long id = 0;
  int city = 0;
  long long coordinator = 0;  // user ids
  long long facilitator = 0;
};

struct Parent {
  long long id = 0;
  bool female = false;
  int facility = 0;
  long long admitted = 0;   // day
  long long released = -1;  // day, -1 while held
  std::string family_names;
};

struct Child {
  long long id = 0;
  int parent = 0;  // index into parents_
  int second_parent = -1;
  std::string placement;
  int home = -1;          // index into homes_
  int organisation = -1;  // index into organisations_
  long long born = 0;
  long long registered = 0;  // day
};

class Generator {
 public:
  Generator(Txn& txn, const DatasetOptions& options, const ScaleFigures& figures)
      : txn_(txn), options_(options), figures_(figures), draw_(options.seed) {
    today_ = DaysSinceEpoch(options.as_of);
    history_start_ = FirstOfMonth(AddMonthsTo(today_, -kHistoryMonths));
    first_saturday_ = NextWeekday(history_start_, kVisitWeekday);
    sessions_end_ = AddMonthsTo(FirstOfMonth(today_), 2);  // the next month is planned
    weeks_ = (sessions_end_ - first_saturday_) / 7;
  }

  Result<DatasetReport> Run() {
    VINCULO_RETURN_IF_ERROR(PrepareBulkLoad(txn_));
    VINCULO_RETURN_IF_ERROR(Lookups());
    VINCULO_RETURN_IF_ERROR(Places());
    VINCULO_RETURN_IF_ERROR(PeopleAndUsers());
    VINCULO_RETURN_IF_ERROR(Parents());
    VINCULO_RETURN_IF_ERROR(Children());
    VINCULO_RETURN_IF_ERROR(Nursery());
    VINCULO_RETURN_IF_ERROR(Visits());
    VINCULO_RETURN_IF_ERROR(Workshops());
    VINCULO_RETURN_IF_ERROR(Audit());
    VINCULO_RETURN_IF_ERROR(txn_.Execute("ANALYZE"));
    Written("(ANALYZE)", 0);
    report_.largest_organisation_id = organisations_[static_cast<std::size_t>(largest_)].id;
    return report_;
  }

 private:
  // --- Infrastructure ---
  Result<long long> Base(const std::string& table) { return NextId(txn_, table); }

  // Writes the rows (with their search text when the kind has one; the
  // column is added to them, not to a copy of a table of 250,000 rows).
  Status Load(TableRows& rows) {
    BulkTable& table = rows.rows();
    const long long count = static_cast<long long>(rows.size());
    if (const RecordKind* kind = FindRecordKind(table.table); kind && kind->Searchable()) {
      AddSearchText(*kind, table);
    }
    VINCULO_RETURN_IF_ERROR(BulkInsert(txn_, table));
    VINCULO_RETURN_IF_ERROR(AfterExplicitIds(txn_, table.table));
    Written(table.table, count);
    return Status::Ok();
  }

  void Written(const std::string& table, long long rows) {
    const auto now = std::chrono::steady_clock::now();
    report_.tables.push_back({table, rows, std::chrono::duration<double>(now - since_).count()});
    report_.total_rows += rows;
    since_ = now;
  }

  std::string Now() const { return Stamp(today_, 12 * 60); }
  long long DayBetween(long long from, long long to) {
    return to <= from ? from : draw_.Between(from, to);
  }
  std::string PersonName(bool female) { return GivenNames(draw_, kAndean, female); }
  std::string Surnames() {
    return draw_.Pick(kAndean.families) + " " + draw_.Pick(kAndean.families);
  }
  std::pair<double, double> Near(int city, double spread) {
    const City& centre = cities_[city];
    const double latitude = std::clamp(
        centre.latitude + (draw_.Between(-1000, 1000) / 1000.0) * spread, kSouth, kNorth);
    const double longitude =
        std::clamp(centre.longitude + (draw_.Between(-1000, 1000) / 1000.0) * spread, kWest, kEast);
    return {latitude, longitude};
  }
  // A facility index for a parent, by population among those housing her sex.
  int FacilityFor(bool female) {
    const auto& cumulative = female ? women_cumulative_ : men_cumulative_;
    const auto& indexes = female ? women_facilities_ : men_facilities_;
    const long long point = draw_.Between(0, cumulative.back() - 1);
    const auto found = std::upper_bound(cumulative.begin(), cumulative.end(), point);
    return indexes[static_cast<std::size_t>(found - cumulative.begin())];
  }
  // The largest organisation takes two shares of homes and followed children.
  int OrganisationShare() {
    const auto pick = draw_.Below(organisations_.size() + 1);
    return pick == 0 ? 0 : static_cast<int>(pick - 1);
  }

  Status Lookups() {
    auto jurisdictions = txn_.List(JurisdictionKind(), ListQuery{{}, "", 0, 1000}, Actor::System());
    if (!jurisdictions.ok()) return jurisdictions.status();
    for (const Record& jurisdiction : jurisdictions->items) {
      if (jurisdiction.Text("code").value_or("") == "PE") jurisdiction_ = jurisdiction.id;
    }
    if (jurisdiction_ == 0) {
      return Status(StatusCode::kNotFound,
                    "jurisdiction PE is missing: load the co-residence rules (vinculo init)");
    }
    auto courses = workshop_store::Courses(txn_);
    if (!courses.ok()) return courses.status();
    for (const CourseRow& course : *courses) {
      if (course.code == "crianza-positiva") course_ = course.id;
    }
    if (course_ == 0)
      return Status(StatusCode::kNotFound, "workshop course crianza-positiva is missing");
    return Status::Ok();
  }

  // --- Cities, organisations, facilities, wings, spaces, homes ---
  Status Places() {
    for (int index = 0; index < figures_.cities; ++index) {
      City city;
      city.name = std::string(draw_.Pick(kCityStems)) + draw_.Pick(kCitySuffixes);
      city.latitude = kSouth + (kNorth - kSouth) * (draw_.Between(0, 1000) / 1000.0);
      city.longitude = kWest + (kEast - kWest) * (draw_.Between(0, 1000) / 1000.0);
      cities_.push_back(std::move(city));
    }
    VINCULO_ASSIGN_OR_RETURN(long long organisation_id, Base("organisations"));
    TableRows organisations("organisations", {{"id", TableRows::kInt},
                                              {"created_at", TableRows::kText},
                                              {"updated_at", TableRows::kText},
                                              {"name", TableRows::kText},
                                              {"kind", TableRows::kText},
                                              {"jurisdiction_id", TableRows::kInt},
                                              {"address", TableRows::kText},
                                              {"latitude", TableRows::kReal},
                                              {"longitude", TableRows::kReal}});
    const std::string created = Stamp(history_start_, 9 * 60);
    authority_ = organisation_id++;
    organisations.I(authority_)
        .T(created)
        .T(created)
        .T("Instituto Penitenciario Nacional (sintético)")
        .T("prison_authority")
        .I(jurisdiction_)
        .T("Sede central")
        .R(cities_[0].latitude)
        .R(cities_[0].longitude);
    for (int index = 0; index < figures_.care_organisations; ++index) {
      Organisation organisation;
      organisation.id = organisation_id++;
      organisation.city = index % figures_.cities;
      organisations_.push_back(organisation);
      const City& city = cities_[organisation.city];
      organisations.I(organisation.id)
          .T(created)
          .T(created)
          .T("Red Vínculo " + city.name + " " + std::to_string(index + 1) + " (sintética)")
          .T("ngo")
          .I(jurisdiction_)
          .T("Jr. Principal " + std::to_string(100 + index) + ", " + city.name)
          .R(city.latitude)
          .R(city.longitude);
    }
    VINCULO_RETURN_IF_ERROR(Load(organisations));

    VINCULO_ASSIGN_OR_RETURN(long long facility_id, Base("facilities"));
    TableRows facilities("facilities", {{"id", TableRows::kInt},
                                        {"created_at", TableRows::kText},
                                        {"updated_at", TableRows::kText},
                                        {"name", TableRows::kText},
                                        {"kind", TableRows::kText},
                                        {"jurisdiction_id", TableRows::kInt},
                                        {"organisation_id", TableRows::kInt},
                                        {"address", TableRows::kText},
                                        {"official_capacity", TableRows::kInt},
                                        {"current_population", TableRows::kInt},
                                        {"has_nursery", TableRows::kInt},
                                        {"latitude", TableRows::kReal},
                                        {"longitude", TableRows::kReal}});
    for (int index = 0; index < figures_.facilities; ++index) {
      Facility facility;
      facility.id = facility_id++;
      facility.city = index % figures_.cities;
      facility.housing = index % 5 == 0    ? Housing::kWomen
                         : index % 10 == 3 ? Housing::kMixed
                                           : Housing::kMen;
      std::tie(facility.latitude, facility.longitude) = Near(facility.city, 0.25);
      const long long capacity = draw_.Between(150, 2500);
      const long long occupancy =
          draw_.Percent(60) ? draw_.Between(105, 440) : draw_.Between(55, 100);
      facility.population = capacity * occupancy / 100;
      const char* kind_name = facility.housing == Housing::kWomen ? "de Mujeres " : "";
      facilities.I(facility.id)
          .T(created)
          .T(created)
          .T("Establecimiento Penitenciario " + std::string(kind_name) +
             cities_[facility.city].name + " " + std::to_string(index + 1) + " (sintético)")
          .T("prison")
          .I(jurisdiction_)
          .I(authority_)
          .T("Carretera " + std::to_string(index + 1) + ", km " +
             std::to_string(draw_.Between(1, 40)))
          .I(capacity)
          .I(facility.population)
          .I(facility.has_nursery() ? 1 : 0)
          .R(facility.latitude)
          .R(facility.longitude);
      facilities_.push_back(std::move(facility));
    }
    VINCULO_RETURN_IF_ERROR(Load(facilities));

    VINCULO_ASSIGN_OR_RETURN(long long wing_id, Base("wings"));
    TableRows wings("wings", {{"id", TableRows::kInt},
                              {"created_at", TableRows::kText},
                              {"updated_at", TableRows::kText},
                              {"facility_id", TableRows::kInt},
                              {"name", TableRows::kText},
                              {"gender", TableRows::kText},
                              {"capacity", TableRows::kInt}});
    VINCULO_ASSIGN_OR_RETURN(long long space_id, Base("spaces"));
    TableRows spaces("spaces", {{"id", TableRows::kInt},
                                {"created_at", TableRows::kText},
                                {"updated_at", TableRows::kText},
                                {"facility_id", TableRows::kInt},
                                {"name", TableRows::kText},
                                {"kind", TableRows::kText},
                                {"capacity_people", TableRows::kInt}});
    for (std::size_t index = 0; index < facilities_.size(); ++index) {
      Facility& facility = facilities_[index];
      if (facility.housing != Housing::kWomen) {
        facility.men_wing = wing_id++;
        wings.I(facility.men_wing)
            .T(created)
            .T(created)
            .I(facility.id)
            .T("Pabellón de varones")
            .T("men")
            .I(std::max(1LL, facility.population * 9 / 10));
        men_facilities_.push_back(static_cast<int>(index));
        men_cumulative_.push_back((men_cumulative_.empty() ? 0 : men_cumulative_.back()) +
                                  std::max(1LL, facility.population));
      }
      if (facility.has_nursery()) {
        facility.women_wing = wing_id++;
        wings.I(facility.women_wing)
            .T(created)
            .T(created)
            .I(facility.id)
            .T("Pabellón de mujeres")
            .T("women")
            .I(std::max(1LL, facility.population / 4));
        women_facilities_.push_back(static_cast<int>(index));
        women_cumulative_.push_back((women_cumulative_.empty() ? 0 : women_cumulative_.back()) +
                                    std::max(1LL, facility.population));
      }
      facility.patio = space_id++;
      spaces.I(facility.patio)
          .T(created)
          .T(created)
          .I(facility.id)
          .T("Patio de visitas")
          .T("visiting_patio")
          .I(200);
      facility.classroom = space_id++;
      spaces.I(facility.classroom)
          .T(created)
          .T(created)
          .I(facility.id)
          .T("Aula")
          .T("classroom")
          .I(30);
      if (facility.has_nursery()) {
        spaces.I(space_id++).T(created).T(created).I(facility.id).T("Cuna").T("nursery").I(60);
      }
    }
    VINCULO_RETURN_IF_ERROR(Load(wings));
    VINCULO_RETURN_IF_ERROR(Load(spaces));

    VINCULO_ASSIGN_OR_RETURN(long long home_id, Base("homes"));
    TableRows homes("homes", {{"id", TableRows::kInt},
                              {"created_at", TableRows::kText},
                              {"updated_at", TableRows::kText},
                              {"organisation_id", TableRows::kInt},
                              {"name", TableRows::kText},
                              {"address", TableRows::kText},
                              {"capacity_children", TableRows::kInt},
                              {"latitude", TableRows::kReal},
                              {"longitude", TableRows::kReal}});
    const int home_count = std::max(1, figures_.caregivers / kCaregiversPerHome);
    for (int index = 0; index < home_count; ++index) {
      Home home;
      home.id = home_id++;
      home.organisation = OrganisationShare();
      std::tie(home.latitude, home.longitude) = Near(organisations_[home.organisation].city, 0.3);
      homes.I(home.id)
          .T(created)
          .T(created)
          .I(organisations_[home.organisation].id)
          .T("Casa " + std::string(draw_.Pick(kAndean.girls)) + " " + std::to_string(index + 1))
          .T("Pasaje " + std::to_string(draw_.Between(1, 300)) + ", " +
             cities_[organisations_[home.organisation].city].name)
          .I(kHomeCapacity)
          .R(home.latitude)
          .R(home.longitude);
      homes_.push_back(std::move(home));
    }
    // The largest organisation: the one with the most homes (the largest
    // month to plan).
    std::vector<int> homes_per_organisation(organisations_.size(), 0);
    for (const Home& home : homes_) ++homes_per_organisation[home.organisation];
    largest_ = static_cast<int>(
        std::max_element(homes_per_organisation.begin(), homes_per_organisation.end()) -
        homes_per_organisation.begin());
    return Load(homes);
  }

  // --- Staff (caregivers are escorts), escorts' dates, users ---
  Status PeopleAndUsers() {
    const std::string created = Stamp(history_start_, 10 * 60);
    VINCULO_ASSIGN_OR_RETURN(long long staff_id, Base("staff"));
    VINCULO_ASSIGN_OR_RETURN(long long escort_id, Base("escorts"));
    TableRows staff("staff", {{"id", TableRows::kInt},
                              {"created_at", TableRows::kText},
                              {"updated_at", TableRows::kText},
                              {"organisation_id", TableRows::kInt},
                              {"home_id", TableRows::kInt},
                              {"given_names", TableRows::kText},
                              {"family_names", TableRows::kText},
                              {"staff_role", TableRows::kText}});
    TableRows escorts("escorts", {{"id", TableRows::kInt},
                                  {"organisation_id", TableRows::kInt},
                                  {"staff_id", TableRows::kInt},
                                  {"max_children", TableRows::kInt},
                                  {"created_at", TableRows::kText},
                                  {"updated_at", TableRows::kText}});
    TableRows dates("escort_available_dates",
                    {{"escort_id", TableRows::kInt}, {"available_on", TableRows::kText}});
    const long long next_month = AddMonthsTo(FirstOfMonth(today_), 1);
    for (int index = 0; index < figures_.caregivers; ++index) {
      Home& home = homes_[static_cast<std::size_t>(index) % homes_.size()];
      const long long organisation_id = organisations_[home.organisation].id;
      staff.I(staff_id)
          .T(created)
          .T(created)
          .I(organisation_id)
          .I(home.id)
          .T(PersonName(true))
          .T(Surnames())
          .T("caregiver");
      escorts.I(escort_id).I(organisation_id).I(staff_id).I(kEscortSeats).T(created).T(created);
      for (long long day = NextWeekday(next_month, kVisitWeekday); day < sessions_end_; day += 7) {
        if (draw_.Percent(75)) dates.I(escort_id).T(Day(day));
      }
      home.escorts.push_back(escort_id);
      ++staff_id;
      ++escort_id;
    }
    for (const Organisation& organisation : organisations_) {
      for (const char* role : {"coordinator", "social_worker", "psychologist"}) {
        staff.I(staff_id++)
            .T(created)
            .T(created)
            .I(organisation.id)
            .Null()
            .T(PersonName(draw_.Percent(70)))
            .T(Surnames())
            .T(role);
      }
    }
    VINCULO_RETURN_IF_ERROR(Load(staff));
    VINCULO_RETURN_IF_ERROR(Load(escorts));
    VINCULO_RETURN_IF_ERROR(Load(dates));

    // Accounts carry no password ("!" matches no argon2id hash): an operator
    // sets one (vinculo password) or adds her own with vinculo user add.
    VINCULO_ASSIGN_OR_RETURN(long long user_id, Base("users"));
    TableRows users("users", {{"id", TableRows::kInt},
                              {"username", TableRows::kText},
                              {"password_hash", TableRows::kText},
                              {"role", TableRows::kText},
                              {"organisation_id", TableRows::kInt},
                              {"facility_id", TableRows::kInt},
                              {"display_name", TableRows::kText},
                              {"language", TableRows::kText},
                              {"created_at", TableRows::kText},
                              {"updated_at", TableRows::kText}});
    for (Organisation& organisation : organisations_) {
      organisation.coordinator = user_id++;
      users.I(organisation.coordinator)
          .T("coordinacion.o" + std::to_string(organisation.id))
          .T("!")
          .T("programme_coordinator")
          .I(organisation.id)
          .Null()
          .T(PersonName(true) + " " + Surnames())
          .T("es")
          .T(created)
          .T(created);
      organisation.facilitator = user_id++;
      users.I(organisation.facilitator)
          .T("talleres.o" + std::to_string(organisation.id))
          .T("!")
          .T("social_worker")
          .I(organisation.id)
          .Null()
          .T(PersonName(true) + " " + Surnames())
          .T("es")
          .T(created)
          .T(created);
    }
    for (Facility& facility : facilities_) {
      if (!facility.has_nursery()) continue;
      facility.nursery_officer = user_id++;
      users.I(facility.nursery_officer)
          .T("guarderia.f" + std::to_string(facility.id))
          .T("!")
          .T("nursery_officer")
          .Null()
          .I(facility.id)
          .T(PersonName(true) + " " + Surnames())
          .T("es")
          .T(created)
          .T(created);
    }
    return Load(users);
  }

  // --- Parents held (and released), transfers ---
  Status Parents() {
    VINCULO_ASSIGN_OR_RETURN(long long parent_id, Base("parents"));
    TableRows parents("parents", {{"id", TableRows::kInt},
                                  {"created_at", TableRows::kText},
                                  {"updated_at", TableRows::kText},
                                  {"given_names", TableRows::kText},
                                  {"family_names", TableRows::kText},
                                  {"sex", TableRows::kText},
                                  {"date_of_birth", TableRows::kText},
                                  {"facility_id", TableRows::kInt},
                                  {"wing_id", TableRows::kInt},
                                  {"prisoner_number", TableRows::kText},
                                  {"custody_status", TableRows::kText},
                                  {"admission_date", TableRows::kText},
                                  {"expected_release_date", TableRows::kText},
                                  {"released_on", TableRows::kText},
                                  {"offence_category", TableRows::kText},
                                  {"language", TableRows::kText}});
    VINCULO_ASSIGN_OR_RETURN(long long transfer_id, Base("parent_transfers"));
    TableRows transfers("parent_transfers", {{"id", TableRows::kInt},
                                             {"parent_id", TableRows::kInt},
                                             {"from_facility_id", TableRows::kInt},
                                             {"to_facility_id", TableRows::kInt},
                                             {"transferred_on", TableRows::kText},
                                             {"reason", TableRows::kText},
                                             {"recorded_by", TableRows::kInt},
                                             {"created_at", TableRows::kText}});
    parents_.reserve(static_cast<std::size_t>(figures_.parents));
    for (int index = 0; index < figures_.parents; ++index) {
      Parent parent;
      parent.id = parent_id++;
      parent.female = draw_.Percent(kFemaleParentsPercent);
      parent.facility = FacilityFor(parent.female);
      parent.admitted = today_ - draw_.Between(30, 8 * kDaysPerYear);
      const long long expected =
          parent.admitted + draw_.Between(3 * kDaysPerYear, 25 * kDaysPerYear);
      if (draw_.Percent(12) && today_ - parent.admitted > 400) {
        parent.released = DayBetween(parent.admitted + 365, today_ - 1);
      }
      parent.family_names = Surnames();
      Facility& facility = facilities_[static_cast<std::size_t>(parent.facility)];
      facility.parents.push_back(index);
      const std::string created = Stamp(std::max(parent.admitted, history_start_), 11 * 60);
      char number[24];
      std::snprintf(number, sizeof number, "PE-%08lld", parent.id);
      parents.I(parent.id)
          .T(created)
          .T(created)
          .T(PersonName(parent.female))
          .T(parent.family_names)
          .T(parent.female ? "female" : "male")
          .T(Day(today_ - draw_.Between(19 * kDaysPerYear, 55 * kDaysPerYear)))
          .I(facility.id)
          .I(parent.female ? facility.women_wing : facility.men_wing)
          .T(number)
          .T(parent.released < 0 ? "incarcerated" : "released")
          .T(Day(parent.admitted))
          .T(Day(std::max(expected, parent.released < 0 ? today_ + 30 : expected)))
          .OptT(parent.released < 0 ? std::nullopt
                                    : std::optional<std::string>(Day(parent.released)))
          .T(kOffenceDeck[draw_.Below(std::size(kOffenceDeck))])
          .T("es");
      if (draw_.Percent(8)) {
        const int from = FacilityFor(parent.female);
        if (from != parent.facility) {
          const long long on =
              DayBetween(parent.admitted, parent.released < 0 ? today_ : parent.released);
          transfers.I(transfer_id++)
              .I(parent.id)
              .I(facilities_[static_cast<std::size_t>(from)].id)
              .I(facility.id)
              .T(Day(on))
              .T(draw_.Percent(50) ? "overcrowding" : "family closeness")
              .I(0)
              .T(Stamp(on, 15 * 60));
        }
      }
      parents_.push_back(std::move(parent));
    }
    VINCULO_RETURN_IF_ERROR(Load(parents));
    return Load(transfers);
  }

  // --- Children, links, placements ---
  Status Children() {
    VINCULO_ASSIGN_OR_RETURN(long long child_id, Base("children"));
    TableRows children("children", {{"id", TableRows::kInt},
                                    {"created_at", TableRows::kText},
                                    {"updated_at", TableRows::kText},
                                    {"given_names", TableRows::kText},
                                    {"family_names", TableRows::kText},
                                    {"pseudonym", TableRows::kText},
                                    {"date_of_birth", TableRows::kText},
                                    {"sex", TableRows::kText},
                                    {"organisation_id", TableRows::kInt},
                                    {"placement", TableRows::kText},
                                    {"facility_id", TableRows::kInt},
                                    {"home_id", TableRows::kInt},
                                    {"home_address", TableRows::kText},
                                    {"home_latitude", TableRows::kReal},
                                    {"home_longitude", TableRows::kReal}});
    const long long inside_target =
        static_cast<long long>(figures_.children) * kInsidePercent / 100;
    long long inside = 0;
    std::size_t next_home = 0;
    std::size_t parent_index = 0;
    children_.reserve(static_cast<std::size_t>(figures_.children));
    while (children_.size() < static_cast<std::size_t>(figures_.children)) {
      const int parent = static_cast<int>(parent_index++ % parents_.size());
      const Parent& mother_or_father = parents_[static_cast<std::size_t>(parent)];
      const int roll = static_cast<int>(draw_.Below(100));
      const int siblings = roll < 50 ? 1 : roll < 85 ? 2 : 3;
      // The group's second parent, often held in another prison.
      int second = -1;
      if (draw_.Percent(kSecondParentPercent)) {
        for (int attempt = 0; attempt < 8 && second < 0; ++attempt) {
          const int candidate = static_cast<int>(draw_.Below(parents_.size()));
          if (parents_[static_cast<std::size_t>(candidate)].female != mother_or_father.female) {
            second = candidate;
          }
        }
      }
      // Where the group lives: one home, near the prison or in another city.
      std::string placement = "relatives";
      int home = -1;
      int organisation = -1;
      const int where = static_cast<int>(draw_.Below(1000));
      if (where < figures_.care_home_per_mille) {
        for (std::size_t tried = 0; tried < homes_.size() && home < 0; ++tried) {
          Home& candidate = homes_[next_home];
          next_home = (next_home + 1) % homes_.size();
          if (candidate.children + siblings <= kHomeCapacity)
            home = static_cast<int>(&candidate - homes_.data());
        }
        if (home >= 0) {
          placement = "care_home";
          organisation = homes_[static_cast<std::size_t>(home)].organisation;
          homes_[static_cast<std::size_t>(home)].children += siblings;
        }
      } else if (where < figures_.care_home_per_mille + 56) {
        placement = "state_care";
      } else if (where < figures_.care_home_per_mille + 86) {
        placement = "other";
      } else if (draw_.Percent(kFollowedRelativesPercent)) {
        organisation = OrganisationShare();
      }
      const Facility& facility = facilities_[static_cast<std::size_t>(mother_or_father.facility)];
      const int city =
          draw_.Percent(70) ? facility.city : static_cast<int>(draw_.Below(cities_.size()));
      const auto [latitude, longitude] = Near(city, 0.3);
      const std::string address =
          "Calle " + std::to_string(draw_.Between(1, 999)) + ", " + cities_[city].name;
      const std::string family = mother_or_father.family_names;
      for (int sibling = 0;
           sibling < siblings && children_.size() < static_cast<std::size_t>(figures_.children);
           ++sibling) {
        Child child;
        child.id = child_id++;
        child.parent = parent;
        child.second_parent = second;
        child.home = home;
        child.organisation = organisation;
        child.placement = placement;
        // A mother held in a prison with a nursery may have her youngest inside.
        const bool lives_inside = sibling == 0 && mother_or_father.female &&
                                  mother_or_father.released < 0 && facility.has_nursery() &&
                                  inside < inside_target && draw_.Percent(45);
        if (lives_inside) {
          child.placement = "inside_with_mother";
          child.home = -1;
          child.organisation = -1;
          child.born = today_ - draw_.Between(10, kOldestInsideDays);
          ++inside;
        } else {
          child.born = today_ - draw_.Between(kOldestInsideDays / 2, 17 * kDaysPerYear);
        }
        child.registered = std::max({history_start_, child.born, mother_or_father.admitted});
        // Registered soon after the parent's admission (or the start of the
        // history) for most: a third of the time left, so years of visits follow.
        child.registered = DayBetween(
            child.registered, child.registered + std::max(0LL, today_ - 1 - child.registered) / 3);
        if (lives_inside)
          child.registered = std::max(child.born, std::min(child.registered, today_ - 1));
        const bool female = draw_.Percent(50);
        const std::string created = Stamp(child.registered, 14 * 60);
        children.I(child.id)
            .T(created)
            .T(created)
            .T(PersonName(female))
            .T(family)
            .T(PseudonymFor(options_.seed, child.id))
            .T(Day(child.born))
            .T(female ? "female" : "male")
            .OptI(child.organisation >= 0
                      ? std::optional<long long>(
                            organisations_[static_cast<std::size_t>(child.organisation)].id)
                      : std::nullopt)
            .T(child.placement)
            .OptI(lives_inside ? std::optional<long long>(facility.id) : std::nullopt)
            .OptI(child.home >= 0
                      ? std::optional<long long>(homes_[static_cast<std::size_t>(child.home)].id)
                      : std::nullopt);
        if (child.placement == "relatives" || child.placement == "other") {
          children.T(address).R(latitude).R(longitude);
        } else {
          children.Null().Null().Null();
        }
        children_.push_back(std::move(child));
      }
    }
    VINCULO_RETURN_IF_ERROR(Load(children));

    VINCULO_ASSIGN_OR_RETURN(long long link_id, Base("parent_child_links"));
    TableRows links("parent_child_links", {{"id", TableRows::kInt},
                                           {"created_at", TableRows::kText},
                                           {"updated_at", TableRows::kText},
                                           {"parent_id", TableRows::kInt},
                                           {"child_id", TableRows::kInt},
                                           {"relation", TableRows::kText},
                                           // What the links keep of their child and parent
                                           // (migration 30), given here so that SQLite's
                                           // trigger, which checks them, need not rewrite
                                           // each link (41 s against 6 s for the national
                                           // links without them).
                                           {"child_organisation_id", TableRows::kInt},
                                           {"parent_facility_id", TableRows::kInt},
                                           {"parent_archived", TableRows::kInt}});
    VINCULO_ASSIGN_OR_RETURN(long long placement_id, Base("placements"));
    TableRows placements("placements", {{"id", TableRows::kInt},
                                        {"child_id", TableRows::kInt},
                                        {"placement", TableRows::kText},
                                        {"facility_id", TableRows::kInt},
                                        {"home_id", TableRows::kInt},
                                        {"organisation_id", TableRows::kInt},
                                        {"started_on", TableRows::kText},
                                        {"ended_on", TableRows::kText},
                                        {"note", TableRows::kText},
                                        {"recorded_by", TableRows::kInt},
                                        {"created_at", TableRows::kText}});
    for (const Child& child : children_) {
      const std::string created = Stamp(child.registered, 14 * 60);
      for (int parent : {child.parent, child.second_parent}) {
        if (parent < 0) continue;
        const Parent& row = parents_[static_cast<std::size_t>(parent)];
        links.I(link_id++)
            .T(created)
            .T(created)
            .I(row.id)
            .I(child.id)
            .T(row.female ? "mother" : "father")
            .OptI(child.organisation >= 0
                      ? std::optional<long long>(
                            organisations_[static_cast<std::size_t>(child.organisation)].id)
                      : std::nullopt)
            .I(facilities_[static_cast<std::size_t>(row.facility)].id)
            .I(0);  // the generator archives no parent
      }
      long long started = child.placement == "inside_with_mother" ? child.born : child.registered;
      if (child.placement != "inside_with_mother" && child.placement != "relatives" &&
          draw_.Percent(15)) {
        const long long earlier = DayBetween(child.born, started);
        placements.I(placement_id++)
            .I(child.id)
            .T("relatives")
            .Null()
            .Null()
            .Null()
            .T(Day(earlier))
            .T(Day(started))
            .T("with the grandmother until the move")
            .I(0)
            .T(created);
      }
      const Facility& facility = facilities_[static_cast<std::size_t>(
          parents_[static_cast<std::size_t>(child.parent)].facility)];
      placements.I(placement_id++)
          .I(child.id)
          .T(child.placement)
          .OptI(child.placement == "inside_with_mother" ? std::optional<long long>(facility.id)
                                                        : std::nullopt)
          .OptI(child.home >= 0
                    ? std::optional<long long>(homes_[static_cast<std::size_t>(child.home)].id)
                    : std::nullopt)
          .OptI(child.organisation >= 0
                    ? std::optional<long long>(
                          organisations_[static_cast<std::size_t>(child.organisation)].id)
                    : std::nullopt)
          .T(Day(started))
          .Null()
          .T("")
          .I(0)
          .T(created);
    }
    VINCULO_RETURN_IF_ERROR(Load(links));
    return Load(placements);
  }

  // --- Children inside: admissions, authorised adults, the leave book ---
  Status Nursery() {
    VINCULO_ASSIGN_OR_RETURN(long long admission_id, Base("nursery_admissions"));
    TableRows admissions("nursery_admissions", {{"id", TableRows::kInt},
                                                {"child_id", TableRows::kInt},
                                                {"facility_id", TableRows::kInt},
                                                {"admitted_on", TableRows::kText},
                                                {"recorded_by", TableRows::kInt},
                                                {"created_at", TableRows::kText},
                                                {"updated_at", TableRows::kText}});
    VINCULO_ASSIGN_OR_RETURN(long long adult_id, Base("authorised_adults"));
    TableRows adults("authorised_adults", {{"id", TableRows::kInt},
                                           {"child_id", TableRows::kInt},
                                           {"full_name", TableRows::kText},
                                           {"relationship", TableRows::kText},
                                           {"document_id", TableRows::kText},
                                           {"active", TableRows::kInt},
                                           {"recorded_by", TableRows::kInt},
                                           {"created_at", TableRows::kText}});
    VINCULO_ASSIGN_OR_RETURN(long long leave_id, Base("nursery_leaves"));
    TableRows leaves("nursery_leaves", {{"id", TableRows::kInt},
                                        {"child_id", TableRows::kInt},
                                        {"facility_id", TableRows::kInt},
                                        {"adult_id", TableRows::kInt},
                                        {"reason", TableRows::kText},
                                        {"left_at", TableRows::kText},
                                        {"due_back_at", TableRows::kText},
                                        {"returned_at", TableRows::kText},
                                        {"note", TableRows::kText},
                                        {"recorded_by", TableRows::kInt},
                                        {"created_at", TableRows::kText}});
    for (const Child& child : children_) {
      if (child.placement != "inside_with_mother") continue;
      const Parent& mother = parents_[static_cast<std::size_t>(child.parent)];
      const Facility& facility = facilities_[static_cast<std::size_t>(mother.facility)];
      const long long admitted = std::max(child.born, mother.admitted);
      const std::string created = Stamp(admitted, 16 * 60);
      admissions.I(admission_id++)
          .I(child.id)
          .I(facility.id)
          .T(Day(admitted))
          .I(facility.nursery_officer)
          .T(created)
          .T(created);
      const long long first_adult = adult_id;
      for (int adult = 0; adult < 2; ++adult) {
        char document[24];
        std::snprintf(document, sizeof document, "DNI-%08lld",
                      static_cast<long long>(draw_.Between(10000000, 99999999)));
        adults.I(adult_id++)
            .I(child.id)
            .T(PersonName(draw_.Percent(70)) + " " + mother.family_names)
            .T(kRelatives[draw_.Below(std::size(kRelatives))])
            .T(document)
            .I(1)
            .I(facility.nursery_officer)
            .T(created);
      }
      // A leave every one to three months; the last may still be open.
      for (long long day = admitted + draw_.Between(30, 90); day < today_;
           day += draw_.Between(30, 90)) {
        const int roll = static_cast<int>(draw_.Below(10));
        const char* reason = roll < 7 ? "weekend_with_relatives" : roll < 9 ? "hospital" : "court";
        const long long back = day + 2;
        leaves.I(leave_id++)
            .I(child.id)
            .I(facility.id)
            .I(first_adult + static_cast<long long>(draw_.Below(2)))
            .T(reason)
            .T(Stamp(day, 9 * 60))
            .T(Stamp(back, 18 * 60))
            .OptT(back <= today_ ? std::optional<std::string>(Stamp(back, 17 * 60)) : std::nullopt)
            .T("")
            .I(facility.nursery_officer)
            .T(Stamp(day, 9 * 60));
        leave_events_.emplace_back(day, leave_id - 1);
      }
    }
    VINCULO_RETURN_IF_ERROR(Load(admissions));
    VINCULO_RETURN_IF_ERROR(Load(adults));
    return Load(leaves);
  }

  // --- Visiting sessions, requirements, five years of published plans ---
  Status Visits() {
    VINCULO_ASSIGN_OR_RETURN(long long template_id, Base("visit_session_templates"));
    VINCULO_ASSIGN_OR_RETURN(long long session_id, Base("visit_sessions"));
    TableRows templates("visit_session_templates", {{"id", TableRows::kInt},
                                                    {"created_at", TableRows::kText},
                                                    {"updated_at", TableRows::kText},
                                                    {"facility_id", TableRows::kInt},
                                                    {"space_id", TableRows::kInt},
                                                    {"pattern", TableRows::kText},
                                                    {"interval_n", TableRows::kInt},
                                                    {"weekday", TableRows::kInt},
                                                    {"nth", TableRows::kInt},
                                                    {"month_day", TableRows::kInt},
                                                    {"anchor_date", TableRows::kText},
                                                    {"valid_from", TableRows::kText},
                                                    {"start_minute", TableRows::kInt},
                                                    {"end_minute", TableRows::kInt},
                                                    {"capacity_families", TableRows::kInt},
                                                    {"capacity_people", TableRows::kInt},
                                                    {"wing", TableRows::kText},
                                                    {"created_by", TableRows::kInt}});
    const std::string created = Stamp(history_start_, 12 * 60);
    std::vector<long long> capacity(facilities_.size());
    for (std::size_t index = 0; index < facilities_.size(); ++index) {
      Facility& facility = facilities_[index];
      capacity[index] = std::clamp(facility.population / 20, 20LL, 200LL);
      facility.first_session = session_id + static_cast<long long>(index) * weeks_;
      templates.I(template_id + static_cast<long long>(index))
          .T(created)
          .T(created)
          .I(facility.id)
          .I(facility.patio)
          .T("weekly")
          .I(1)
          .I(kVisitWeekday)
          .I(1)
          .I(1)
          .T(Day(first_saturday_))
          .T(Day(first_saturday_))
          .I(kVisitStartMinute)
          .I(kVisitEndMinute)
          .I(capacity[index])
          .I(capacity[index] * 3)
          .T("any")
          .I(0);
    }
    VINCULO_RETURN_IF_ERROR(Load(templates));

    // Requirements: each child in a care home with each parent still held.
    struct Requirement {
      long long id;
      int child;
      int parent;
    };
    VINCULO_ASSIGN_OR_RETURN(long long requirement_id, Base("visit_requirements"));
    std::vector<Requirement> requirements;
    for (std::size_t index = 0; index < children_.size(); ++index) {
      const Child& child = children_[index];
      if (child.home < 0) continue;
      for (int parent : {child.parent, child.second_parent}) {
        if (parent < 0 || parents_[static_cast<std::size_t>(parent)].released >= 0) continue;
        requirements.push_back({requirement_id++, static_cast<int>(index), parent});
      }
    }
    // A family is one home's children visiting one parent: they go together.
    std::sort(
        requirements.begin(), requirements.end(), [&](const Requirement& a, const Requirement& b) {
          return std::tuple(children_[static_cast<std::size_t>(a.child)].home, a.parent, a.id) <
                 std::tuple(children_[static_cast<std::size_t>(b.child)].home, b.parent, b.id);
        });

    // Plans: one published per organisation and past month.
    const long long this_month = FirstOfMonth(today_);
    const int months = kHistoryMonths;
    VINCULO_ASSIGN_OR_RETURN(long long plan_base, Base("plans"));
    auto plan_id = [&](int organisation, int month) {
      return plan_base + static_cast<long long>(organisation) * months + month;
    };
    struct VisitDraft {
      long long plan;
      int home;
      int facility;
      long long session_day;
      int parent;
      long long requirement;
      int child;
    };
    std::vector<VisitDraft> drafts;
    std::vector<long long> active_pairs(organisations_.size() * static_cast<std::size_t>(months),
                                        0);
    for (std::size_t begin = 0; begin < requirements.size();) {
      std::size_t end = begin;
      const int home = children_[static_cast<std::size_t>(requirements[begin].child)].home;
      const int parent = requirements[begin].parent;
      while (end < requirements.size() &&
             children_[static_cast<std::size_t>(requirements[end].child)].home == home &&
             requirements[end].parent == parent) {
        ++end;
      }
      const Parent& held = parents_[static_cast<std::size_t>(parent)];
      const int organisation = homes_[static_cast<std::size_t>(home)].organisation;
      long long since = std::max(history_start_, held.admitted);
      for (std::size_t member = begin; member < end; ++member) {
        since = std::max(
            since, children_[static_cast<std::size_t>(requirements[member].child)].registered);
      }
      for (int month = 0; month < months; ++month) {
        const long long first = AddMonthsTo(history_start_, month);
        if (first >= this_month) break;
        if (AddMonthsTo(first, 1) <= since) continue;
        active_pairs[static_cast<std::size_t>(organisation) * months + month] +=
            static_cast<long long>(end - begin);
        if (!draw_.Percent(kVisitedPercent)) continue;
        const long long saturday = NextWeekday(std::max(first, since), kVisitWeekday);
        const long long month_end = AddMonthsTo(first, 1);
        if (saturday >= month_end || saturday >= today_) continue;
        const long long weeks_left = (month_end - 1 - saturday) / 7;
        const long long day = saturday + 7 * draw_.Between(0, weeks_left);
        if (day >= today_) continue;
        for (std::size_t member = begin; member < end; ++member) {
          drafts.push_back({plan_id(organisation, month), home, held.facility, day, parent,
                            requirements[member].id, requirements[member].child});
        }
      }
      begin = end;
    }
    std::sort(drafts.begin(), drafts.end(), [](const VisitDraft& a, const VisitDraft& b) {
      return std::tie(a.plan, a.home, a.facility, a.session_day, a.parent, a.requirement) <
             std::tie(b.plan, b.home, b.facility, b.session_day, b.parent, b.requirement);
    });

    // Trips: a home's families going to one prison on one day, four seats a car.
    VINCULO_ASSIGN_OR_RETURN(long long trip_id, Base("plan_trips"));
    VINCULO_ASSIGN_OR_RETURN(long long visit_id, Base("plan_visits"));
    TableRows trips("plan_trips", {{"id", TableRows::kInt},
                                   {"plan_id", TableRows::kInt},
                                   {"escort_id", TableRows::kInt},
                                   {"home_id", TableRows::kInt},
                                   {"facility_id", TableRows::kInt},
                                   {"trip_date", TableRows::kText},
                                   {"depart_minute", TableRows::kInt},
                                   {"return_minute", TableRows::kInt},
                                   {"cost", TableRows::kReal},
                                   {"status", TableRows::kText}});
    TableRows visits("plan_visits", {{"id", TableRows::kInt},
                                     {"plan_id", TableRows::kInt},
                                     {"requirement_id", TableRows::kInt},
                                     {"child_id", TableRows::kInt},
                                     {"parent_id", TableRows::kInt},
                                     {"session_id", TableRows::kInt},
                                     {"trip_id", TableRows::kInt},
                                     {"status", TableRows::kText},
                                     {"attended", TableRows::kInt},
                                     {"absence_reason", TableRows::kText},
                                     {"actual_start_minute", TableRows::kInt},
                                     {"actual_end_minute", TableRows::kInt},
                                     {"brought", TableRows::kText},
                                     {"mood_before", TableRows::kInt},
                                     {"mood_after", TableRows::kInt},
                                     {"updated_at", TableRows::kText}});
    struct PlanTotals {
      long long visits = 0;
      long long trips = 0;
      double cost = 0;
    };
    std::vector<PlanTotals> totals(organisations_.size() * static_cast<std::size_t>(months));
    std::vector<long long> last_visit(static_cast<std::size_t>(requirement_id), -1);
    // Loads per session: (session, parent), (session, child), (session, trip).
    std::vector<std::pair<long long, long long>> session_parents, session_children, session_trips;
    long long current_trip = 0;
    int seats_left = 0;
    std::tuple<long long, int, int, long long> trip_key{-1, -1, -1, -1};
    for (std::size_t begin = 0; begin < drafts.size();) {
      std::size_t end = begin;
      while (end < drafts.size() && drafts[end].plan == drafts[begin].plan &&
             drafts[end].home == drafts[begin].home &&
             drafts[end].facility == drafts[begin].facility &&
             drafts[end].session_day == drafts[begin].session_day &&
             drafts[end].parent == drafts[begin].parent) {
        ++end;
      }
      const VisitDraft& family = drafts[begin];
      const int members = static_cast<int>(end - begin);
      const auto key = std::tuple(family.plan, family.home, family.facility, family.session_day);
      const Home& home = homes_[static_cast<std::size_t>(family.home)];
      const Facility& facility = facilities_[static_cast<std::size_t>(family.facility)];
      const std::size_t plan_index = static_cast<std::size_t>(family.plan - plan_base);
      if (key != trip_key || seats_left < members) {
        trip_key = key;
        seats_left = std::max(kEscortSeats, members);
        current_trip = trip_id++;
        const double km =
            GreatCircleKm(home.latitude, home.longitude, facility.latitude, facility.longitude);
        const int travel = TravelMinutes(km, kSpeedKmh);
        const double cost = 2 * km * kCostPerKm;
        trips.I(current_trip)
            .I(family.plan)
            .I(home.escorts[static_cast<std::size_t>(current_trip) % home.escorts.size()])
            .I(home.id)
            .I(facility.id)
            .T(Day(family.session_day))
            .I(std::max(0, kVisitStartMinute - travel - 15))
            .I(std::min(24 * 60 - 1, kVisitEndMinute + travel + 15))
            .R(cost)
            .T("planned");
        totals[plan_index].trips += 1;
        totals[plan_index].cost += cost;
        session_trips.emplace_back(
            facility.first_session + (family.session_day - first_saturday_) / 7, current_trip);
      }
      seats_left -= members;
      const long long session = facility.first_session + (family.session_day - first_saturday_) / 7;
      session_parents.emplace_back(session, parents_[static_cast<std::size_t>(family.parent)].id);
      const bool attended = draw_.Percent(88);
      for (std::size_t member = begin; member < end; ++member) {
        const VisitDraft& draft = drafts[member];
        const long long child_id = children_[static_cast<std::size_t>(draft.child)].id;
        session_children.emplace_back(session, child_id);
        visits.I(visit_id++)
            .I(draft.plan)
            .I(draft.requirement)
            .I(child_id)
            .I(parents_[static_cast<std::size_t>(draft.parent)].id)
            .I(session)
            .I(current_trip)
            .T("planned")
            .I(attended ? 1 : 0);
        if (attended) {
          visits.Null()
              .I(kVisitStartMinute + draw_.Between(0, 30))
              .I(kVisitEndMinute - draw_.Between(0, 45))
              .T(draw_.Percent(50) ? "photos" : "notebook")
              .I(draw_.Between(2, 5))
              .I(draw_.Between(3, 5));
          last_visit[static_cast<std::size_t>(draft.requirement)] =
              std::max(last_visit[static_cast<std::size_t>(draft.requirement)], draft.session_day);
        } else {
          visits.T(draw_.Percent(50) ? "child_ill" : "lockdown").Null().Null().Null().Null().Null();
        }
        visits.T(Stamp(draft.session_day, 18 * 60));
        visit_events_.emplace_back(draft.session_day, visit_id - 1);
        totals[plan_index].visits += 1;
      }
      begin = end;
    }
    drafts = {};

    // Sessions with their booked loads.
    auto count_per_session = [](std::vector<std::pair<long long, long long>>& pairs) {
      std::sort(pairs.begin(), pairs.end());
      pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    };
    count_per_session(session_parents);
    count_per_session(session_children);
    count_per_session(session_trips);
    const long long sessions_total = weeks_ * static_cast<long long>(facilities_.size());
    std::vector<long long> families(static_cast<std::size_t>(sessions_total), 0);
    std::vector<long long> people(static_cast<std::size_t>(sessions_total), 0);
    for (const auto& [session, parent] : session_parents)
      ++families[static_cast<std::size_t>(session - session_id)];
    for (const auto* pairs : {&session_children, &session_trips}) {
      for (const auto& [session, other] : *pairs)
        ++people[static_cast<std::size_t>(session - session_id)];
    }
    session_parents = {};
    session_children = {};
    session_trips = {};
    TableRows sessions("visit_sessions", {{"id", TableRows::kInt},
                                          {"facility_id", TableRows::kInt},
                                          {"space_id", TableRows::kInt},
                                          {"template_id", TableRows::kInt},
                                          {"session_date", TableRows::kText},
                                          {"start_minute", TableRows::kInt},
                                          {"end_minute", TableRows::kInt},
                                          {"capacity_families", TableRows::kInt},
                                          {"capacity_people", TableRows::kInt},
                                          {"booked_families", TableRows::kInt},
                                          {"booked_people", TableRows::kInt},
                                          {"wing", TableRows::kText},
                                          {"status", TableRows::kText},
                                          {"created_at", TableRows::kText},
                                          {"updated_at", TableRows::kText}});
    for (std::size_t index = 0; index < facilities_.size(); ++index) {
      const Facility& facility = facilities_[index];
      for (long long week = 0; week < weeks_; ++week) {
        const long long id = facility.first_session + week;
        const long long day = first_saturday_ + 7 * week;
        const std::size_t offset = static_cast<std::size_t>(id - session_id);
        // Capacity always holds what was booked (history is never over capacity).
        const long long places = std::max(capacity[index], families[offset]);
        const std::string stamp = Stamp(FirstOfMonth(day) - 10, 12 * 60);
        sessions.I(id)
            .I(facility.id)
            .I(facility.patio)
            .I(template_id + static_cast<long long>(index))
            .T(Day(day))
            .I(kVisitStartMinute)
            .I(kVisitEndMinute)
            .I(places)
            .I(std::max(places * 3, people[offset]))
            .I(families[offset])
            .I(people[offset])
            .T("any")
            .T("open")
            .T(stamp)
            .T(stamp);
      }
    }
    VINCULO_RETURN_IF_ERROR(Load(sessions));

    TableRows requirement_rows("visit_requirements", {{"id", TableRows::kInt},
                                                      {"organisation_id", TableRows::kInt},
                                                      {"child_id", TableRows::kInt},
                                                      {"parent_id", TableRows::kInt},
                                                      {"frequency", TableRows::kText},
                                                      {"weight", TableRows::kReal},
                                                      {"last_visit_on", TableRows::kText},
                                                      {"created_at", TableRows::kText},
                                                      {"updated_at", TableRows::kText}});
    std::sort(requirements.begin(), requirements.end(),
              [](const Requirement& a, const Requirement& b) { return a.id < b.id; });
    for (const Requirement& requirement : requirements) {
      const Child& child = children_[static_cast<std::size_t>(requirement.child)];
      const std::string stamp = Stamp(child.registered, 15 * 60);
      const long long last = last_visit[static_cast<std::size_t>(requirement.id)];
      requirement_rows.I(requirement.id)
          .I(organisations_[static_cast<std::size_t>(
                                homes_[static_cast<std::size_t>(child.home)].organisation)]
                 .id)
          .I(child.id)
          .I(parents_[static_cast<std::size_t>(requirement.parent)].id)
          .T("monthly")
          .R(1.0)
          .OptT(last >= 0 ? std::optional<std::string>(Day(last)) : std::nullopt)
          .T(stamp)
          .T(stamp);
    }
    VINCULO_RETURN_IF_ERROR(Load(requirement_rows));

    TableRows plans("plans", {{"id", TableRows::kInt},
                              {"organisation_id", TableRows::kInt},
                              {"month", TableRows::kText},
                              {"status", TableRows::kText},
                              {"coverage", TableRows::kReal},
                              {"bound", TableRows::kReal},
                              {"gap", TableRows::kReal},
                              {"proven_optimal", TableRows::kInt},
                              {"travel_cost", TableRows::kReal},
                              {"solve_seconds", TableRows::kReal},
                              {"baseline_coverage", TableRows::kReal},
                              {"baseline_visits", TableRows::kInt},
                              {"baseline_trips", TableRows::kInt},
                              {"baseline_travel_cost", TableRows::kReal},
                              {"created_by", TableRows::kInt},
                              {"created_at", TableRows::kText},
                              {"published_by", TableRows::kInt},
                              {"published_at", TableRows::kText}});
    for (std::size_t organisation = 0; organisation < organisations_.size(); ++organisation) {
      for (int month = 0; month < months; ++month) {
        const long long first = AddMonthsTo(history_start_, month);
        if (first >= this_month) break;
        const std::size_t index =
            organisation * static_cast<std::size_t>(months) + static_cast<std::size_t>(month);
        const PlanTotals& plan = totals[index];
        const long long active = active_pairs[index];
        const double coverage =
            active == 0 ? 1.0 : static_cast<double>(plan.visits) / static_cast<double>(active);
        const long long coordinator = organisations_[organisation].coordinator;
        char month_text[8];
        const Date date = DateFromDays(first);
        std::snprintf(month_text, sizeof month_text, "%04d-%02d", date.year, date.month);
        plans.I(plan_id(static_cast<int>(organisation), month))
            .I(organisations_[organisation].id)
            .T(month_text)
            .T("published")
            .R(coverage)
            .R(coverage)
            .R(0.0)
            .I(1)
            .R(plan.cost)
            .R(1.5)
            .R(coverage * 0.85)
            .I(plan.visits * 85 / 100)
            .I(plan.trips * 6 / 5)
            .R(plan.cost * 1.25)
            .I(coordinator)
            .T(Stamp(first - 10, 10 * 60))
            .I(coordinator)
            .T(Stamp(first - 9, 10 * 60));
      }
    }
    // Plans before trips and visits (their foreign keys).
    VINCULO_RETURN_IF_ERROR(Load(plans));
    VINCULO_RETURN_IF_ERROR(Load(trips));
    return Load(visits);
  }

  // --- Parenting workshops: a cohort a year in every prison ---
  Status Workshops() {
    VINCULO_ASSIGN_OR_RETURN(long long cohort_id, Base("workshop_cohorts"));
    VINCULO_ASSIGN_OR_RETURN(long long session_id, Base("workshop_sessions"));
    VINCULO_ASSIGN_OR_RETURN(long long enrolment_id, Base("workshop_enrolments"));
    VINCULO_ASSIGN_OR_RETURN(long long attendance_id, Base("workshop_attendance"));
    TableRows cohorts("workshop_cohorts", {{"id", TableRows::kInt},
                                           {"created_at", TableRows::kText},
                                           {"updated_at", TableRows::kText},
                                           {"course_id", TableRows::kInt},
                                           {"facility_id", TableRows::kInt},
                                           {"organisation_id", TableRows::kInt},
                                           {"group_kind", TableRows::kText},
                                           {"facilitator_user_id", TableRows::kInt},
                                           {"space_id", TableRows::kInt},
                                           {"capacity", TableRows::kInt},
                                           {"start_date", TableRows::kText},
                                           {"recurrence_days", TableRows::kInt},
                                           {"start_minute", TableRows::kInt},
                                           {"end_minute", TableRows::kInt},
                                           {"completion_percent", TableRows::kInt},
                                           {"status", TableRows::kText}});
    TableRows sessions("workshop_sessions", {{"id", TableRows::kInt},
                                             {"cohort_id", TableRows::kInt},
                                             {"position", TableRows::kInt},
                                             {"facility_id", TableRows::kInt},
                                             {"space_id", TableRows::kInt},
                                             {"facilitator_user_id", TableRows::kInt},
                                             {"session_date", TableRows::kText},
                                             {"start_minute", TableRows::kInt},
                                             {"end_minute", TableRows::kInt},
                                             {"status", TableRows::kText}});
    TableRows enrolments("workshop_enrolments", {{"id", TableRows::kInt},
                                                 {"cohort_id", TableRows::kInt},
                                                 {"parent_id", TableRows::kInt},
                                                 {"status", TableRows::kText},
                                                 {"enrolled_on", TableRows::kText},
                                                 {"ended_on", TableRows::kText},
                                                 {"end_reason", TableRows::kText},
                                                 {"created_at", TableRows::kText},
                                                 {"updated_at", TableRows::kText}});
    TableRows attendance("workshop_attendance", {{"id", TableRows::kInt},
                                                 {"session_id", TableRows::kInt},
                                                 {"enrolment_id", TableRows::kInt},
                                                 {"status", TableRows::kText},
                                                 {"absence_reason", TableRows::kText},
                                                 {"recorded_by", TableRows::kInt},
                                                 {"recorded_at", TableRows::kText}});
    for (std::size_t index = 0; index < facilities_.size(); ++index) {
      const Facility& facility = facilities_[index];
      if (facility.parents.empty()) continue;
      const Organisation& organisation = organisations_[index % organisations_.size()];
      const char* group = facility.housing == Housing::kWomen ? "women"
                          : facility.housing == Housing::kMen ? "men"
                                                              : "mixed";
      for (int year = 0; year < kHistoryYears; ++year) {
        const long long start =
            NextWeekday(history_start_ + year * kDaysPerYear + draw_.Between(0, 200), 3);
        const long long last = start + 7 * (kCohortSessions - 1);
        const std::string created = Stamp(start - 21, 11 * 60);
        const long long cohort = cohort_id++;
        cohorts.I(cohort)
            .T(created)
            .T(created)
            .I(course_)
            .I(facility.id)
            .I(organisation.id)
            .T(group)
            .I(organisation.facilitator)
            .I(facility.classroom)
            .I(kCohortPlaces)
            .T(Day(start))
            .I(7)
            .I(kWorkshopStartMinute)
            .I(kWorkshopEndMinute)
            .I(75)
            .T(last < today_ ? "closed" : "running");
        const long long first_session = session_id;
        for (int position = 1; position <= kCohortSessions; ++position) {
          sessions.I(session_id++)
              .I(cohort)
              .I(position)
              .I(facility.id)
              .I(facility.classroom)
              .I(organisation.facilitator)
              .T(Day(start + 7 * (position - 1)))
              .I(kWorkshopStartMinute)
              .I(kWorkshopEndMinute)
              .T("scheduled");
        }
        std::vector<int> chosen;
        for (int attempt = 0;
             attempt < kCohortPlaces * 2 && static_cast<int>(chosen.size()) < kCohortPlaces - 3;
             ++attempt) {
          const int parent = facility.parents[draw_.Below(facility.parents.size())];
          const Parent& row = parents_[static_cast<std::size_t>(parent)];
          if (row.admitted > start - 7 || (row.released >= 0 && row.released < last)) continue;
          if (std::find(chosen.begin(), chosen.end(), parent) != chosen.end()) continue;
          chosen.push_back(parent);
        }
        std::sort(chosen.begin(), chosen.end());
        for (int parent : chosen) {
          const bool withdrew = draw_.Percent(10);
          const long long ended = start + 7 * draw_.Between(1, kCohortSessions - 1);
          const long long enrolment = enrolment_id++;
          enrolments.I(enrolment)
              .I(cohort)
              .I(parents_[static_cast<std::size_t>(parent)].id)
              .T(withdrew ? "withdrawn" : "enrolled")
              .T(Day(start - 7))
              .OptT(withdrew ? std::optional<std::string>(Day(ended)) : std::nullopt)
              .T(withdrew ? "transferred to another wing" : "")
              .T(created)
              .T(created);
          for (int position = 0; position < kCohortSessions; ++position) {
            const long long day = start + 7 * position;
            if (day >= today_ || (withdrew && day >= ended)) break;
            const int roll = static_cast<int>(draw_.Below(100));
            attendance.I(attendance_id++)
                .I(first_session + position)
                .I(enrolment)
                .T(roll < 85   ? "present"
                   : roll < 95 ? "absent"
                               : "excused")
                .OptT(roll < 85 ? std::nullopt
                                : std::optional<std::string>(roll < 90 ? "health" : "court"))
                .I(organisation.facilitator)
                .T(Stamp(day, kWorkshopEndMinute + 30));
          }
        }
      }
    }
    VINCULO_RETURN_IF_ERROR(Load(cohorts));
    VINCULO_RETURN_IF_ERROR(Load(sessions));
    VINCULO_RETURN_IF_ERROR(Load(enrolments));
    return Load(attendance);
  }

  // --- The audit log: every record created and visit recorded, in time order ---
  Status Audit() {
    enum Kind { kParentCreated, kChildCreated, kLeave, kVisitRecorded };
    struct Line {
      long long day;
      int kind;
      long long id;
    };
    std::vector<Line> lines;
    lines.reserve(parents_.size() + children_.size() + leave_events_.size() + visit_events_.size());
    for (const Parent& parent : parents_)
      lines.push_back({std::max(parent.admitted, history_start_), kParentCreated, parent.id});
    for (const Child& child : children_)
      lines.push_back({child.registered, kChildCreated, child.id});
    for (const auto& [day, id] : leave_events_) lines.push_back({day, kLeave, id});
    for (const auto& [day, id] : visit_events_) lines.push_back({day, kVisitRecorded, id});
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
      return std::tie(a.day, a.kind, a.id) < std::tie(b.day, b.kind, b.id);
    });
    constexpr std::size_t kBatch = 20000;
    constexpr std::array<int, 4> kMinuteOf = {11 * 60, 14 * 60, 9 * 60, 18 * 60};
    constexpr std::array<const char*, 4> kAction = {"create", "create", "create", "record"};
    constexpr std::array<const char*, 4> kRecordKind = {"parents", "children", "nursery_leaves",
                                                        "plan_visits"};
    std::vector<AuditEvent> events;
    for (std::size_t begin = 0; begin < lines.size(); begin += kBatch) {
      events.clear();
      for (std::size_t index = begin; index < std::min(lines.size(), begin + kBatch); ++index) {
        const Line& line = lines[index];
        AuditEvent event;
        event.at = Stamp(line.day, kMinuteOf[static_cast<std::size_t>(line.kind)]);
        event.user_id = 0;
        event.username = "system";
        event.action = kAction[static_cast<std::size_t>(line.kind)];
        event.record_kind = kRecordKind[static_cast<std::size_t>(line.kind)];
        event.record_id = line.id;
        event.remote_address = "generate";
        events.push_back(std::move(event));
      }
      VINCULO_RETURN_IF_ERROR(AppendAuditInBulk(txn_, events));
    }
    Written("audit_events", static_cast<long long>(lines.size()));
    return Status::Ok();
  }

  Txn& txn_;
  const DatasetOptions& options_;
  const ScaleFigures& figures_;
  Draw draw_;
  long long today_ = 0;
  long long history_start_ = 0;
  long long first_saturday_ = 0;
  long long sessions_end_ = 0;
  long long weeks_ = 0;
  long long jurisdiction_ = 0;
  long long course_ = 0;
  long long authority_ = 0;
  int largest_ = 0;
  std::vector<City> cities_;
  std::vector<Organisation> organisations_;
  std::vector<Facility> facilities_;
  std::vector<int> men_facilities_, women_facilities_;
  std::vector<long long> men_cumulative_, women_cumulative_;
  std::vector<Home> homes_;
  std::vector<Parent> parents_;
  std::vector<Child> children_;
  std::vector<std::pair<long long, long long>> leave_events_;  // (day, id)
  std::vector<std::pair<long long, long long>> visit_events_;
  DatasetReport report_;
  std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
};

const ScaleFigures& FiguresOf(DatasetScale scale) {
  switch (scale) {
    case DatasetScale::kVillage:
      return kVillage;
    case DatasetScale::kRegion:
      return kRegion;
    case DatasetScale::kNational:
      return kNational;
  }
  return kVillage;
}

}  // namespace

Result<DatasetScale> ParseDatasetScale(std::string_view text) {
  if (text == "village") return DatasetScale::kVillage;
  if (text == "region") return DatasetScale::kRegion;
  if (text == "national") return DatasetScale::kNational;
  return InvalidArgument("scale", "must be village, region or national");
}

Result<DatasetReport> GenerateDataset(Store& store, const DatasetOptions& options) {
  DatasetReport report;
  Status written = store.Write([&](Txn& txn) -> Status {
    if (!options.force) {
      const Actor system = Actor::System();
      for (const RecordKind* kind :
           {&OrganisationKind(), &FacilityKind(), &ParentKind(), &ChildKind()}) {
        VINCULO_ASSIGN_OR_RETURN(long long count, txn.Count(*kind, system));
        if (count > 0) {
          return Status(StatusCode::kConflict,
                        "the database already holds " + std::string(kind->name) +
                            "; generate into an empty database, or add to it with --force",
                        "force");
        }
      }
      VINCULO_ASSIGN_OR_RETURN(std::vector<User> users, txn.ListUsers(system));
      if (!users.empty()) {
        return Status(StatusCode::kConflict,
                      "the database already holds users; generate into an empty database, or "
                      "add to it with --force",
                      "force");
      }
    }
    Generator generator(txn, options, FiguresOf(options.scale));
    auto generated = generator.Run();
    if (!generated.ok()) return generated.status();
    report = std::move(*generated);
    return Status::Ok();
  });
  if (!written.ok()) return written;
  return report;
}

}  // namespace vinculo
