// The visit programme of the demo (issue 4): visiting-session templates at
// every facility where the village's children have a parent (Saturdays
// 09:00-11:00 for up to 10 families and 40 people; the second prison every
// 15 days), the village's caregivers as escorts available every Saturday and
// Sunday from three months ago to the end of the next two, and a visit requirement per linked
// pair. Enough for `vinculo plan --org <village> --month <this month>` to give
// a non-empty plan. The three months before this one are planned, published
// and recorded (visits attended or missed, moods before and after), so the
// monthly programme report has a history; templates and escorts' dates start
// then. Uses VisitService, so every write
// is checked and audited like any other. Not thread-safe against itself.
#pragma once

#include "service/context.h"

namespace vinculo {

Status SeedVisitDemo(ServiceContext context, long long organisation_id);

}  // namespace vinculo
