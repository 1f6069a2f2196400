// Issue 13: no one reaches another facility's data, proven by a walk generated
// from the API description (the sibling of foreign_records_walk_test.cc, which
// walks organisations' records). Facility A (a prison with a nursery, run by
// organisation A) holds children living inside, parents, a wing and spaces,
// visiting sessions, a workshop cohort with its sessions, stock and a
// donation, a pregnancy. Every documented operation on those (a path under
// /facilities/{id}, /wings/{id}, /spaces/{id}, /visit-sessions/{id},
// /workshops/facility-settings/{id}, /workshops/cohorts/{id},
// /workshops/sessions/{id}, /pregnancies/{id}, /children/{id} of a child living
// inside, /parents/{id} of a father held there; a list filtered by
// `facility_id`; a create naming facility A in its body) is called by three
// users of facility B (nursery officer, visits officer, administrator) and two
// of organisation B (programme coordinator, administrator) with facility A's
// record and with an id that does not exist:
// - a read answers exactly as for the missing id (status and words), unless it
//   is one of the documented shared reads below, and no answer to them ever
//   holds a name or pseudonym of facility A's children or parents;
// - a write is refused (as for the missing id, or 403 where the facility is
//   reference data everyone reads but only its own people change) and leaves
//   every table as it was;
// - then facility A's own user makes the same write and it succeeds, so the
//   refusals above were about whose facility it is, not about the body.
// A write operation without a body below fails the walk, so a new one cannot
// slip past it; only a child's or parent's own operations (which the
// foreign-records walk covers for organisations) may go without, and are then
// checked for their refusal and nothing written.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "http/api_fixture.h"
#include "http/api_server.h"
#include "support/supply_world.h"
#include "support/table_snapshot.h"
#include "support/workshop_world.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

constexpr long long kMissing = 99999999;

class ForeignFacilityWalkTest : public ApiTest {
 protected:
  void AddUser(const std::string& name, Role role, std::optional<long long> organisation_id,
               std::optional<long long> facility_id) {
    NewUser user;
    user.username = name;
    user.password = kPassword;
    user.role = role;
    user.organisation_id = organisation_id;
    user.facility_id = facility_id;
    auto added = world_->auth->AddUser(Actor::System(), user);
    ASSERT_TRUE(added.ok()) << name << ": " << added.status().ToString();
  }
  long long CreatedId(const HttpAnswer& answer) {
    EXPECT_LT(answer.status, 300) << answer.raw;
    return answer.status < 300 && answer.body.contains("id") ? answer.body["id"].get<long long>()
                                                             : 0;
  }
};

// A write's body and the user of facility A (or of the organisation running
// it) who may make it.
struct Write {
  json body;  // null: no body
  std::string owner;
};

