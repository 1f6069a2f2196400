// Nursery needs and donations through SupplyService on a real database
// (SQLite or PostgreSQL): the default catalogue and its edits, needs by age
// band (a child of exactly 24 months needs a bed, not a crib), donations,
// stock, allocations and the shortfall, concurrent allocations that never
// drive the stock negative, bad input that changes nothing, and scoping. The
// clock is fixed at 2026-11-23.
#include "service/supply_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "service/demo_programme.h"
#include "service/secrets.h"
#include "support/demo_database.h"
#include "support/supply_world.h"

namespace vinculo::testing {
namespace {

class SupplyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    children_ = AddSupplyChildren(*world_);
    ASSERT_GT(children_.outside_a, 0);
    supplies_ = std::make_unique<SupplyService>(world_->context);
    crib_ = CatalogueItemId(*world_, "crib");
    bed_ = CatalogueItemId(*world_, "bed");
    nappies_ = CatalogueItemId(*world_, "nappies");
  }

  const Actor& As(const std::string& name) { return world_->actor(name); }
  long long A() const { return world_->facility_a; }

  SupplyDonationRow Donate(long long item_id, long long quantity,
                           const std::string& as = "nursery_officer_a") {
    DonationRequest request;
    request.item_id = item_id;
    request.quantity = quantity;
    request.donor_type = "charity";
    request.donor_name = "Fundación Sintética";
    auto donation = supplies_->RecordDonation(As(as), A(), request);
    EXPECT_TRUE(donation.ok()) << donation.status().ToString();
    return donation.ok() ? *donation : SupplyDonationRow{};
  }

  Result<SupplyAllocationRow> Allocate(long long child_id, long long item_id, long long quantity,
                                       const std::string& as = "nursery_officer_a") {
    AllocationRequest request;
    request.child_id = child_id;
    request.item_id = item_id;
    request.quantity = quantity;
    return supplies_->Allocate(As(as), A(), request);
  }

  long long InStock(long long item_id, long long facility_id = 0) {
    auto stock = supplies_->Stock(As("admin"), facility_id ? facility_id : A());
    EXPECT_TRUE(stock.ok()) << stock.status().ToString();
    if (!stock.ok()) return -1;
    for (const StockLine& line : *stock) {
      if (line.item.id == item_id) return line.quantity;
    }
    return -1;
  }

  size_t AllocationCount() {
    auto allocations = supplies_->Allocations(As("admin"), A());
    EXPECT_TRUE(allocations.ok()) << allocations.status().ToString();
    return allocations.ok() ? allocations->size() : 0;
  }

  static const ItemNeed& Need(const NeedsOnDate& period, const std::string& code) {
    for (const ItemNeed& need : period.items) {
      if (need.item.code == code) return need;
    }
    static const ItemNeed kMissing;
    ADD_FAILURE() << "no need for " << code;
    return kMissing;
  }

  FacilityNeeds NeedsOf(const std::string& as, std::optional<Date> as_of = std::nullopt) {
    auto needs = supplies_->Needs(As(as), A(), as_of);
    EXPECT_TRUE(needs.ok()) << needs.status().ToString();
    return needs.ok() ? *needs : FacilityNeeds{};
  }

  std::unique_ptr<World> world_;
  SupplyChildren children_;
  std::unique_ptr<SupplyService> supplies_;
  long long crib_ = 0;
  long long bed_ = 0;
  long long nappies_ = 0;
};

TEST_F(SupplyServiceTest, TheDefaultCatalogueIsSeededInSpanishAndEnglish) {
  auto items = supplies_->Catalogue(As("nursery_officer_b"));
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  std::map<std::string, SupplyItemRow> by_code;
  for (const SupplyItemRow& item : *items) by_code[item.code] = item;
  EXPECT_EQ(by_code.size(), 11u);
  EXPECT_EQ(by_code["crib"].name_es, "Cuna");
  EXPECT_EQ(by_code["crib"].name_en, "Crib");
  EXPECT_EQ(by_code["crib"].from_months, 0);
  EXPECT_EQ(by_code["crib"].to_months, 24);
  EXPECT_EQ(by_code["crib"].kind, "durable");
  EXPECT_EQ(by_code["bed"].from_months, 24);
  EXPECT_FALSE(by_code["bed"].to_months);
  EXPECT_EQ(by_code["formula"].to_months, 6);
  EXPECT_EQ(by_code["baby_food"].from_months, 6);
  EXPECT_EQ(by_code["nappies"].kind, "monthly");
  EXPECT_EQ(by_code["nappies"].to_months, 36);
  EXPECT_EQ(by_code["school_supplies"].from_months, 48);
  for (const char* band :
       {"clothes_0_6", "clothes_6_12", "clothes_12_24", "clothes_24_48", "clothes_48_72"}) {
    EXPECT_EQ(by_code.count(band), 1u) << band;
  }
}

