// The store contract on SQLite (a fresh temporary file per test), what only SQLite has (WAL,
// pragmas, its files), and OpenStore's URLs.
#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/open_store.hpp"
#include "store/sqlite/attributes_codec.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "unit/store/store_contract.hpp"

namespace rollcall::testing {
namespace {

std::vector<StoreBackend> SqliteBackend() {
  return {{"Sqlite", [](const std::filesystem::path& scratch) {
             Result<std::unique_ptr<directory::Store>> store =
                 store::OpenStore("sqlite:" + (scratch / "store.db").string());
             EXPECT_TRUE(store) << store.error().message;
             return store ? std::move(store).value() : nullptr;
           }}};
}

std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Store, StoreContract, ::testing::ValuesIn(SqliteBackend()), BackendName);
INSTANTIATE_TEST_SUITE_P(Store, SnapshotContract, ::testing::ValuesIn(SqliteBackend()),
                         BackendName);

namespace {

using store::sqlite::Database;

// Reads one text value with a raw connection, as another tool would see the file.
std::string QueryText(const std::filesystem::path& path, const char* sql) {
  Result<std::unique_ptr<Database>> db = Database::Open(path.string(), false);
  EXPECT_TRUE(db);
  Result<store::sqlite::Statement> statement = (*db)->Prepare(sql);
  EXPECT_TRUE(statement) << statement.error().message;
  EXPECT_TRUE(*statement->Step());
  return statement->String(0);
}

// A database as an earlier Rollcall left it: migrated up to `version`, then `sql` run on it;
// then opened and migrated to the latest version by the store, and checked sound.
std::unique_ptr<directory::Store> MigratedFrom(const std::filesystem::path& path, int version,
                                               const char* sql) {
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path.string(), true);
    EXPECT_TRUE(db);
    EXPECT_TRUE(store::sqlite::ApplyMigrations(**db, version));
    const Status filled = (*db)->Execute(sql);
    EXPECT_TRUE(filled) << filled.error().message;
  }
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore("sqlite:" + path.string());
  EXPECT_TRUE(store);
  const Status migrated = (*store)->Migrate();
  EXPECT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  return std::move(store).value();
}

// A store whose transactions make a bulk create from two accounts on (50,000 in production).
std::unique_ptr<store::sqlite::SqliteStore> BulkStore(const std::filesystem::path& path) {
  Result<std::unique_ptr<store::sqlite::SqliteStore>> store =
      store::sqlite::SqliteStore::Open(path.string(), true);
  EXPECT_TRUE(store);
  if (!store) return nullptr;
  EXPECT_TRUE((*store)->Migrate());
  (*store)->set_bulk_threshold(2);
  return std::move(store).value();
}

// An account with only what the schema requires.
directory::Account NamedAccount(const std::string& login) {
  directory::Account account;
  account.login = login;
  account.last_name = login;
  account.first_name = "A";
  return account;
}

TEST(SqliteStore, NewFileIsInWalModeWith8KiBPagesAndTheSchemaRecorded) {
  TempDir dir;
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore("sqlite:" + (dir / "a.db").string());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Migrate());
  EXPECT_EQ(QueryText(dir / "a.db", "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(dir / "a.db", "PRAGMA page_size"), "8192");
  EXPECT_EQ(QueryText(dir / "a.db", "SELECT max(version) FROM schema_migrations"),
            std::to_string(store::sqlite::LatestSchemaVersion()));
}

// A failed apply (a full disk) rolled back, but its pages spilled into the WAL kept the disk
// full: a rolled-back transaction leaves the WAL truncated.
TEST(SqliteStore, RolledBackTransactionLeavesNoWalBehind) {
  TempDir dir;
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore("sqlite:" + (dir / "a.db").string());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Migrate());
  {
    Result<std::unique_ptr<directory::Transaction>> dropped = (*store)->Begin();
    ASSERT_TRUE(dropped);
    for (int account_idx = 0; account_idx < 20'000; ++account_idx) {
      directory::Account account = NamedAccount("spill." + std::to_string(account_idx));
      account.last_name = std::string(200, 'x');
      ASSERT_TRUE((*dropped)->InsertAccount(account));
    }
  }  // rolled back
  const std::filesystem::path wal = dir / "a.db-wal";
  EXPECT_TRUE(!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0);
}

