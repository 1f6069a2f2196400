#include "planner/instance_generator.h"

#include <algorithm>
#include <numeric>

namespace vinculo::planner {

namespace {

// SplitMix64: tiny, fast and identical everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Between(int low, int high) {  // inclusive
    return low + static_cast<int>(Next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool Chance(double probability) {
    return (Next() >> 11) * (1.0 / 9007199254740992.0) < probability;
  }

 private:
  std::uint64_t state_;
};

int WeekdayOf(const Date& date) { return static_cast<int>((DaysSinceEpoch(date) + 4) % 7); }

}  // namespace

Instance GenerateInstance(const GeneratorOptions& options) {
  Random random(options.seed);
  Instance instance;
  instance.year = options.year;
  instance.month = options.month;
  int days = DaysInMonth(options.year, options.month);
  int organisations =
      std::max(1, options.facilities / std::max(1, options.facilities_per_organisation));

  long long next_session = 1;
  long long next_child = 1;
  long long next_parent = 1;
  long long next_pair = 1;
  for (int org = 0; org < organisations; ++org) {
    // This organisation's share of facilities, escorts and pairs.
    auto share = [&](int total) {
      return total * (org + 1) / organisations - total * org / organisations;
    };
    int facility_count = share(options.facilities);
    int escort_count = std::max(1, share(options.escorts));
    int pair_count = share(options.pairs);
    long long first_facility = 1 + static_cast<long long>(options.facilities) * org / organisations;
    long long first_base = 1 + static_cast<long long>(org) * options.home_bases_per_organisation;
    int bases = options.home_bases_per_organisation;

    for (int base = 0; base < bases; ++base) {
      for (int facility = 0; facility < facility_count; ++facility) {
        int minutes = random.Between(20, 200);
        if (random.Chance(0.05)) minutes = random.Between(200, 270);
        double km = minutes * 0.9;
        instance.routes.push_back(
            {first_base + base, first_facility + facility, minutes, 2 * km * 0.35});
      }
    }

    // Sessions: templates until supply covers about the facility's demand.
    int demand = pair_count / std::max(1, facility_count);
    for (int facility = 0; facility < facility_count; ++facility) {
      int supply = 0;
      int target = demand * random.Between(90, 115) / 100;
      int template_idx = 0;
      while (supply < target) {
        Wing wing = template_idx % 3 == 0 ? Wing::kMen
                                          : (template_idx % 3 == 1 ? Wing::kWomen : Wing::kAny);
        int families = random.Between(8, 20);
        int people = families * 2 + random.Between(0, 6);
        int start = 60 * random.Between(9, 14);
        int length = random.Chance(0.5) ? 120 : 180;
        std::vector<int> dates;
        if (random.Chance(0.6)) {  // weekly on one weekday
          int weekday = random.Between(0, 6);
          for (int day = 1; day <= days; ++day) {
            if (WeekdayOf(Date{options.year, options.month, day}) == weekday) dates.push_back(day);
          }
        } else {  // every 15 days
          for (int day = random.Between(1, 15); day <= days; day += 15) dates.push_back(day);
        }
        for (int day : dates) {
          Session session;
          session.id = next_session++;
          session.facility_id = first_facility + facility;
          session.date = Date{options.year, options.month, day};
          session.start_minute = start;
          session.end_minute = start + length;
          session.capacity_families = families;
          session.capacity_people = people;
          session.wing = wing;
          instance.sessions.push_back(session);
          supply += families;
        }
        ++template_idx;
      }
    }

    for (int escort = 0; escort < escort_count; ++escort) {
      Escort made;
      made.id = static_cast<long long>(instance.escorts.size()) + 1;
      made.home_base_ids.push_back(first_base + escort % bases);
      if (bases > 1 && random.Chance(0.3)) {
        made.home_base_ids.push_back(first_base + (escort + 1) % bases);
        std::sort(made.home_base_ids.begin(), made.home_base_ids.end());
      }
      for (int day = 1; day <= days; ++day) {
        if (random.Chance(0.4))
          made.available_dates.push_back(Date{options.year, options.month, day});
      }
      made.max_children = random.Chance(0.8) ? 4 : 3;
      instance.escorts.push_back(made);
    }

    // Children and their imprisoned parents.
    auto unavailable = [&]() {
      std::vector<Date> dates;
      int count = random.Between(0, 3);
      for (int idx = 0; idx < count; ++idx) {
        dates.push_back(Date{options.year, options.month, random.Between(1, days)});
      }
      return dates;
    };
    auto add_pair = [&](long long child, long long parent, long long facility, Wing wing,
                        long long base, long long sibling_group,
                        const std::vector<Date>& child_dates) {
      Pair pair;
      pair.id = next_pair++;
      pair.child_id = child;
      pair.parent_id = parent;
      pair.facility_id = facility;
      pair.parent_wing = wing;
      pair.home_base_id = base;
      pair.priority = 1.0 + 0.25 * random.Between(0, 4);
      pair.restricted = random.Chance(0.02);
      pair.child_unavailable = child_dates;
      pair.sibling_group = sibling_group;
      instance.pairs.push_back(pair);
    };
    int made_pairs = 0;
    while (made_pairs < pair_count) {
      long long facility = first_facility + random.Between(0, facility_count - 1);
      long long base = first_base + random.Between(0, bases - 1);
      long long parent = next_parent++;
      Wing wing = random.Chance(0.7) ? Wing::kMen : Wing::kWomen;
      long long child = next_child++;
      std::vector<Date> child_dates = unavailable();
      bool sibling = made_pairs + 2 <= pair_count && random.Chance(0.25);
      add_pair(child, parent, facility, wing, base, sibling ? parent : 0, child_dates);
      ++made_pairs;
      if (sibling) {
        long long sibling_base =
            random.Chance(0.3) ? first_base + random.Between(0, bases - 1) : base;
        add_pair(next_child++, parent, facility, wing, sibling_base, parent, unavailable());
        ++made_pairs;
      }
      if (made_pairs < pair_count && random.Chance(0.2)) {  // the other parent is inside too
        long long other_facility =
            random.Chance(0.5) ? facility : first_facility + random.Between(0, facility_count - 1);
        add_pair(child, next_parent++, other_facility,
                 wing == Wing::kMen ? Wing::kWomen : Wing::kMen, base, 0, child_dates);
        ++made_pairs;
      }
    }
  }

  // The first-come queue: requests arrive in a random order.
  std::vector<long long> order(instance.pairs.size());
  std::iota(order.begin(), order.end(), 0);
  for (size_t idx = order.size(); idx > 1; --idx) {
    std::swap(order[idx - 1], order[random.Next() % idx]);
  }
  for (size_t idx = 0; idx < order.size(); ++idx) instance.pairs[idx].requested_order = order[idx];
  return instance;
}

}  // namespace vinculo::planner
