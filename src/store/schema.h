// The versioned schema: an ordered list of migrations, each one SQL script
// written once for both engines. `{{id}}` stands for the engine's
// auto-increment primary key. A migration, once released, is never edited:
// a change to the schema is a new migration at the end of the list.
#pragma once

#include <string>
#include <vector>

namespace vinculo {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // statements separated by ";\n"
  // When set, what PostgreSQL runs instead of `sql` ("" for nothing): for the
  // rare change only one engine needs.
  const char* postgres_sql = nullptr;
};

const std::vector<Migration>& Migrations();

// The migration that adds each searchable record's search_text; the rows
// already there are filled by Store::MigrateTo right after it.
inline constexpr int kSearchTextMigration = 27;

}  // namespace vinculo
