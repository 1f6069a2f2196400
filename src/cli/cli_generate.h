// `vinculo generate` (issue 14): a synthetic dataset for benchmarks and load
// tests, deterministic for a scale, seed and as-of date:
//   vinculo generate --scale village|region|national [--seed N] [--as-of YYYY-MM-DD]
//                    [--force] --db DB
// Creates or upgrades the schema, loads the default co-residence rules (as
// `vinculo init` does, stamped with the as-of date), then writes the dataset
// in one transaction (service/synthetic_dataset.h). A database that already
// holds records or users is refused unless --force; an unknown scale is
// refused before the database is touched.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace vinculo {

class GenerateCommand {
 public:
  // The exit code when `generate` was chosen; nullopt otherwise.
  std::optional<int> RunIfChosen();

 private:
  friend std::unique_ptr<GenerateCommand> AddGenerateCommand(CLI::App& app, std::string& db);
  std::string* db_ = nullptr;
  CLI::App* generate_ = nullptr;
  std::string scale_;
  unsigned long long seed_ = 1;
  std::string as_of_;
  bool force_ = false;
};

std::unique_ptr<GenerateCommand> AddGenerateCommand(CLI::App& app, std::string& db);

}  // namespace vinculo