// Migration 5 edits the schema text in place: only import.org_id loses its NOT NULL (role syncs
// belong to no org), the file stays sound, and every connection sees the new text.
TEST(SqliteStore, RoleSyncImportsMayHaveNoOrgButAffiliationsStillNeedOne) {
  TempDir dir;
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore("sqlite:" + (dir / "a.db").string());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Migrate());
  EXPECT_EQ(QueryText(dir / "a.db", "PRAGMA integrity_check"), "ok");
  const std::string import_sql =
      QueryText(dir / "a.db", "SELECT sql FROM sqlite_schema WHERE name = 'import'");
  EXPECT_NE(import_sql.find("org_id INTEGER REFERENCES org(id)"), std::string::npos);
  const std::string affiliation_sql =
      QueryText(dir / "a.db", "SELECT sql FROM sqlite_schema WHERE name = 'affiliation'");
  EXPECT_NE(affiliation_sql.find("org_id INTEGER NOT NULL REFERENCES org(id)"), std::string::npos);
}

// Migration 6 moves the audit log and the sealed credentials under an integer import key: what a
// version-5 database held reads back the same, times and expiries included.
TEST(SqliteStore, AuditAndSealedCredentialsOfVersion5SurviveMigration6) {
  TempDir dir;
  const std::unique_ptr<directory::Store> store = MigratedFrom(
      dir / "a.db", 5,
      "INSERT INTO org(code, name) VALUES ('0751234A', 'Lycée');"
      "INSERT INTO import(id, org_id, source, state, created_at, updated_at) VALUES"
      " ('imp-1', 1, 'csv', 'applied', 't1', 't1'), ('imp-2', 1, 'csv', 'applied', 't2', 't2');"
      "INSERT INTO audit(import_id, seq, before_json, after_json, at) VALUES"
      " ('imp-2', 1, '', '{\"account\":7,\"entity\":\"membership\",\"group\":3,"
      "\"source\":\"csv\"}', '2026-09-02T08:00:00Z'),"
      " ('imp-1', 2, '{\"child\":8,\"entity\":\"link\",\"guardian\":7,"
      "\"source\":\"csv\"}', '', '2026-09-01T08:00:00Z'),"
      " ('imp-1', 1, '', '{\"account\":7,\"entity\":\"membership\",\"group\":4,"
      "\"source\":\"csv\"}', '2026-09-01T08:00:00Z');"
      "INSERT INTO import_credential(import_id, account_id, sealed, expires_at) VALUES"
      " ('imp-1', 7, 'aa', '2026-09-08T08:00:00Z'), ('imp-1', 8, 'bb', "
      "'2026-09-08T08:00:00Z');");
  const Result<std::vector<directory::AuditEntry>> first = store->LoadAudit("imp-1");
  ASSERT_TRUE(first) << first.error().message;
  const std::vector<directory::AuditEntry> expected = {
      {"imp-1", 1, {}, directory::Membership{7, 4, "csv"}, "2026-09-01T08:00:00Z"},
      {"imp-1", 2, directory::GuardianLink{7, 8, "csv"}, {}, "2026-09-01T08:00:00Z"}};
  EXPECT_EQ(*first, expected);
  ASSERT_EQ(store->LoadAudit("imp-2")->size(), 1u);
  EXPECT_EQ(store->LoadAudit("imp-2")->front().at, "2026-09-02T08:00:00Z");
  const std::vector<directory::SealedCredential> sealed = {
      {"imp-1", 7, "aa", "2026-09-08T08:00:00Z"}, {"imp-1", 8, "bb", "2026-09-08T08:00:00Z"}};
  EXPECT_EQ(*store->LoadSealedCredentials("imp-1"), sealed);
  EXPECT_TRUE(store->LoadSealedCredentials("imp-2")->empty());
}

