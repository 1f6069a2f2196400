#include "service/kept_decisions.h"

#include <mutex>
#include <string>
#include <utility>

namespace vinculo {
namespace {

// One entry per open database (a server has one; a test process opens many,
// so the oldest entries go).
struct Entry {
  const Store* store = nullptr;
  std::string target;
  ageout_store::DecisionsStamp stamp;
  KeptDecisions decisions;
};
constexpr std::size_t kEntries = 4;

std::mutex& CacheMutex() {
  static std::mutex mutex;
  return mutex;
}
std::vector<Entry>& Cache() {
  static std::vector<Entry> entries;
  return entries;
}

}  // namespace

Result<KeptDecisions> ReadKeptDecisions(const Store& store, Txn& txn) {
  VINCULO_ASSIGN_OR_RETURN(ageout_store::DecisionsStamp stamp,
                           ageout_store::ReadDecisionsStamp(txn));
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    for (const Entry& entry : Cache()) {
      if (entry.store == &store && entry.target == store.target() && entry.stamp == stamp) {
        return entry.decisions;
      }
    }
  }
  // Read outside the lock: two requests that miss together both read, and
  // the later one's copy stays.
  VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutDecisionRow> rows, ageout_store::AllDecisions(txn));
  auto decisions = std::make_shared<const std::vector<AgeOutDecisionRow>>(std::move(rows));
  std::lock_guard<std::mutex> lock(CacheMutex());
  std::vector<Entry>& entries = Cache();
  std::erase_if(entries, [&](const Entry& entry) {
    return entry.store == &store && entry.target == store.target();
  });
  if (entries.size() >= kEntries) entries.erase(entries.begin());
  entries.push_back({&store, store.target(), stamp, decisions});
  return decisions;
}

}  // namespace vinculo