TEST_F(SupplyServiceTest, OnlyAnInstallationAdministratorEditsTheCatalogue) {
  SupplyItemFields blanket;
  blanket.code = "blanket";
  blanket.name_es = "Frazada";
  blanket.name_en = "Blanket";
  blanket.unit = "piece";
  blanket.from_months = 0;
  blanket.quantity = 2;
  blanket.kind = "durable";
  for (const char* name : {"nursery_officer_a", "admin_a", "auditor", "coordinator_a"}) {
    EXPECT_EQ(supplies_->AddCatalogueItem(As(name), blanket).status().code(),
              StatusCode::kForbidden)
        << name;
  }
  auto created = supplies_->AddCatalogueItem(As("admin"), blanket);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->version, 1);
  EXPECT_FALSE(created->to_months);
  EXPECT_EQ(supplies_->AddCatalogueItem(As("admin"), blanket).status().field(), "code");

  SupplyItemFields change;
  change.to_months = 36;
  auto changed = supplies_->ChangeCatalogueItem(As("admin"), created->id, 1, change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->to_months, 36);
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(supplies_->ChangeCatalogueItem(As("admin"), created->id, 1, change).status().code(),
            StatusCode::kPreconditionFailed);

  auto archived = supplies_->ArchiveCatalogueItem(As("admin"), created->id, 2);
  ASSERT_TRUE(archived.ok()) << archived.status().ToString();
  EXPECT_TRUE(archived->archived);
  for (const ItemNeed& need : NeedsOf("admin").now.items) EXPECT_NE(need.item.code, "blanket");
  DonationRequest donation;
  donation.item_id = created->id;
  donation.quantity = 1;
  donation.donor_type = "family";
  EXPECT_EQ(supplies_->RecordDonation(As("admin"), A(), donation).status().field(), "item_id");
}

TEST_F(SupplyServiceTest, BadCatalogueItemsAreRefusedNamingTheFieldAndNothingChanges) {
  const size_t before = supplies_->Catalogue(As("admin"))->size();
  auto valid = [] {
    SupplyItemFields fields;
    fields.code = "wipes";
    fields.name_es = "Toallitas";
    fields.name_en = "Wipes";
    fields.unit = "pack";
    fields.from_months = 0;
    fields.to_months = 24;
    fields.quantity = 4;
    fields.kind = "monthly";
    return fields;
  };
  struct Case {
    const char* field;
    std::function<void(SupplyItemFields&)> spoil;
  };
  const std::vector<Case> cases = {
      {"code", [](SupplyItemFields& f) { f.code = "Wipes!"; }},
      {"name_es", [](SupplyItemFields& f) { f.name_es = "  "; }},
      {"name_en", [](SupplyItemFields& f) { f.name_en.reset(); }},
      {"unit", [](SupplyItemFields& f) { f.unit = ""; }},
      {"from_months", [](SupplyItemFields& f) { f.from_months = -1; }},
      {"to_months", [](SupplyItemFields& f) { f.to_months = 0; }},
      {"quantity", [](SupplyItemFields& f) { f.quantity = 0; }},
      {"kind", [](SupplyItemFields& f) { f.kind = "weekly"; }},
  };
  for (const Case& test_case : cases) {
    SupplyItemFields fields = valid();
    test_case.spoil(fields);
    auto refused = supplies_->AddCatalogueItem(As("admin"), fields);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << test_case.field;
    EXPECT_EQ(refused.status().field(), test_case.field);
  }
  EXPECT_EQ(supplies_->Catalogue(As("admin"))->size(), before);
}