// Migration 7 drops AUTOINCREMENT from account and affiliation, and the store gives their ids from
// sqlite_sequence: an id AUTOINCREMENT gave before, even of a deleted row, is not given again.
TEST(SqliteStore, IdsAfterMigration7ContinueFromWhatAutoincrementGave) {
  TempDir dir;
  const std::unique_ptr<directory::Store> store = MigratedFrom(
      dir / "a.db", 6,
      "INSERT INTO account(login, last_name, first_name, state, created_at, updated_at)"
      " VALUES ('a', 'A', 'A', 'active', 't', 't'), ('b', 'B', 'B', 'active', 't', 't');"
      "DELETE FROM account WHERE login = 'b';");
  EXPECT_EQ(QueryText(dir / "a.db", "SELECT sql FROM sqlite_schema WHERE name = 'account'")
                .find("AUTOINCREMENT"),
            std::string::npos);
  Result<std::unique_ptr<directory::Transaction>> transaction = store->Begin();
  ASSERT_TRUE(transaction);
  directory::Account account;
  account.login = "c";
  account.last_name = account.first_name = "C";
  Result<directory::Id> id = (*transaction)->InsertAccount(account);
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(*id, 3);  // 2 was b's
  ASSERT_TRUE((*transaction)->Commit());
  EXPECT_EQ(QueryText(dir / "a.db", "SELECT seq FROM sqlite_sequence WHERE name = 'account'"), "3");
}

// A bulk create builds account_by_name, affiliation_by_source and membership_by_group at commit:
// they come back exactly as they were, with every row in them; a rollback keeps them too.
TEST(SqliteStore, BulkCreateRebuildsItsDeferredIndexesAtCommit) {
  TempDir dir;
  const std::unique_ptr<store::sqlite::SqliteStore> store = BulkStore(dir / "a.db");
  ASSERT_TRUE(store);
  const char* kIndexes =
      "SELECT group_concat(name || ':' || sql, '; ') FROM (SELECT name, sql FROM sqlite_schema"
      " WHERE name IN ('account_by_name', 'affiliation_by_source', 'membership_by_group')"
      " ORDER BY name)";
  const std::string indexes = QueryText(dir / "a.db", kIndexes);
  ASSERT_NE(indexes.find("membership_by_group"), std::string::npos);
  Result<directory::Org> org = store->AddOrg("0751234A", "Lycée", std::nullopt);
  ASSERT_TRUE(org);
  const auto create = [&](directory::Transaction& transaction, const std::string& login) {
    Result<directory::Id> id = transaction.InsertAccount(NamedAccount(login));
    ASSERT_TRUE(id);
    ASSERT_TRUE(transaction.InsertAffiliation(
        directory::Affiliation{0, *id, org->id, "student", "csv", "E-" + login, true, ""}));
  };
  {
    Result<std::unique_ptr<directory::Transaction>> dropped = store->Begin();
    ASSERT_TRUE(dropped);
    ASSERT_TRUE((*dropped)->ExpectBulkCreate(2));
    create(**dropped, "rolled.back");
  }  // rolled back
  EXPECT_EQ(QueryText(dir / "a.db", kIndexes), indexes);
  Result<std::unique_ptr<directory::Transaction>> transaction = store->Begin();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE((*transaction)->ExpectBulkCreate(2));
  create(**transaction, "b.second");
  create(**transaction, "a.first");
  ASSERT_TRUE((*transaction)->Commit());
  EXPECT_EQ(QueryText(dir / "a.db", kIndexes), indexes);
  EXPECT_EQ(QueryText(dir / "a.db", "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(
      QueryText(dir / "a.db", "SELECT group_concat(login) FROM account INDEXED BY account_by_name"),
      "a.first,b.second");
  // Their logins entered the history at commit; one that was another's fails the commit.
  EXPECT_TRUE(*store->LoginTaken("a.first"));
  EXPECT_TRUE(*store->LoginTaken("b.second"));
  transaction = store->Begin();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE((*transaction)->DeleteAccount((*store->FindAccountByLogin("a.first"))->id));
  ASSERT_TRUE((*transaction)->Commit());
  transaction = store->Begin();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE((*transaction)->ExpectBulkCreate(3));
  create(**transaction, "c.third");
  create(**transaction, "a.first");  // a deleted account's login
  const Status committed = (*transaction)->Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(committed.error().message.find("a.first"), std::string::npos);
  transaction->reset();
  EXPECT_FALSE(*store->FindAccountByLogin("c.third"));
}

// An org with one class, and a transaction of a bulk-creating store open to fill it.
class BulkCreateIntoAClass : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = BulkStore(dir_ / "a.db");
    ASSERT_TRUE(store_);
    Result<directory::Org> org = store_->AddOrg("0751234A", "Lycée", std::nullopt);
    ASSERT_TRUE(org);
    org_ = org->id;
    Result<std::unique_ptr<directory::Transaction>> transaction = store_->Begin();
    ASSERT_TRUE(transaction);
    transaction_ = std::move(transaction).value();
    Result<directory::Id> group = transaction_->InsertGroup(
        directory::Group{0, org_, directory::GroupKind::kClass, "6A", "", false, "csv"});
    ASSERT_TRUE(group);
    group_ = *group;
  }

  TempDir dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  directory::Id org_ = 0;
  directory::Id group_ = 0;
  std::unique_ptr<directory::Transaction> transaction_;  // destroyed before the store
};

