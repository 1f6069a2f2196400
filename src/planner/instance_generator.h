// Deterministic synthetic planner instances for tests and benchmarks: the same
// options and seed always give the same instance (our own generator, not the
// standard distributions, whose output differs between standard libraries).
// Synthetic ids only. Thread-safe (no shared state).
//
// Shape: organisations each visit their own `facilities_per_organisation`
// prisons from several home bases. Each facility has visiting templates weekly
// or every 15 days, for the women's or men's wing or both, capacity 8-20
// families, enough in total for about the demand. Escorts serve one or two home
// bases of their organisation and are free on about 4 days in 10; most take 4
// children, some 3. About 1 child in 5 has both parents inside (half of them in
// the same prison), 1 in 4 has a sibling visiting the same parent (some living
// in another home), 2% of pairs are restricted, children have up to 3 dates
// they cannot go, routes take 20 minutes to 4.5 hours.
#pragma once

#include <cstdint>

#include "planner/planner.h"

namespace vinculo::planner {

struct GeneratorOptions {
  std::uint64_t seed = 1;
  int pairs = 300;
  int facilities = 4;
  int escorts = 12;
  int facilities_per_organisation = 4;
  int home_bases_per_organisation = 4;
  int year = 2026;
  int month = 12;
};

Instance GenerateInstance(const GeneratorOptions& options);

}  // namespace vinculo::planner
