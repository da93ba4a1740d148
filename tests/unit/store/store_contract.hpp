// The store contract: what every directory::Store must do, as one value-parametrised GoogleTest
// suite. Each backend instantiates it once with a StoreBackend that opens a fresh, empty store
// (sqlite_store_test.cpp; PostgreSQL later), so both databases pass the very same tests
// (DESIGN.md §6). The tests themselves are in store_contract.cpp.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "directory/model.hpp"
#include "directory/store.hpp"
#include "support/test_support.hpp"

namespace rollcall::testing {

struct StoreBackend {
  std::string name;  // the suffix of the instantiated tests' names
  // Opens a fresh, empty, unmigrated store. Its files, if any, go under `scratch`, a directory
  // that outlives the store. Returns nullptr when the backend is unavailable.
  std::function<std::unique_ptr<directory::Store>(const std::filesystem::path& scratch)> open;
};

inline void PrintTo(const StoreBackend& backend, std::ostream* out) { *out << backend.name; }

class StoreContract : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;

  directory::Store& store() { return *store_; }
  // A new store on the same backend and scratch directory (a second connection for SQLite).
  std::unique_ptr<directory::Store> OpenAnother();

  directory::Org AddOrg(const std::string& code,
                        const std::optional<std::string>& parent = std::nullopt);
  std::unique_ptr<directory::Transaction> Begin();
  // An active account with fixed timestamps; attributes and state are the caller's to set.
  static directory::Account MakeAccount(const std::string& login, const std::string& last_name,
                                        const std::string& first_name);
  // Inserts and returns the id; fails the test on error.
  directory::Id Insert(directory::Transaction& transaction, const directory::Account& account);
  directory::Id Affiliate(directory::Transaction& transaction, directory::Id account,
                          directory::Id org, const std::string& profile, const std::string& source,
                          const std::string& external_id = "");
  directory::Id AddGroup(directory::Transaction& transaction, directory::Id org,
                         const std::string& name, const std::string& period,
                         directory::GroupKind kind = directory::GroupKind::kClass,
                         bool archived = false);
  directory::Snapshot Snapshot(directory::Id org, const std::string& source);
  std::vector<directory::UserRow> Users(const directory::UserQuery& query);

 private:
  TempDir scratch_;
  std::unique_ptr<directory::Store> store_;
};

// Two schools and a regional source "onde". The snapshot of (school A, onde) must hold:
//   in_a         manual affiliation in A only                     yes (affiliated with A)
//   teacher      onde in A and onde in B                          yes, with both affiliations
//   onde_in_b    onde in B only                                   yes (holds the source)
//   csv_in_b     csv in B only                                    no
//   unaffiliated no affiliation                                   no
//   ended_in_a   ended csv affiliation in A                       yes (active or not)
struct TwoSchools {
  directory::Org a, b;
  directory::Id in_a = 0, teacher = 0, onde_in_b = 0, csv_in_b = 0, unaffiliated = 0,
                ended_in_a = 0;
  directory::Id a_class = 0, a_archived = 0, a_protected = 0, b_class = 0;
};

// The snapshot and listing tests share one small world (snapshot_contract_test.cpp).
class SnapshotContract : public StoreContract {
 protected:
  TwoSchools Build();
};

std::vector<directory::Id> AccountIds(const directory::Snapshot& snapshot);
std::vector<std::string> Logins(const std::vector<directory::UserRow>& users);

}  // namespace rollcall::testing