// In a bulk create, affiliations, memberships and credentials wait to be written 32 to a
// statement. A statement that could see them writes them first: an update, a delete (with its
// cascade), a second credential for the same account. What is left is written at commit.
TEST_F(BulkCreateIntoAClass, RowsWaitingInBatchesAreSeenByLaterStatements) {
  directory::Transaction& bulk = *transaction_;
  ASSERT_TRUE(bulk.ExpectBulkCreate(70));
  std::vector<directory::Id> accounts;
  std::vector<directory::Id> affiliations;
  for (int person = 0; person < 70; ++person) {  // two full batches and 6 rows
    Result<directory::Id> id = bulk.InsertAccount(NamedAccount(fmt::format("p{:02}", person)));
    ASSERT_TRUE(id);
    accounts.push_back(*id);
    Result<directory::Id> affiliation = bulk.InsertAffiliation(directory::Affiliation{
        0, *id, org_, "student", "csv", fmt::format("E{}", person), true, ""});
    ASSERT_TRUE(affiliation);
    affiliations.push_back(*affiliation);
    ASSERT_TRUE(bulk.SetCredential(directory::Credential{*id, "password", "h1", true, "t"}));
    ASSERT_TRUE(bulk.InsertMembership(directory::Membership{*id, group_, "csv"}));
  }
  ASSERT_TRUE(
      bulk.SetCredential(directory::Credential{accounts[69], "activation_code", "h2", true, "t"}));
  ASSERT_TRUE(bulk.UpdateAffiliation(directory::Affiliation{
      affiliations[68], accounts[68], org_, "student", "csv", "E68-renamed", true, ""}));
  ASSERT_TRUE(bulk.DeleteMembership(accounts[67], group_));
  ASSERT_TRUE(bulk.DeleteAccount(accounts[66]));
  ASSERT_TRUE(bulk.Commit());
  EXPECT_EQ(QueryText(dir_ / "a.db", "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(dir_ / "a.db",
                      "SELECT (SELECT count(*) FROM affiliation) || ' '"
                      " || (SELECT count(*) FROM membership) || ' '"
                      " || (SELECT count(*) FROM credential)"),
            "69 68 69");
  EXPECT_EQ(QueryText(dir_ / "a.db",
                      "SELECT group_concat(kind) FROM credential WHERE account_id"
                      " = (SELECT id FROM account WHERE login = 'p69')"),
            "activation_code");
  EXPECT_EQ(QueryText(dir_ / "a.db",
                      "SELECT count(*) FROM affiliation"
                      " WHERE external_id = 'E68-renamed'"),
            "1");
}

