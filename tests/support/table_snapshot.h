// Every row of every table as text, to prove a refused request changed
// nothing: compare a snapshot taken before with one taken after. The audit
// log (a refusal is an audit event) and the sessions (the callers are signed
// in) are left out. Rows are sorted, so the same content gives the same text
// on both engines.
#pragma once

#include <string>

#include "store/store.h"

namespace vinculo::testing {

std::string EveryRow(Store& store);

// The first row where two snapshots differ, with its table, for a message.
std::string FirstDifference(const std::string& before, const std::string& after);

}  // namespace vinculo::testing