TEST_F(SupplyServiceTest, NeedsFollowAgeBandsAndAChildOfExactly24MonthsNeedsABed) {
  const FacilityNeeds needs = NeedsOf("nursery_officer_a");
  EXPECT_EQ(needs.children_inside, 4);
  EXPECT_EQ(needs.now.date, "2026-11-23");
  EXPECT_EQ(needs.next_month.date, "2026-12-23");
  // Today: the newborn (3 months) and the 23-month-old need cribs; the child
  // of exactly 24 months and the school-age child need beds.
  EXPECT_EQ(Need(needs.now, "crib").children, 2);
  EXPECT_EQ(Need(needs.now, "bed").children, 2);
  EXPECT_EQ(Need(needs.now, "formula").needed, 6);
  EXPECT_EQ(Need(needs.now, "baby_food").needed, 30);
  EXPECT_EQ(Need(needs.now, "nappies").children, 3);
  EXPECT_EQ(Need(needs.now, "nappies").needed, 450);
  EXPECT_EQ(Need(needs.now, "clothes_0_6").children, 1);
  EXPECT_EQ(Need(needs.now, "clothes_12_24").children, 1);
  EXPECT_EQ(Need(needs.now, "clothes_24_48").children, 1);
  EXPECT_EQ(Need(needs.now, "clothes_48_72").needed, 6);
  EXPECT_EQ(Need(needs.now, "school_supplies").children, 1);
  EXPECT_EQ(Need(needs.now, "crib").shortfall, 2);
  // Next month the 23-month-old turns 24: one crib, three beds.
  EXPECT_EQ(Need(needs.next_month, "crib").children, 1);
  EXPECT_EQ(Need(needs.next_month, "bed").children, 3);
  EXPECT_EQ(Need(needs.next_month, "baby_food").children, 0);

  EXPECT_EQ(needs.now.children, 4);
  EXPECT_EQ(needs.next_month.children, 4);

  // The day before the second birthday the same child still needs a crib.
  const FacilityNeeds earlier = NeedsOf("nursery_officer_a", Date{2026, 11, 22});
  EXPECT_EQ(Need(earlier.now, "crib").children, 3);
  EXPECT_EQ(Need(earlier.now, "bed").children, 1);
}

TEST_F(SupplyServiceTest, AChildWhoAgesOutBeforeNextMonthIsNotCountedNextMonth) {
  auto needs = supplies_->Needs(As("nursery_officer_b"), world_->facility_b);
  ASSERT_TRUE(needs.ok()) << needs.status().ToString();
  EXPECT_EQ(needs->children_inside, 2);
  EXPECT_EQ(needs->now.children, 2);
  EXPECT_EQ(Need(needs->now, "nappies").children, 2);
  EXPECT_EQ(Need(needs->now, "bed").children, 1);
  // Born 2023-12-10 in Mexico (36 months): leaves on 2026-12-10.
  EXPECT_EQ(needs->next_month.children, 1);
  EXPECT_EQ(Need(needs->next_month, "nappies").children, 1);
  EXPECT_EQ(Need(needs->next_month, "bed").children, 0);
  EXPECT_EQ(Need(needs->next_month, "crib").children, 1);
}

// Issue 14: a home's shortfalls of today skip next month (and the facility's
// age-out board it needs): today's figures are the same, next month's empty.
TEST_F(SupplyServiceTest, TodaysNeedsAloneAreTheFullNeedsOfToday) {
  auto full = supplies_->Needs(As("nursery_officer_b"), world_->facility_b);
  auto today = supplies_->Needs(As("nursery_officer_b"), world_->facility_b, std::nullopt,
                                /*next_month=*/false);
  ASSERT_TRUE(full.ok() && today.ok());
  EXPECT_EQ(today->children_inside, full->children_inside);
  EXPECT_EQ(today->now.children, full->now.children);
  ASSERT_EQ(today->now.items.size(), full->now.items.size());
  for (size_t item_idx = 0; item_idx < full->now.items.size(); ++item_idx) {
    SCOPED_TRACE(full->now.items[item_idx].item.code);
    EXPECT_EQ(today->now.items[item_idx].needed, full->now.items[item_idx].needed);
    EXPECT_EQ(today->now.items[item_idx].shortfall, full->now.items[item_idx].shortfall);
  }
  EXPECT_TRUE(today->next_month.items.empty());
  EXPECT_EQ(today->next_month.children, 0);
}