// A waiting row that breaks a constraint fails the batch it is written in, or the commit, and
// nothing of the transaction is kept.
TEST(SqliteStore, BulkCreateRowThatBreaksAForeignKeyFailsTheCommit) {
  TempDir dir;
  const std::unique_ptr<store::sqlite::SqliteStore> store = BulkStore(dir / "a.db");
  ASSERT_TRUE(store);
  {
    Result<std::unique_ptr<directory::Transaction>> transaction = store->Begin();
    ASSERT_TRUE(transaction);
    ASSERT_TRUE((*transaction)->ExpectBulkCreate(2));
    Result<directory::Id> id = (*transaction)->InsertAccount(NamedAccount("a"));
    ASSERT_TRUE(id);
    ASSERT_TRUE((*transaction)->InsertMembership(directory::Membership{*id, 9999, "csv"}));
    const Status committed = (*transaction)->Commit();
    ASSERT_FALSE(committed);
  }
  EXPECT_EQ(QueryText(dir / "a.db", "SELECT count(*) FROM account"), "0");
}

// A bulk create's accounts are written in batches on another thread: a login another account
// holds fails the commit, and the message still names it.
TEST(SqliteStore, BulkCreateAccountWithATakenLoginFailsTheCommitNamingIt) {
  TempDir dir;
  const std::unique_ptr<store::sqlite::SqliteStore> store = BulkStore(dir / "a.db");
  ASSERT_TRUE(store);
  const auto insert = [](directory::Transaction& transaction, const std::string& login) {
    return transaction.InsertAccount(NamedAccount(login));
  };
  {
    Result<std::unique_ptr<directory::Transaction>> first = store->Begin();
    ASSERT_TRUE(first);
    ASSERT_TRUE(insert(**first, "taken"));
    ASSERT_TRUE((*first)->Commit());
  }
  Result<std::unique_ptr<directory::Transaction>> transaction = store->Begin();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE((*transaction)->ExpectBulkCreate(40));
  for (int person = 0; person < 40; ++person) {  // the failure may surface at any later call
    (void)insert(**transaction, person == 10 ? "taken" : fmt::format("p{}", person));
  }
  const Status committed = (*transaction)->Commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(committed.error().message.find("'taken'"), std::string::npos)
      << committed.error().message;
  transaction->reset();
  EXPECT_EQ(QueryText(dir / "a.db", "SELECT group_concat(login) FROM account"), "taken");
}

// The store's own reads during a bulk create see the rows still waiting in batches, and never use
// the connection while the writer thread does.
TEST_F(BulkCreateIntoAClass, StoreReadsSeeEveryWrite) {
  directory::Transaction& bulk = *transaction_;
  ASSERT_TRUE(bulk.ExpectBulkCreate(500));
  ASSERT_TRUE(bulk.ExpectBulkCreate(500));  // a second hint changes nothing
  for (int person = 0; person < 500; ++person) {
    const directory::Account account = NamedAccount(fmt::format("p{:03}", person));
    Result<directory::Id> id = bulk.InsertAccount(account);
    ASSERT_TRUE(id);
    ASSERT_TRUE(bulk.InsertMembership(directory::Membership{*id, group_, "csv"}));
    if (person % 50 != 7) continue;
    Result<std::optional<directory::Account>> found = store_->FindAccount(*id);
    ASSERT_TRUE(found);
    ASSERT_TRUE(found->has_value()) << person;
    EXPECT_EQ((*found)->login, account.login);
    Result<std::optional<directory::Membership>> membership = store_->FindMembership(*id, group_);
    ASSERT_TRUE(membership);
    EXPECT_TRUE(membership->has_value()) << person;
  }
  ASSERT_TRUE(bulk.Commit());
  EXPECT_EQ(QueryText(dir_ / "a.db",
                      "SELECT (SELECT count(*) FROM account) || ' '"
                      " || (SELECT count(*) FROM login_history) || ' '"
                      " || (SELECT count(*) FROM membership)"),
            "500 500 500");
}