TEST_F(ForeignFacilityWalkTest, Issue13_NoOneReachesAnotherFacilitysData) {
  const WorkshopFixture workshops = AddWorkshopWorld(*world_);
  const SupplyChildren inside = AddSupplyChildren(*world_);
  const long long crib = CatalogueItemId(*world_, "crib");
  AddUser("visits_officer_b", Role::kVisitsOfficer, std::nullopt, world_->facility_b);
  AddUser("admin_facility_b", Role::kAdministrator, std::nullopt, world_->facility_b);
  AddUser("admin_b", Role::kAdministrator, world_->organisation_b, std::nullopt);
  const long long a = world_->facility_a;
  const std::string facility_a = "/api/v1/facilities/" + std::to_string(a);

  // Facility A is run by organisation A and has a nursery.
  const HttpAnswer read_a = Get(facility_a, "root");
  ASSERT_EQ(Patch(facility_a, "root",
                  {{"organisation_id", world_->organisation_a}, {"has_nursery", true}}, read_a.etag)
                .status,
            200);
  auto wing = world_->records->Create(
      world_->actor("admin"), WingKind(),
      {{"facility_id", a}, {"name", std::string("Pabellón B")}, {"gender", std::string("women")}});
  ASSERT_TRUE(wing.ok()) << wing.status().ToString();
  const json template_body = {{"pattern", "every_n_days"},  {"interval", 7},
                              {"valid_from", "2026-12-05"}, {"start_time", "14:00"},
                              {"end_time", "16:00"},        {"capacity_families", 4},
                              {"capacity_people", 12},      {"wing", "women"}};
  const long long template_id =
      CreatedId(Post(facility_a + "/session-templates", "visits_officer_a", template_body));
  const HttpAnswer sessions = Get(facility_a + "/visit-sessions?month=2026-12", "visits_officer_a");
  ASSERT_EQ(sessions.status, 200) << sessions.raw;
  ASSERT_FALSE(sessions.body["items"].empty());
  const long long visit_session = sessions.body["items"][0]["id"];
  const json cohort_body = {{"course_id", workshops.short_course},
                            {"facility_id", a},
                            {"group_kind", "women"},
                            {"facilitator_user_id", workshops.facilitator},
                            {"space_id", workshops.chapel_a},
                            {"start_date", "2026-11-01"},
                            {"start_time", "09:30"},
                            {"end_time", "11:30"}};
  const HttpAnswer cohort = Post("/api/v1/workshops/cohorts", "social_worker_a", cohort_body);
  const long long cohort_id = CreatedId(cohort);
  ASSERT_NE(cohort_id, 0);
  const long long enrolled = workshops.mothers_a[0];
  ASSERT_EQ(Post("/api/v1/workshops/cohorts/" + std::to_string(cohort_id) + "/enrolments",
                 "social_worker_a", {{"parent_id", enrolled}})
                .status,
            201);
  // The cohort's second session (2026-11-16) is past: attendance is marked on it.
  const long long workshop_session = cohort.body["sessions"][1]["id"];
  const long long donation =
      CreatedId(Post(facility_a + "/donations", "nursery_officer_a",
                     {{"item_id", crib}, {"quantity", 2}, {"donor_type", "family"}}));
  const long long pregnancy =
      CreatedId(Post("/api/v1/pregnancies", "nursery_officer_a",
                     {{"parent_id", workshops.mothers_a[1]}, {"due_date", "2027-02-10"}}));

  // The newborn lives inside with her mother, held in facility A.
  world_->Link(workshops.mothers_a[0], inside.newborn_a, "mother");
  // What must never reach a stranger: the pseudonyms of facility A's children
  // and parents, and the children's given names (those of facility B's
  // children differ; the test parents all share one name).
  std::set<std::string> secrets;
  for (const char* list : {"/api/v1/children?facility_id=", "/api/v1/parents?facility_id="}) {
    const HttpAnswer listed = Get(list + std::to_string(a), "root");
    ASSERT_EQ(listed.status, 200) << listed.raw;
    ASSERT_FALSE(listed.body["items"].empty()) << list;
    for (const json& item : listed.body["items"]) {
      if (item.value("pseudonym", json()).is_string()) secrets.insert(item["pseudonym"]);
    }
  }
  for (const long long child :
       {inside.newborn_a, inside.turning_24_a, inside.exactly_24_a, inside.school_age_a}) {
    const HttpAnswer read = Get("/api/v1/children/" + std::to_string(child), "root");
    ASSERT_EQ(read.status, 200) << read.raw;
    secrets.insert(read.body["given_names"]);
  }

  // Facility A's record behind each path segment, and behind further ids.
  const std::map<std::string, long long> own_records = {
      {"facilities", a},
      {"wings", wing->id},
      {"spaces", workshops.patio_a},
      {"visit-sessions", visit_session},
      {"facility-settings", a},
      {"cohorts", cohort_id},
      {"sessions", workshop_session},
      {"pregnancies", pregnancy},
      // A child living inside facility A, and a father held there.
      {"children", inside.newborn_a},
      {"parents", workshops.fathers_a[0]},
  };
  const std::map<std::string, long long> further_ids = {{"donation_id", donation},
                                                        {"parent_id", enrolled}};
  // Creates that name facility A (or its mother) in their body, and the field
  // that does.
  const std::map<std::string, std::string> creates_at_a = {
      {"/api/v1/workshops/closures", "facility_id"},
      {"/api/v1/workshops/cohorts", "facility_id"},
      {"/api/v1/pregnancies", "parent_id"},
      {"/api/v1/children", "facility_id"},
      {"/api/v1/parents", "facility_id"},
      {"/api/v1/spaces", "facility_id"},
      {"/api/v1/wings", "facility_id"},
  };
  json later_cohort = cohort_body;
  later_cohort["space_id"] = workshops.patio_a;
  later_cohort["start_date"] = "2027-03-01";
  const std::map<std::string, Write> writes = {
      {"PATCH /api/v1/facilities/{id}", {{{"address", "Jr. Sintético 1"}}, "root"}},
      {"POST /api/v1/facilities/{id}/archive", {nullptr, "root"}},
      {"POST /api/v1/facilities/{id}/restore", {nullptr, "root"}},
      {"POST /api/v1/facilities/{id}/allocations",
       {{{"child_id", inside.newborn_a}, {"item_id", crib}, {"quantity", 1}}, "nursery_officer_a"}},
      {"POST /api/v1/facilities/{id}/donations",
       {{{"item_id", crib}, {"quantity", 1}, {"donor_type", "charity"}}, "nursery_officer_a"}},
      {"POST /api/v1/facilities/{id}/donations/{donation_id}/correction",
       {{{"quantity", 3}, {"reason", "Recuento"}}, "nursery_officer_a"}},
      {"POST /api/v1/facilities/{id}/session-templates", {template_body, "visits_officer_a"}},
      {"POST /api/v1/facilities/{id}/visit-blocks",
       {{{"date", "2026-12-26"}, {"reason", "Requisa general"}}, "visits_officer_a"}},
      {"POST /api/v1/facilities/{id}/visit-exclusions",
       {{{"date", "2026-12-19"}, {"template_id", template_id}}, "visits_officer_a"}},
      {"PATCH /api/v1/wings/{id}", {{{"capacity", 40}}, "root"}},
      {"POST /api/v1/wings/{id}/archive", {nullptr, "root"}},
      {"POST /api/v1/wings/{id}/restore", {nullptr, "root"}},
      {"PATCH /api/v1/spaces/{id}", {{{"capacity_people", 25}}, "root"}},
      {"POST /api/v1/spaces/{id}/archive", {nullptr, "root"}},
      {"POST /api/v1/spaces/{id}/restore", {nullptr, "root"}},
      {"PUT /api/v1/workshops/facility-settings/{id}",
       {{{"mixed_groups_allowed", true}}, "admin_a"}},
      {"POST /api/v1/workshops/closures",
       {{{"facility_id", a}, {"closed_on", "2027-01-02"}, {"reason", "Feriado"}}, "admin_a"}},
      {"POST /api/v1/workshops/cohorts", {later_cohort, "social_worker_a"}},
      {"POST /api/v1/workshops/cohorts/{id}/enrolments",
       {{{"parent_id", workshops.mothers_a[2]}}, "social_worker_a"}},
      {"POST /api/v1/workshops/cohorts/{id}/enrolments/{parent_id}/withdraw",
       {nullptr, "social_worker_a"}},
      {"POST /api/v1/workshops/sessions/{id}/attendance",
       {{{"entries", {{{"parent_id", enrolled}, {"status", "present"}}}}}, "social_worker_a"}},
      {"POST /api/v1/workshops/sessions/{id}/move",
       {{{"session_date", "2026-11-26"}}, "social_worker_a"}},
      {"POST /api/v1/pregnancies",
       {{{"parent_id", workshops.mothers_a[3]}, {"due_date", "2027-03-10"}}, "nursery_officer_a"}},
      {"POST /api/v1/pregnancies/{id}/outcome",
       {{{"outcome", "ended"}, {"on", "2026-11-20"}}, "nursery_officer_a"}},
      {"PATCH /api/v1/children/{id}", {{{"given_names", "Inti Raymi"}}, "nursery_officer_a"}},
      {"POST /api/v1/children/{id}/archive", {nullptr, "nursery_officer_a"}},
      {"POST /api/v1/children/{id}/restore", {nullptr, "nursery_officer_a"}},
      {"POST /api/v1/children/{id}/admission",
       {{{"admitted_on", "2026-08-01"}}, "nursery_officer_a"}},
      {"POST /api/v1/children/{id}/authorised-adults",
       {{{"full_name", "Carmen Sintética"},
         {"relationship", "abuela"},
         {"document_id", "DNI 00000001"}},
        "nursery_officer_a"}},
      {"PATCH /api/v1/parents/{id}",
       {{{"expected_release_date", "2029-06-10"}}, "visits_officer_a"}},
      {"POST /api/v1/parents/{id}/archive", {nullptr, "visits_officer_a"}},
      {"POST /api/v1/parents/{id}/restore", {nullptr, "visits_officer_a"}},
      {"POST /api/v1/parents/{id}/transfers",
       {{{"to_facility_id", workshops.facility_c}, {"transferred_on", "2026-11-20"}},
        "visits_officer_a"}},
      {"POST /api/v1/children",
       {{{"given_names", "Sami"},
         {"family_names", "Condori Ñaupa"},
         {"date_of_birth", "2026-10-01"},
         {"sex", "female"},
         {"placement", "inside_with_mother"},
         {"facility_id", a}},
        "nursery_officer_a"}},
      {"POST /api/v1/parents",
       {{{"given_names", "Nayra"},
         {"family_names", "Mamani Ccori"},
         {"sex", "female"},
         {"facility_id", a},
         {"custody_status", "incarcerated"},
         {"admission_date", "2026-01-10"}},
        "visits_officer_a"}},
      {"POST /api/v1/spaces",
       {{{"facility_id", a}, {"name", "Aula 2"}, {"kind", "classroom"}, {"capacity_people", 15}},
        "root"}},
      {"POST /api/v1/wings",
       {{{"facility_id", a}, {"name", "Pabellón C"}, {"gender", "men"}}, "root"}},
  };
  // Reads every signed-in user (or every care organisation) makes by design,
  // with the reason; their answers are still searched for facility A's secrets.
  const std::map<std::string, std::string> shared_reads = {
      {"/api/v1/facilities/{id}", "reference data"},
      {"/api/v1/wings/{id}", "reference data"},
      {"/api/v1/spaces/{id}", "reference data"},
      {"/api/v1/facilities/{id}/session-templates",
       "care organisations plan visits to every prison"},
      {"/api/v1/facilities/{id}/visit-sessions", "care organisations plan visits to every prison"},
      {"/api/v1/visit-sessions/{id}/visitors",
       "a coordinator sees her own organisation's families at any prison's entrance (issue 15)"},
  };
  const std::set<std::string> own_filing = {"/api/v1/children", "/api/v1/parents"};
  const std::vector<std::string> facility_strangers = {"nursery_officer_b", "visits_officer_b",
                                                       "admin_facility_b"};
  const std::vector<std::string> organisation_strangers = {"coordinator_b", "admin_b"};
  std::vector<std::string> strangers = facility_strangers;
  strangers.insert(strangers.end(), organisation_strangers.begin(), organisation_strangers.end());
  std::map<std::string, std::string> tokens;
  for (const std::string& name : strangers) tokens[name] = TokenFor(name);
  for (const auto& [key, write] : writes) TokenFor(write.owner);
  TokenFor("root");

  const json document = json::parse(OpenApiDocument());
  const std::regex first_id(R"(/([a-z_-]+)/\{id\})");
  const std::regex named_id(R"(\{([a-z_]+)\})");
  // The path with every id replaced: {id} by `id`, a further one by facility
  // A's record of that name (or the missing id when `id` is).
  auto concrete = [&](const std::string& path, long long id) {
    std::string out;
    auto begin = std::sregex_iterator(path.begin(), path.end(), named_id);
    size_t last = 0;
    for (auto match = begin; match != std::sregex_iterator(); ++match) {
      out += path.substr(last, match->position() - last);
      const std::string name = (*match)[1];
      const auto further = further_ids.find(name);
      out += std::to_string(
          name == "id" || id == kMissing || further == further_ids.end() ? id : further->second);
      last = match->position() + match->length();
    }
    return out + path.substr(last);
  };
  const auto words = [](const HttpAnswer& answer, long long id) {
    return std::regex_replace(answer.body.value("detail", ""),
                              std::regex("\\b" + std::to_string(id) + "\\b"), "N");
  };
  std::vector<std::string> problems;
  size_t walked = 0;
  size_t calls = 0;
  size_t shared = 0;
  size_t writes_proven = 0;
  size_t refused_only = 0;
  const Write refusal_only{json::object(), ""};
  size_t own_filed = 0;
  for (const auto& [path, item] : document["paths"].items()) {
    std::smatch match;
    const bool by_path = std::regex_search(path, match, first_id) && own_records.count(match[1]);
    const auto create = creates_at_a.find(path);
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string verb = method;
      for (char& letter : verb) letter = static_cast<char>(std::toupper(letter));
      bool by_query = false;
      std::string query;
      for (const json& parameter : operation.value("parameters", json::array())) {
        if (parameter.value("in", "") != "query") continue;
        const std::string name = parameter["name"];
        if (name == "facility_id") by_query = true;
        if (parameter.value("required", false) && name != "facility_id") {
          query += "&" + name + "=2026-12";
        }
      }
      const bool by_body = verb == "POST" && create != creates_at_a.end();
      if (!by_path && !by_query && !by_body) continue;
      const std::string key = verb + " " + path;
      // Facility A's record the call names: the path's, or facility A itself.
      const long long own_id = by_path ? own_records.at(match[1]) : a;
      const bool reads = verb == "GET";
      const auto found = writes.find(key);
      const Write* write = found == writes.end() ? nullptr : &found->second;
      // A child's or parent's own operations have the foreign-records walk
      // too; those without a body here are sent an empty one and checked for
      // their refusal and for nothing written, with no owner to prove them.
      const bool case_record = by_path && (match[1] == "children" || match[1] == "parents");
      if (!reads && !write && case_record) write = &refusal_only;
      if (!reads && !write) {
        ADD_FAILURE() << key << " changes facility data and has no body in this walk";
        continue;
      }
      // The call for facility A's record, and for a missing one.
      // A change names the version of facility A's record, for both calls.
      const bool trail = path.size() > 6 && path.substr(path.size() - 6) == "/audit";
      const std::string record_path = trail ? path.substr(0, path.size() - 6) : path;
      // The operations the description says need If-Match (428 without it)
      // name the version of the path's first record.
      const bool versioned = by_path && operation["responses"].contains("428");
      const std::string versioned_path =
          by_path ? path.substr(0, path.find("{id}") + 4) : std::string();
      auto etag = [&] {
        return versioned ? Call("GET", concrete(versioned_path, own_id), tokens_["root"]).etag
                         : std::string();
      };
      // (path by an init-capture: clang 14 refuses to capture a structured binding)
      auto call = [&, &path = path](const std::string& token, long long id) {
        std::string target = by_path ? concrete(path, id) : path;
        if (by_query) target += "?facility_id=" + std::to_string(id) + query;
        if (!by_query && !query.empty()) target += "?" + query.substr(1);
        std::string body;
        if (!reads && !write->body.is_null()) {
          json sent = write->body;
          if (by_body && id == kMissing) sent[create->second] = kMissing;
          body = sent.dump();
        } else if (!reads) {
          body = "";
        }
        httplib::Headers headers;
        if (versioned) headers.emplace("If-Match", etag());
        return Call(verb, target, token, body, headers);
      };
      // A restore needs something archived: facility A's record is archived
      // first, and restored by its own user at the end.
      const bool restores = path.size() > 8 && path.substr(path.size() - 8) == "/restore";
      if (restores) {
        const std::string archive = concrete(path.substr(0, path.size() - 8) + "/archive", own_id);
        EXPECT_EQ(Call("POST", archive, tokens_["root"], "", {{"If-Match", etag()}}).status, 200)
            << archive;
      }
      ++walked;
      const std::string before = reads ? std::string() : EveryRow(world_->database->store());
      // Taken before the organisation strangers where their own filing is
      // allowed (below), else after everyone.
      std::string after;
      const bool filing = by_body && own_filing.count(path);
      for (const std::string& stranger : strangers) {
        if (filing && after.empty() && stranger == organisation_strangers.front()) {
          after = EveryRow(world_->database->store());
        }
        const HttpAnswer foreign = call(tokens[stranger], by_body ? 0 : own_id);
        const HttpAnswer missing = call(tokens[stranger], kMissing);
        ++calls;
        const std::string who = key + " as " + stranger + ": ";
        for (const std::string& secret : secrets) {
          if (foreign.raw.find(secret) != std::string::npos) {
            problems.push_back(who + "facility A's " + secret + " reached her");
          }
        }
        const bool shared_read =
            reads && (shared_reads.count(path) ||
                      // A list filtered by a facility answers what the caller sees there.
                      (by_query && !by_path));
        if (shared_read && foreign.status < 300) {
          ++shared;
          continue;
        }
        // An organisation registers its own children and parents wherever they
        // live or are held: filed under her organisation, they are hers.
        const bool organisation_stranger =
            std::count(organisation_strangers.begin(), organisation_strangers.end(), stranger);
        if (filing && organisation_stranger && foreign.status == 201) {
          if (foreign.body.value("organisation_id", 0LL) != world_->organisation_b) {
            problems.push_back(who + "filed under another organisation: " + foreign.raw);
          }
          ++own_filed;
          continue;
        }
        if (foreign.status < 400) {
          problems.push_back(who + "answered " + std::to_string(foreign.status) + " " +
                             foreign.raw.substr(0, 160));
          continue;
        }
        // Seen (the facility is reference data, and so are its wings and
        // spaces), not theirs to change, nor theirs to read the trail of.
        if (foreign.status == 403 && (!reads || shared_reads.count(record_path))) continue;
        // A create names a facility everyone sees; any refusal will do.
        if (by_body && create->second == "facility_id") continue;
        if (foreign.status != missing.status ||
            words(foreign, by_body ? 0 : own_id) != words(missing, kMissing)) {
          problems.push_back(
              who + "answers unlike a missing one: " + std::to_string(foreign.status) + " «" +
              foreign.body.value("detail", "") + "» / " + std::to_string(missing.status) + " «" +
              missing.body.value("detail", "") + "»");
        }
      }
      if (reads) continue;
      if (after.empty()) after = EveryRow(world_->database->store());
      if (before != after) {
        problems.push_back(key + " wrote for a stranger: " + FirstDifference(before, after));
      }
      if (write->owner.empty()) {
        ++refused_only;
        continue;
      }
      // Facility A's own user makes the same write.
      const HttpAnswer own = call(tokens_[write->owner], by_body ? 0 : own_id);
      EXPECT_LT(own.status, 300) << key << " as " << write->owner << ": " << own.raw;
      if (own.status < 300) ++writes_proven;
      if (path.size() > 8 && path.substr(path.size() - 8) == "/archive") {
        const std::string restore = concrete(path.substr(0, path.size() - 8) + "/restore", own_id);
        EXPECT_EQ(Call("POST", restore, tokens_["root"], "", {{"If-Match", etag()}}).status, 200)
            << restore;
      }
    }
  }
  for (const auto& [key, write] : writes) {
    (void)write;
    bool found = false;
    for (const auto& [path, item] : document["paths"].items()) {
      for (const auto& [method, operation] : item.items()) {
        std::string verb = method;
        for (char& letter : verb) letter = static_cast<char>(std::toupper(letter));
        if (verb + " " + path == key) found = true;
      }
    }
    EXPECT_TRUE(found) << key << " is in the walk's bodies but not in the API";
  }
  std::printf(
      "foreign-facility walk: %zu operations walked, %zu calls by %zu strangers, %zu shared "
      "reads answered, %zu records an organisation filed under itself at facility A, %zu writes "
      "refused to strangers and then made by facility A's own user, %zu writes of a child's or "
      "parent's checked for their refusal only\n",
      walked, calls, strangers.size(), shared, own_filed, writes_proven, refused_only);
  std::string listed;
  for (const std::string& problem : problems) listed += "  " + problem + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:\n" << listed;
  EXPECT_GT(walked, 40u);
  EXPECT_EQ(writes_proven, writes.size());
}

}  // namespace
}  // namespace vinculo::testing
