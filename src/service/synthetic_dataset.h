// A synthetic country (issue 14, `vinculo generate`): prisons, parents held in
// them, their children inside and outside, care organisations with homes and
// caregivers, and five years of history (visits planned and recorded,
// parenting workshops, nursery leave, placements, transfers, the audit log),
// for benchmarks and load tests at the scale of a ministry. Every name is
// generated (synthetic_names.h); nothing stands for a real person.
//
// Deterministic: the same scale, seed and as-of date give the same rows, ids
// and audit chain on every machine and both engines (raw mt19937_64 draws;
// pseudonyms derived from the seed and the child's id, not from libsodium).
//
// Geography: 40 invented cities (national) in a box of about 1,600 by
// 1,300 km; facilities and care homes sit near a city, a family's home near
// its parent's prison for most, in another city for the rest (families split
// across facilities, long trips). Sixty per cent of prisons are overcrowded
// (105 to 440 % of their places). Scale figures (organisations, facilities,
// parents, children, caregivers):
//   village    1 care organisation, 4 prisons, 300 parents, 500 children, 24 caregivers
//   region     5, 50, 15,000, 25,000, 200
//   national  24, 500, 150,000, 250,000, 2,000
// About 3 % of the children live inside with their mothers, in the prisons
// with a nursery; children in care homes are the visit programme's pairs.
//
// Written through the store's bulk loader (store/bulk_insert.h) in ONE
// transaction of the caller's Store::Write: all or nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/date.h"
#include "store/store.h"

namespace vinculo {

enum class DatasetScale { kVillage, kRegion, kNational };

// "village", "region", "national"; kInvalidArgument naming `scale` otherwise.
Result<DatasetScale> ParseDatasetScale(std::string_view text);

struct DatasetOptions {
  DatasetScale scale = DatasetScale::kVillage;
  std::uint64_t seed = 1;
  // The last day of the history; visits, cohorts and leaves after it are in
  // the future (the next month has sessions and escort dates to plan).
  Date as_of;
  // Add to a database that already holds records (new ids follow the
  // existing ones) instead of refusing it.
  bool force = false;
};

struct DatasetReport {
  struct Table {
    std::string name;
    long long rows = 0;
    double seconds = 0;  // drawing and writing them, since the table before
  };
  // Rows written per table, in the order written.
  std::vector<Table> tables;
  long long total_rows = 0;
  // The care organisation with the most children in homes (the largest
  // month to plan), and its coordinator's user id (no password set).
  long long largest_organisation_id = 0;
};

// Writes the dataset into a migrated database whose co-residence rules are
// loaded (the jurisdiction PE must exist). Errors:
//   kConflict       the database already holds organisations, facilities,
//                   parents, children or users, and options.force is false;
//   kNotFound       jurisdiction PE or the default workshop course missing;
//   any store error (nothing is written then).
Result<DatasetReport> GenerateDataset(Store& store, const DatasetOptions& options);

}  // namespace vinculo