// A batch that failed on the writer thread keeps its own message: a later update is not blamed.
TEST(SqliteStore, BulkCreateFailureIsNotBlamedOnALaterUpdate) {
  TempDir dir;
  const std::unique_ptr<store::sqlite::SqliteStore> store = BulkStore(dir / "a.db");
  ASSERT_TRUE(store);
  {
    Result<std::unique_ptr<directory::Transaction>> first = store->Begin();
    ASSERT_TRUE(first);
    ASSERT_TRUE((*first)->InsertAccount(NamedAccount("taken")));
    ASSERT_TRUE((*first)->Commit());
  }
  Result<std::unique_ptr<directory::Transaction>> transaction = store->Begin();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE((*transaction)->ExpectBulkCreate(40));
  directory::Id innocent = 0;
  for (int person = 0; person < 40; ++person) {
    Result<directory::Id> id =
        (*transaction)
            ->InsertAccount(NamedAccount(person == 3 ? "taken" : fmt::format("p{}", person)));
    if (id && person == 20) innocent = *id;
  }
  directory::Account renamed = NamedAccount("p20-renamed");
  renamed.id = innocent;
  const Status updated = (*transaction)->UpdateAccount(renamed);
  ASSERT_FALSE(updated);
  EXPECT_NE(updated.error().message.find("'taken'"), std::string::npos) << updated.error().message;
  const Status committed = (*transaction)->Commit();
  ASSERT_FALSE(committed);
  EXPECT_NE(committed.error().message.find("'taken'"), std::string::npos);
}

TEST(SqliteStore, DatabaseOfANewerRollcallIsRefused) {
  TempDir dir;
  const std::string path = (dir / "a.db").string();
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore("sqlite:" + path);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Migrate());
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path, false);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        (*db)->Execute("INSERT INTO schema_migrations(version, applied_at) VALUES (999, 'later')"));
  }
  const Status migrated = (*store)->Migrate();
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, ErrorCode::kUnsupportedFormat);
  EXPECT_EQ(*(*store)->SchemaVersion(), 999);
}

TEST(SqliteStore, CorruptAttributesAreReportedNotTrusted) {
  TempDir dir;
  const std::string path = (dir / "a.db").string();
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore("sqlite:" + path);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Migrate());
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path, false);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Execute(
        "INSERT INTO account(login, last_name, first_name, attributes, state, created_at,"
        " updated_at) VALUES ('x', 'X', 'Y', '[1,2]', 'active', '', '')"));
  }
  Result<std::vector<directory::UserRow>> users = (*store)->ListUsers({});
  ASSERT_FALSE(users);
  EXPECT_EQ(users.error().code, ErrorCode::kCorrupt);
}

// Migration 3 rewrites `x IN (…)` CHECK constraints as OR chains (a bulk import's inserts ran
// slower with the list): they still refuse what they refused.
TEST(SqliteStore, CheckConstraintsWithoutInListsStillRefuseUnknownValues) {
  TempDir dir;
  const std::string path = (dir / "a.db").string();
  Result<std::unique_ptr<directory::Store>> store = store::OpenStore("sqlite:" + path);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Migrate());
  EXPECT_EQ(QueryText(dir / "a.db",
                      "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (state =%'"
                      " OR sql LIKE '%CHECK (kind = ''class''%'"
                      " OR sql LIKE '%CHECK (kind = ''password''%'"),
            "3");
  Result<std::unique_ptr<Database>> db = Database::Open(path, false);
  ASSERT_TRUE(db);
  const char* insert_account =
      "INSERT INTO account(login, last_name, first_name, state, created_at, updated_at)"
      " VALUES ('{}', 'X', 'Y', '{}', '', '')";
  ASSERT_TRUE(
      (*db)->Execute(fmt::format(fmt::runtime(insert_account), "a", "pending_deletion").c_str()));
  EXPECT_FALSE((*db)->Execute(fmt::format(fmt::runtime(insert_account), "b", "asleep").c_str()));
  // This raw connection leaves foreign keys off: only the CHECK decides.
  EXPECT_FALSE((*db)->Execute(
      "INSERT INTO org_group(org_id, kind, name, source) VALUES (1, 'club', 'n', 'csv')"));
  EXPECT_TRUE((*db)->Execute(
      "INSERT INTO org_group(org_id, kind, name, source) VALUES (1, 'protected', 'n', 'csv')"));
  EXPECT_FALSE(
      (*db)->Execute("INSERT INTO credential(account_id, kind, secret_hash, created_at)"
                     " SELECT id, 'pin', 'h', '' FROM account"));
  ASSERT_TRUE(
      (*db)->Execute("INSERT INTO credential(account_id, kind, secret_hash, created_at)"
                     " SELECT id, 'activation_code', 'h', '' FROM account"));
}