TEST_F(SupplyServiceTest, DonationsAddStockAllocationsTakeItAndTheShortfallFollows) {
  Donate(crib_, 2);
  Donate(bed_, 1);
  Donate(nappies_, 100);
  EXPECT_EQ(InStock(crib_), 2);
  EXPECT_EQ(InStock(nappies_), 100);
  EXPECT_EQ(InStock(crib_, world_->facility_b), 0);

  ASSERT_TRUE(Allocate(children_.newborn_a, crib_, 1).ok());
  ASSERT_TRUE(Allocate(children_.exactly_24_a, bed_, 1).ok());
  ASSERT_TRUE(Allocate(children_.newborn_a, nappies_, 40).ok());
  EXPECT_EQ(InStock(crib_), 1);
  EXPECT_EQ(InStock(bed_), 0);
  EXPECT_EQ(InStock(nappies_), 60);
  EXPECT_EQ(AllocationCount(), 3u);

  const FacilityNeeds needs = NeedsOf("nursery_officer_a");
  const ItemNeed& crib = Need(needs.now, "crib");
  EXPECT_EQ(crib.needed, 2);
  EXPECT_EQ(crib.allocated, 1);
  EXPECT_EQ(crib.in_stock, 1);
  EXPECT_EQ(crib.shortfall, 0);
  const ItemNeed& bed = Need(needs.now, "bed");
  EXPECT_EQ(bed.allocated, 1);
  EXPECT_EQ(bed.shortfall, 1);
  EXPECT_EQ(Need(needs.next_month, "bed").shortfall, 2);
  // Nappies are per month: what was handed out does not cover next month.
  EXPECT_EQ(Need(needs.now, "nappies").allocated, 0);
  EXPECT_EQ(Need(needs.now, "nappies").shortfall, 390);
  // More stock than need: the shortfall stops at zero.
  Donate(crib_, 10);
  EXPECT_EQ(Need(NeedsOf("nursery_officer_a").now, "crib").shortfall, 0);

  auto donations = supplies_->Donations(As("nursery_officer_a"), A());
  ASSERT_TRUE(donations.ok());
  EXPECT_EQ(donations->size(), 4u);
  EXPECT_EQ(donations->front().donor_type, "charity");
  EXPECT_EQ(donations->front().donor_name, "Fundación Sintética");
}

TEST_F(SupplyServiceTest, AnAllocationOfStockThatIsNotThereIsRefusedAndNothingChanges) {
  Donate(crib_, 1);
  auto refused = Allocate(children_.newborn_a, crib_, 2);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "quantity");
  EXPECT_NE(refused.status().message().find("1 left"), std::string::npos)
      << refused.status().message();
  auto never_donated = Allocate(children_.newborn_a, bed_, 1);
  EXPECT_EQ(never_donated.status().field(), "quantity");
  EXPECT_EQ(InStock(crib_), 1);
  EXPECT_EQ(InStock(bed_), 0);
  EXPECT_EQ(AllocationCount(), 0u);
}

