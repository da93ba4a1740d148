// The store contract, part 2: what a snapshot holds, and the `rollcall users` listing.
#include <fmt/format.h>

#include <algorithm>

#include "unit/store/store_contract.hpp"

namespace rollcall::testing {

using directory::GroupKind;
using directory::Id;

TwoSchools SnapshotContract::Build() {
  TwoSchools w;
  w.a = AddOrg("0751234A");
  w.b = AddOrg("0759999Z");
  auto t = Begin();
  w.in_a = Insert(*t, MakeAccount("in.a", "Alpha", "In"));
  w.teacher = Insert(*t, MakeAccount("teacher", "Teacher", "Tom"));
  w.onde_in_b = Insert(*t, MakeAccount("onde.b", "Beta", "Onde"));
  w.csv_in_b = Insert(*t, MakeAccount("csv.b", "Beta", "Csv"));
  w.unaffiliated = Insert(*t, MakeAccount("nobody", "Nobody", "No"));
  w.ended_in_a = Insert(*t, MakeAccount("ended.a", "Alpha", "Ended"));
  Affiliate(*t, w.in_a, w.a.id, "staff", "manual");
  Affiliate(*t, w.teacher, w.a.id, "teacher", "onde", "T1");
  Affiliate(*t, w.onde_in_b, w.b.id, "student", "onde", "S9");
  Affiliate(*t, w.teacher, w.b.id, "teacher", "onde", "T1");
  Affiliate(*t, w.csv_in_b, w.b.id, "student", "csv", "C1");
  directory::Affiliation ended{0, w.ended_in_a, w.a.id, "student", "csv", "C2", true, ""};
  ended.id = *t->InsertAffiliation(ended);
  ended.active = false;
  ended.ended_at = "2026-07-14T00:00:00Z";
  EXPECT_TRUE(t->UpdateAffiliation(ended));
  w.a_class = AddGroup(*t, w.a.id, "CM1 A", "2026-2027");
  w.b_class = AddGroup(*t, w.b.id, "CE2", "2026-2027");
  w.a_archived = AddGroup(*t, w.a.id, "CM1 A", "2025-2026", GroupKind::kClass, true);
  w.a_protected = AddGroup(*t, w.a.id, "Chorale", "", GroupKind::kProtected);
  EXPECT_TRUE(t->InsertMembership({w.teacher, w.a_class, "onde"}));
  EXPECT_TRUE(t->InsertMembership({w.teacher, w.b_class, "onde"}));
  EXPECT_TRUE(t->InsertMembership({w.csv_in_b, w.b_class, "csv"}));
  EXPECT_TRUE(t->InsertMembership({w.in_a, w.a_archived, "manual"}));
  EXPECT_TRUE(t->InsertMembership({w.csv_in_b, w.a_protected, "manual"}));
  EXPECT_TRUE(t->InsertLink({w.in_a, w.csv_in_b, "manual"}));         // guardian inside
  EXPECT_TRUE(t->InsertLink({w.csv_in_b, w.unaffiliated, "csv"}));    // neither inside
  EXPECT_TRUE(t->InsertLink({w.unaffiliated, w.teacher, "manual"}));  // child inside
  EXPECT_TRUE(t->Commit());
  return w;
}

namespace {

TEST_P(SnapshotContract, HoldsTheOrgsAccountsAndThoseOfItsSourceElsewhere) {
  const TwoSchools w = Build();
  const directory::Snapshot snapshot = Snapshot(w.a.id, "onde");
  EXPECT_EQ(snapshot.org, w.a);
  EXPECT_EQ(snapshot.source, "onde");
  EXPECT_EQ(AccountIds(snapshot), (std::vector<Id>{w.in_a, w.teacher, w.onde_in_b, w.ended_in_a}));
}

TEST_P(SnapshotContract, HoldsEveryAffiliationOfItsAccountsInAnyOrg) {
  const TwoSchools w = Build();
  const directory::Snapshot snapshot = Snapshot(w.a.id, "onde");
  std::vector<std::pair<Id, Id>> held;  // (account, org)
  for (const directory::Affiliation& affiliation : snapshot.affiliations) {
    held.emplace_back(affiliation.account, affiliation.org);
  }
  const std::vector<std::pair<Id, Id>> expected = {{w.in_a, w.a.id},
                                                   {w.teacher, w.a.id},
                                                   {w.onde_in_b, w.b.id},
                                                   {w.teacher, w.b.id},
                                                   {w.ended_in_a, w.a.id}};
  EXPECT_EQ(held, expected);
  const directory::Affiliation& ended = snapshot.affiliations.back();
  EXPECT_FALSE(ended.active);
  EXPECT_EQ(ended.ended_at, "2026-07-14T00:00:00Z");
  EXPECT_EQ(ended.external_id, "C2");
}

TEST_P(SnapshotContract, HoldsTheOrgsGroupsOfEveryPeriodArchivedToo) {
  const TwoSchools w = Build();
  const directory::Snapshot snapshot = Snapshot(w.a.id, "onde");
  ASSERT_EQ(snapshot.groups.size(), 3u);
  EXPECT_EQ(snapshot.groups[0].id, w.a_class);
  EXPECT_EQ(snapshot.groups[1].id, w.a_archived);
  EXPECT_TRUE(snapshot.groups[1].archived);
  EXPECT_EQ(snapshot.groups[1].period, "2025-2026");
  EXPECT_EQ(snapshot.groups[2].kind, GroupKind::kProtected);
  EXPECT_EQ(snapshot.groups[2].period, "");
}

TEST_P(SnapshotContract, HoldsOnlyMembershipsInTheOrgsGroups) {
  const TwoSchools w = Build();
  const directory::Snapshot snapshot = Snapshot(w.a.id, "onde");
  // Memberships in the org's groups, even of an account outside the snapshot (csv_in_b).
  const std::vector<directory::Membership> expected = {{w.in_a, w.a_archived, "manual"},
                                                       {w.teacher, w.a_class, "onde"},
                                                       {w.csv_in_b, w.a_protected, "manual"}};
  EXPECT_EQ(snapshot.memberships, expected);
}

TEST_P(SnapshotContract, HoldsLinksWhereGuardianOrChildIsItsAccount) {
  const TwoSchools w = Build();
  const directory::Snapshot snapshot = Snapshot(w.a.id, "onde");
  const std::vector<directory::GuardianLink> expected = {{w.in_a, w.csv_in_b, "manual"},
                                                         {w.unaffiliated, w.teacher, "manual"}};
  EXPECT_EQ(snapshot.links, expected);
}

TEST_P(SnapshotContract, OfAnotherSourceLeavesOutTheRegionalOnlyAccounts) {
  const TwoSchools w = Build();
  const directory::Snapshot snapshot = Snapshot(w.a.id, "csv");
  EXPECT_EQ(AccountIds(snapshot), (std::vector<Id>{w.in_a, w.teacher, w.csv_in_b, w.ended_in_a}));
}

// A school that is a small part of the directory: a store may read it differently (SQLite probes
// indexes instead of scanning tables); the contents must not change.
TEST_P(SnapshotContract, OfASmallOrgInABigDirectoryHoldsTheSameKindsOfRows) {
  const directory::Org small = AddOrg("SMALL");
  const directory::Org big = AddOrg("BIG");
  auto t = Begin();
  const Id pupil = Insert(*t, MakeAccount("pupil", "Small", "Pupil"));
  Affiliate(*t, pupil, small.id, "student", "csv", "P1");
  const Id group = AddGroup(*t, small.id, "CP", "2026-2027");
  ASSERT_TRUE(t->InsertMembership({pupil, group, "csv"}));
  std::vector<Id> others;
  for (int other_idx = 0; other_idx < 40; ++other_idx) {
    others.push_back(Insert(*t, MakeAccount(fmt::format("o{}", other_idx), "Other", "O")));
    Affiliate(*t, others.back(), big.id, "student", "siecle", fmt::format("S{}", other_idx));
  }
  Affiliate(*t, others[7], big.id, "teacher", "csv", "T7");  // same source, other org
  ASSERT_TRUE(t->InsertMembership({others[7], group, "csv"}));
  ASSERT_TRUE(t->InsertLink({others[3], pupil, "csv"}));
  ASSERT_TRUE(t->InsertLink({others[4], others[5], "siecle"}));
  ASSERT_TRUE(t->Commit());
  const directory::Snapshot snapshot = Snapshot(small.id, "csv");
  EXPECT_EQ(AccountIds(snapshot), (std::vector<Id>{pupil, others[7]}));
  ASSERT_EQ(snapshot.affiliations.size(), 3u);  // the pupil's, and both of others[7]
  EXPECT_EQ(snapshot.affiliations[0].account, pupil);
  EXPECT_EQ(snapshot.affiliations[1].external_id, "S7");
  EXPECT_EQ(snapshot.affiliations[2].external_id, "T7");
  EXPECT_EQ(snapshot.memberships,
            (std::vector<directory::Membership>{{pupil, group, "csv"}, {others[7], group, "csv"}}));
  EXPECT_EQ(snapshot.links, (std::vector<directory::GuardianLink>{{others[3], pupil, "csv"}}));
  EXPECT_EQ(Snapshot(big.id, "siecle").accounts.size(), 40u);
}

TEST_P(SnapshotContract, VersionChangesWhenTheOrgIsTouchedOnly) {
  const TwoSchools w = Build();
  const std::int64_t before = Snapshot(w.a.id, "onde").version;
  auto transaction = Begin();
  ASSERT_TRUE(transaction->TouchOrg(w.b.id));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(Snapshot(w.a.id, "onde").version, before);
  transaction = Begin();
  ASSERT_TRUE(transaction->TouchOrg(w.a.id));
  ASSERT_TRUE(transaction->Commit());
  EXPECT_NE(Snapshot(w.a.id, "onde").version, before);
}

TEST_P(SnapshotContract, OfAnUnknownOrgIsNotFound) {
  Result<directory::Snapshot> snapshot = store().LoadSnapshot(777, "csv");
  ASSERT_FALSE(snapshot);
  EXPECT_EQ(snapshot.error().code, ErrorCode::kNotFound);
}

TEST_P(SnapshotContract, ReadInsideATransactionSeesItsWritesAndKeepsThem) {
  const TwoSchools w = Build();
  auto transaction = Begin();
  const Id late = Insert(*transaction, MakeAccount("late", "Late", "L"));
  Affiliate(*transaction, late, w.a.id, "student", "csv");
  EXPECT_EQ(Snapshot(w.a.id, "onde").accounts.size(), 5u);
  ASSERT_TRUE(transaction->Commit());
  EXPECT_EQ(Snapshot(w.a.id, "onde").accounts.size(), 5u);
}

TEST_P(SnapshotContract, UsersOfAnOrgWithItsAffiliationsOnly) {
  const TwoSchools w = Build();
  const std::vector<directory::UserRow> users = Users({w.a.id, "", "", 100});
  EXPECT_EQ(Logins(users), (std::vector<std::string>{"ended.a", "in.a", "teacher"}));
  for (const directory::UserRow& user : users) {
    ASSERT_EQ(user.affiliations.size(), 1u) << user.account.login;
    EXPECT_EQ(user.affiliations[0].org, w.a.id);
  }
  EXPECT_FALSE(users[0].affiliations[0].active);  // an ended affiliation still shows
}

TEST_P(SnapshotContract, UsersWithoutFilterAreEveryAccountByNameThenId) {
  Build();
  const std::vector<directory::UserRow> users = Users({});
  EXPECT_EQ(Logins(users),
            (std::vector<std::string>{"ended.a", "in.a", "csv.b", "onde.b", "nobody", "teacher"}));
  const auto teacher = std::find_if(
      users.begin(), users.end(), [](const auto& user) { return user.account.login == "teacher"; });
  EXPECT_EQ(teacher->affiliations.size(), 2u);
}

TEST_P(SnapshotContract, UsersFilteredByProfileAndOrg) {
  const TwoSchools w = Build();
  EXPECT_EQ(Logins(Users({std::nullopt, "teacher", "", 100})), std::vector<std::string>{"teacher"});
  EXPECT_EQ(Logins(Users({w.b.id, "student", "", 100})),
            (std::vector<std::string>{"csv.b", "onde.b"}));
  EXPECT_TRUE(Users({w.b.id, "staff", "", 100}).empty());
}

TEST_P(SnapshotContract, UsersMatchedByLoginNameEmailOrExternalId) {
  const directory::Org org = AddOrg("0751234A");
  auto t = Begin();
  directory::Account herve = MakeAccount("herve.poulad-malin", "POULAD-MALIN", "Hervé");
  herve.SetAttribute("email", "h.pm@ecole.example");
  const Id herve_id = Insert(*t, herve);
  Affiliate(*t, herve_id, org.id, "student", "onde", "INE-0042");
  Affiliate(*t, Insert(*t, MakeAccount("a_b", "Under", "Score")), org.id, "staff", "manual");
  Affiliate(*t, Insert(*t, MakeAccount("zed", "Zed", "Zoe")), org.id, "staff", "manual");
  ASSERT_TRUE(t->Commit());
  const std::vector<std::string> herve_only = {"herve.poulad-malin"};
  EXPECT_EQ(Logins(Users({std::nullopt, "", "POULAD", 100})), herve_only);
  EXPECT_EQ(Logins(Users({std::nullopt, "", "hervé poulad", 100})), herve_only);
  EXPECT_EQ(Logins(Users({std::nullopt, "", "poulad-malin hervé", 100})), herve_only);
  EXPECT_EQ(Logins(Users({std::nullopt, "", "ecole.example", 100})), herve_only);
  EXPECT_EQ(Logins(Users({std::nullopt, "", "ine-0042", 100})), herve_only);
  // LIKE's wildcards are taken literally.
  EXPECT_EQ(Logins(Users({std::nullopt, "", "_", 100})), std::vector<std::string>{"a_b"});
  EXPECT_TRUE(Users({std::nullopt, "", "%", 100}).empty());
}

TEST_P(SnapshotContract, UsersOrderIgnoresTheCaseOfNames) {
  auto t = Begin();
  Insert(*t, MakeAccount("u1", "dupont", "Zoé"));
  Insert(*t, MakeAccount("u2", "DUPONT", "anna"));
  Insert(*t, MakeAccount("u3", "Dubois", "Marc"));
  Insert(*t, MakeAccount("u4", "Dupont", "Anna"));
  ASSERT_TRUE(t->Commit());
  EXPECT_EQ(Logins(Users({})), (std::vector<std::string>{"u3", "u2", "u4", "u1"}));
}

TEST_P(SnapshotContract, UsersAreLimited) {
  Build();
  EXPECT_EQ(Logins(Users({std::nullopt, "", "", 2})),
            (std::vector<std::string>{"ended.a", "in.a"}));
}

}  // namespace
}  // namespace rollcall::testing