TEST(SqliteStore, AFileThatIsNotADatabaseIsIo) {
  TempDir dir;
  WriteFile(dir / "notes.db", std::string(4096, 'x'));
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore("sqlite:" + (dir / "notes.db").string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kIo);
  EXPECT_NE(store.error().message.find("not a database"), std::string::npos)
      << store.error().message;
}

TEST(AttributesCodec, RoundTripsAnyTextAndSortsKeys) {
  const directory::Attributes attributes = {
      {"a", "\"quoted\" \\ back"}, {"b", "line\nbreak\ttab\x01"}, {"c", "é 漢字 🙂"}};
  const std::string encoded = store::sqlite::EncodeAttributes(attributes);
  EXPECT_EQ(*store::sqlite::DecodeAttributes(encoded), attributes);
  EXPECT_EQ(store::sqlite::EncodeAttributes({}), "{}");
  EXPECT_EQ(*store::sqlite::DecodeAttributes(R"({"z":"1","a":"2","m":""})"),
            (directory::Attributes{{"a", "2"}, {"z", "1"}}));
}

TEST(AttributesCodec, ReadsEveryJsonEscapeAndSpacing) {
  EXPECT_EQ(*store::sqlite::DecodeAttributes(
                R"( { "a" : "\u00e9\ud83d\ude42\/\b\f\n\r\t\"\\" , "b":"x" } )"),
            (directory::Attributes{{"a", "é🙂/\b\f\n\r\t\"\\"}, {"b", "x"}}));
}

TEST(AttributesCodec, AnythingButAFlatObjectOfStringsIsCorrupt) {
  for (const char* text :
       {"", "[]", R"({"a":1})", R"({"a":{"b":"c"}})", R"({"a":"b")", "null", R"({"a":"b"} x)",
        R"({"a":"\ud83d"})", R"({"a":"\x"})", "{\"a\":\"\x01\"}", R"({"a":"b",})", R"({,})"}) {
    Result<directory::Attributes> decoded = store::sqlite::DecodeAttributes(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code, ErrorCode::kCorrupt);
  }
}

TEST(OpenStore, AcceptsSqliteUrlsAndBareDbPaths) {
  TempDir dir;
  EXPECT_TRUE(store::OpenStore("sqlite:" + (dir / "a.db").string()));
  EXPECT_TRUE(store::OpenStore("sqlite://" + (dir / "b.sqlite").string()));
  EXPECT_TRUE(store::OpenStore((dir / "c.db").string()));
  EXPECT_TRUE(std::filesystem::exists(dir / "c.db"));
}

TEST(OpenStore, ExistingModeDoesNotCreateAFile) {
  TempDir dir;
  Result<std::unique_ptr<directory::Store>> store =
      store::OpenStore("sqlite:" + (dir / "missing.db").string(), store::OpenMode::kExisting);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST(OpenStore, PostgresqlIsNotBuiltYetAndUnknownSchemesAreRefused) {
  Result<std::unique_ptr<directory::Store>> postgres =
      store::OpenStore("postgresql://rollcall:s3cret@db.example/rollcall");
  ASSERT_FALSE(postgres);
  EXPECT_EQ(postgres.error().code, ErrorCode::kUnsupportedFormat);
  EXPECT_EQ(postgres.error().message.find("s3cret"), std::string::npos);
  Result<std::unique_ptr<directory::Store>> mysql =
      store::OpenStore("mysql://root:s3cret@localhost/x");
  ASSERT_FALSE(mysql);
  EXPECT_EQ(mysql.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mysql.error().message.find("s3cret"), std::string::npos) << mysql.error().message;
}

TEST(OpenStore, RedactedUrlHidesOnlyThePassword) {
  EXPECT_EQ(store::RedactedUrl("postgresql://rollcall:s3cret@db:5432/x"),
            "postgresql://rollcall:***@db:5432/x");
  EXPECT_EQ(store::RedactedUrl("postgresql://rollcall@db/x"), "postgresql://rollcall@db/x");
  EXPECT_EQ(store::RedactedUrl("sqlite:/var/lib/rollcall.db"), "sqlite:/var/lib/rollcall.db");
}

}  // namespace
}  // namespace rollcall::testing