TEST_F(SupplyServiceTest, BadDonationsAndAllocationsNameTheFieldAndChangeNothing) {
  Donate(crib_, 3);
  DonationRequest donation;
  donation.item_id = crib_;
  donation.quantity = 1;
  donation.donor_type = "family";
  auto refuse_donation = [&](DonationRequest request, const char* field) {
    auto refused = supplies_->RecordDonation(As("nursery_officer_a"), A(), request);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << field;
    EXPECT_EQ(refused.status().field(), field);
  };
  DonationRequest bad = donation;
  bad.quantity = 0;
  refuse_donation(bad, "quantity");
  bad = donation;
  bad.quantity = -5;
  refuse_donation(bad, "quantity");
  bad = donation;
  bad.donor_type = "government";
  refuse_donation(bad, "donor_type");
  bad = donation;
  bad.donated_on = "2026-11-24";
  refuse_donation(bad, "donated_on");
  bad = donation;
  bad.donated_on = "2026-02-30";
  refuse_donation(bad, "donated_on");
  bad = donation;
  bad.item_id = 999999;
  refuse_donation(bad, "item_id");

  struct Case {
    long long child_id;
    long long item_id;
    long long quantity;
    const char* field;
  };
  for (const Case& test_case :
       std::vector<Case>{{children_.newborn_a, crib_, 0, "quantity"},
                         {children_.newborn_a, crib_, -1, "quantity"},
                         {children_.toddler_b, crib_, 1, "child_id"},  // inside, but facility B
                         {children_.outside_a, crib_, 1, "child_id"},  // lives with relatives
                         {999999, crib_, 1, "child_id"},
                         {children_.newborn_a, 999999, 1, "item_id"}}) {
    auto refused = Allocate(test_case.child_id, test_case.item_id, test_case.quantity);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << test_case.field;
    EXPECT_EQ(refused.status().field(), test_case.field);
  }
  AllocationRequest future;
  future.child_id = children_.newborn_a;
  future.item_id = crib_;
  future.quantity = 1;
  future.allocated_on = "2027-01-01";
  EXPECT_EQ(supplies_->Allocate(As("nursery_officer_a"), A(), future).status().field(),
            "allocated_on");

  EXPECT_EQ(InStock(crib_), 3);
  EXPECT_EQ(AllocationCount(), 0u);
  EXPECT_EQ(supplies_->Donations(As("admin"), A())->size(), 1u);
}

