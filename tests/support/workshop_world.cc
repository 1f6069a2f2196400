#include "support/workshop_world.h"

#include <gtest/gtest.h>

#include "service/workshop_service.h"

namespace vinculo::testing {
namespace {

long long Create(World& world, const RecordKind& kind, FieldValues values) {
  auto created = world.records->Create(world.actor("admin"), kind, std::move(values));
  EXPECT_TRUE(created.ok()) << kind.name << ": " << created.status().ToString();
  return created.ok() ? created->id : 0;
}

long long Space(World& world, long long facility_id, const char* name, const char* kind,
                long long capacity) {
  return Create(world, SpaceKind(),
                {{"facility_id", facility_id},
                 {"name", std::string(name)},
                 {"kind", std::string(kind)},
                 {"capacity_people", capacity}});
}

}  // namespace

WorkshopFixture AddWorkshopWorld(World& world) {
  WorkshopFixture fixture;
  // About 1.08 degrees of latitude south of facility A: roughly 120 km.
  fixture.facility_c = Create(world, FacilityKind(),
                              {{"name", std::string("Penal de Huancavelica (sintético)")},
                               {"kind", std::string("prison")},
                               {"jurisdiction_id", world.jurisdiction_pe},
                               {"official_capacity", 300LL},
                               {"current_population", 450LL},
                               {"latitude", -12.07},
                               {"longitude", -74.20}});
  fixture.chapel_a = Space(world, world.facility_a, "Capilla", "chapel", 3);
  fixture.patio_a = Space(world, world.facility_a, "Patio de guardería", "visiting_patio", 20);
  fixture.chapel_c = Space(world, fixture.facility_c, "Capilla", "chapel", 10);

  auto add_parent = [&](const std::string& facility, const std::string& sex,
                        const std::string& given) {
    Record parent = world.AddParent(facility, sex);
    Record child = world.AddChild("A", given);
    world.Link(parent.id, child.id, sex == "female" ? "mother" : "father");
    return parent.id;
  };
  const char* kChildren[] = {"Ayelén", "Illari", "Killa", "Nayra"};
  for (const char* name : kChildren) fixture.mothers_a.push_back(add_parent("A", "female", name));
  fixture.fathers_a.push_back(add_parent("A", "male", "Amaru"));
  fixture.fathers_a.push_back(add_parent("A", "male", "Wayra"));
  fixture.mother_b = add_parent("B", "female", "Sumaq");

  fixture.facilitator = world.actor("social_worker_a").user_id;
  WorkshopService workshops(world.context);
  auto courses = workshops.Courses(world.actor("admin"));
  EXPECT_TRUE(courses.ok()) << courses.status().ToString();
  if (courses.ok() && !courses->empty()) fixture.default_course = courses->front().id;
  CourseRequest request;
  request.code = "taller-corto";
  request.title_es = "Taller corto de crianza";
  request.title_en = "Short parenting workshop";
  for (int topic_idx = 1; topic_idx <= 4; ++topic_idx) {
    request.topics.push_back(
        {0, "Tema " + std::to_string(topic_idx), "Topic " + std::to_string(topic_idx)});
  }
  auto course = workshops.CreateCourse(world.actor("admin"), request);
  EXPECT_TRUE(course.ok()) << course.status().ToString();
  if (course.ok()) fixture.short_course = course->id;
  return fixture;
}

}  // namespace vinculo::testing
