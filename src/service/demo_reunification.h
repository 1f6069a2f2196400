// The demo's release and reunification (issue 15): a parent the village
// follows (the father held in Huanta when his sentence allows) is released in
// 45 days and has a reunification plan of four steps owned by the village's
// psychologist and coordinator, one of them overdue. Invented data, like the
// rest of the demo.
#pragma once

#include "service/context.h"
#include "service/record_service.h"

namespace vinculo {

// After the demo's records and accounts exist: `huanta` is the second
// prison, `village` the organisation whose users own the steps.
Status SeedReunificationDemo(ServiceContext context, RecordService& records, long long huanta,
                             long long village);

}  // namespace vinculo