TEST_F(SupplyServiceTest, ACorrectionOrWithdrawalCannotMakeTheStockNegative) {
  const SupplyDonationRow donation = Donate(nappies_, 50);
  ASSERT_TRUE(Allocate(children_.newborn_a, nappies_, 45).ok());
  DonationCorrection withdraw;
  withdraw.quantity = 0;
  withdraw.reason = "The pack was for another prison";
  auto refused = supplies_->CorrectDonation(As("nursery_officer_a"), A(), donation.id, withdraw);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "quantity");
  EXPECT_EQ(InStock(nappies_), 5);
  EXPECT_EQ(supplies_->Donations(As("admin"), A())->front().quantity, 50);

  DonationCorrection no_reason;
  no_reason.quantity = 48;
  EXPECT_EQ(supplies_->CorrectDonation(As("nursery_officer_a"), A(), donation.id, no_reason)
                .status()
                .field(),
            "reason");
  DonationCorrection negative;
  negative.quantity = -1;
  negative.reason = "typo";
  EXPECT_EQ(supplies_->CorrectDonation(As("nursery_officer_a"), A(), donation.id, negative)
                .status()
                .field(),
            "quantity");

  DonationCorrection miscounted;
  miscounted.quantity = 46;
  miscounted.reason = "Counted again: 46";
  auto corrected =
      supplies_->CorrectDonation(As("nursery_officer_a"), A(), donation.id, miscounted);
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(corrected->quantity, 46);
  EXPECT_EQ(corrected->received_quantity, 50);
  EXPECT_EQ(corrected->correction_reason, "Counted again: 46");
  EXPECT_EQ(InStock(nappies_), 1);
  miscounted.quantity = 60;
  ASSERT_TRUE(
      supplies_->CorrectDonation(As("nursery_officer_a"), A(), donation.id, miscounted).ok());
  EXPECT_EQ(InStock(nappies_), 15);
  // Another facility's officer cannot even find the donation.
  EXPECT_EQ(supplies_->CorrectDonation(As("nursery_officer_b"), A(), donation.id, miscounted)
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_F(SupplyServiceTest, ConcurrentAllocationsNeverDriveTheStockNegative) {
  Donate(nappies_, 5);
  constexpr int kThreads = 12;
  std::atomic<int> granted{0};
  std::atomic<int> refused{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  const long long children[] = {children_.newborn_a, children_.turning_24_a,
                                children_.exactly_24_a};
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      auto allocation = Allocate(children[thread_idx % 3], nappies_, 1);
      if (allocation.ok()) {
        ++granted;
      } else if (allocation.status().code() == StatusCode::kConflict &&
                 allocation.status().field() == "quantity") {
        ++refused;
      } else {
        ++failed;
        ADD_FAILURE() << allocation.status().ToString();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 5);
  EXPECT_EQ(refused.load(), kThreads - 5);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(InStock(nappies_), 0);
  EXPECT_EQ(AllocationCount(), 5u);
}

TEST_F(SupplyServiceTest, AnOfficerOfAnotherFacilityCannotReadOrWrite) {
  Donate(crib_, 2);
  const Actor& other = As("nursery_officer_b");
  EXPECT_EQ(supplies_->Needs(other, A()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(supplies_->Stock(other, A()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(supplies_->Donations(other, A()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(supplies_->Allocations(other, A()).status().code(), StatusCode::kNotFound);
  DonationRequest donation;
  donation.item_id = crib_;
  donation.quantity = 1;
  donation.donor_type = "family";
  EXPECT_EQ(supplies_->RecordDonation(other, A(), donation).status().code(), StatusCode::kNotFound);
  AllocationRequest allocation;
  allocation.child_id = children_.newborn_a;
  allocation.item_id = crib_;
  allocation.quantity = 1;
  EXPECT_EQ(supplies_->Allocate(other, A(), allocation).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(InStock(crib_), 2);
  // Her own facility works.
  EXPECT_TRUE(supplies_->Needs(other, world_->facility_b).ok());
  // A coordinator of a care organisation does not run the prison's stock.
  EXPECT_EQ(supplies_->Needs(As("coordinator_a"), A()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(supplies_->Needs(As("caregiver_a"), A()).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(supplies_->Needs(As("visits_officer_a"), A()).status().code(), StatusCode::kForbidden);
}

TEST_F(SupplyServiceTest, AnAuditorSeesFiguresButNotDonorsOrWhichChildGotWhat) {
  Donate(crib_, 2);
  ASSERT_TRUE(Allocate(children_.newborn_a, crib_, 1).ok());
  const FacilityNeeds needs = NeedsOf("auditor");
  EXPECT_EQ(Need(needs.now, "crib").allocated, 1);
  EXPECT_EQ(Need(needs.now, "crib").in_stock, 1);
  EXPECT_TRUE(supplies_->Stock(As("auditor"), A()).ok());
  EXPECT_EQ(supplies_->Allocations(As("auditor"), A()).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(supplies_->Donations(As("auditor"), A()).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(Allocate(children_.newborn_a, crib_, 1, "auditor").status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(InStock(crib_), 1);
}

// The demo programme ships the catalogue and some donations and allocations
// in the Mexican nursery, seen by its nursery officer.
TEST(DemoSupplies, TheDemoNurseryHasDonationsAllocationsAndAShortfall) {
  DemoReport report;
  auto database = CopyOfTheDemo(report);  // support/demo_database.h
  ASSERT_NE(database, nullptr);
  FixedClock clock(DemoCreatedAt());
  AuditLog audit(database->store());
  ServiceContext context{&database->store(), &clock, &audit};
  RecordService records(context);
  AuthService auth(context);
  auto login = auth.Login("oficial.guarderia", kDemoPassword, "127.0.0.1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  auto officer = auth.Authenticate(login->token, "127.0.0.1");
  ASSERT_TRUE(officer.ok()) << officer.status().ToString();
  ASSERT_TRUE(officer->facility_id);

  SupplyService supplies(context);
  auto donations = supplies.Donations(*officer, *officer->facility_id);
  ASSERT_TRUE(donations.ok()) << donations.status().ToString();
  EXPECT_EQ(donations->size(), 7u);
  auto allocations = supplies.Allocations(*officer, *officer->facility_id);
  ASSERT_TRUE(allocations.ok()) << allocations.status().ToString();
  EXPECT_GE(allocations->size(), 5u);
  auto needs = supplies.Needs(*officer, *officer->facility_id);
  ASSERT_TRUE(needs.ok()) << needs.status().ToString();
  EXPECT_GE(needs->children_inside, 15);
  long long shortfall = 0;
  for (const ItemNeed& need : needs->now.items) {
    EXPECT_GE(need.in_stock, 0) << need.item.code;
    shortfall += need.shortfall;
  }
  EXPECT_GT(shortfall, 0);
  audit.Flush();
}

}  // namespace
}  // namespace vinculo::testing
