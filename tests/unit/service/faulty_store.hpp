// FaultyStore: a Store that forwards to a real one and fails the Nth write (SQLite's
// fault-injection loops, STYLE.md "Tests"): every Transaction method counts as one write, Commit()
// included, and the Nth returns kIo "injected fault" without reaching the real store. Reads are
// never failed. Counting goes on across transactions, so a loop can run N = 1, 2, … until an
// operation completes with fewer than N writes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "directory/store.hpp"

namespace rollcall::testing {

class FaultyStore final : public directory::Store {
 public:
  // `fail_at` = 0: never fail.
  FaultyStore(directory::Store& real, std::size_t fail_at) : real_(real), fail_at_(fail_at) {}

  std::size_t writes() const { return writes_; }
  bool failed() const { return failed_; }
  // Counts one write; the error to return when it is the one to fail.
  Status Count() {
    ++writes_;
    if (fail_at_ != 0 && writes_ == fail_at_) {
      failed_ = true;
      return MakeError(ErrorCode::kIo, "injected fault");
    }
    return {};
  }

  Status Migrate() override { return real_.Migrate(); }
  Result<int> SchemaVersion() override { return real_.SchemaVersion(); }
  int LatestSchemaVersion() const override { return real_.LatestSchemaVersion(); }
  Result<std::unique_ptr<directory::Transaction>> Begin() override;
  Result<directory::Org> AddOrg(const std::string& code, const std::string& name,
                                const std::optional<std::string>& parent_code) override {
    return real_.AddOrg(code, name, parent_code);
  }
  Result<std::optional<directory::Org>> FindOrg(const std::string& code) override {
    return real_.FindOrg(code);
  }
  Result<std::vector<directory::Org>> ListOrgs() override { return real_.ListOrgs(); }
  Result<directory::Snapshot> LoadSnapshot(directory::Id org, const std::string& source) override {
    return real_.LoadSnapshot(org, source);
  }
  Result<std::vector<directory::UserRow>> ListUsers(const directory::UserQuery& query) override {
    return real_.ListUsers(query);
  }
  Result<bool> LoginTaken(const std::string& login) override { return real_.LoginTaken(login); }
  Result<std::vector<std::string>> LoginsStartingWith(
      const std::vector<std::string>& prefixes) override {
    return real_.LoginsStartingWith(prefixes);
  }
  Result<std::optional<directory::ImportRecord>> FindImport(const std::string& id) override {
    return real_.FindImport(id);
  }
  Result<std::vector<directory::ImportRecord>> ListImports(
      const directory::ImportQuery& query) override {
    return real_.ListImports(query);
  }
  Result<std::optional<std::uint64_t>> UploadSize(const std::string& hash) override {
    return real_.UploadSize(hash);
  }
  Status SaveUpload(const std::string& hash, const directory::UploadReader& read,
                    const std::string& now) override {
    if (Status counted = Count(); !counted) return counted;
    return real_.SaveUpload(hash, read, now);
  }
  Status ReadUpload(const std::string& hash, const directory::UploadWriter& write) override {
    return real_.ReadUpload(hash, write);
  }
  Result<std::pair<std::int64_t, std::int64_t>> Versions(directory::Id org,
                                                         const std::string& source) override {
    return real_.Versions(org, source);
  }
  Result<std::optional<directory::Account>> FindAccount(directory::Id id) override {
    return real_.FindAccount(id);
  }
  Result<std::optional<directory::Affiliation>> FindAffiliation(directory::Id id) override {
    return real_.FindAffiliation(id);
  }
  Result<std::optional<directory::Group>> FindGroup(directory::Id id) override {
    return real_.FindGroup(id);
  }
  Result<std::optional<directory::Membership>> FindMembership(directory::Id account,
                                                              directory::Id group) override {
    return real_.FindMembership(account, group);
  }
  Result<std::optional<directory::GuardianLink>> FindLink(directory::Id guardian,
                                                          directory::Id child) override {
    return real_.FindLink(guardian, child);
  }
  Result<std::size_t> CountAccountReferences(directory::Id account) override {
    return real_.CountAccountReferences(account);
  }
  Result<std::size_t> CountGroupMembers(directory::Id group) override {
    return real_.CountGroupMembers(group);
  }
  Result<std::optional<directory::Credential>> FindCredential(directory::Id account) override {
    return real_.FindCredential(account);
  }
  Result<std::vector<directory::CustomRole>> ListCustomRoles() override {
    return real_.ListCustomRoles();
  }
  Result<std::vector<directory::RoleAssignment>> ListRoleAssignments() override {
    return real_.ListRoleAssignments();
  }
  Result<std::optional<directory::CustomRole>> FindCustomRole(directory::Id id) override {
    return real_.FindCustomRole(id);
  }
  Result<std::optional<directory::RoleAssignment>> FindRoleAssignment(
      directory::Id account) override {
    return real_.FindRoleAssignment(account);
  }
  Result<std::optional<directory::Account>> FindAccountByLogin(const std::string& login) override {
    return real_.FindAccountByLogin(login);
  }
  Result<std::vector<directory::Account>> FindAccountsByEmail(
      const std::vector<std::string>& emails) override {
    return real_.FindAccountsByEmail(emails);
  }
  Result<std::vector<std::string>> ExistingGroupNames(
      const std::vector<std::string>& names) override {
    return real_.ExistingGroupNames(names);
  }
  Result<std::vector<directory::AuditEntry>> LoadAudit(const std::string& import_id) override {
    return real_.LoadAudit(import_id);
  }
  Result<std::vector<directory::SealedCredential>> LoadSealedCredentials(
      const std::string& import_id) override {
    return real_.LoadSealedCredentials(import_id);
  }
  Result<std::vector<directory::UserRow>> AccountsWithLogins(
      const std::vector<std::string>& logins) override {
    return real_.AccountsWithLogins(logins);
  }
  Result<std::vector<directory::UserRow>> AccountsToPurge(const std::string& today) override {
    return real_.AccountsToPurge(today);
  }
  Result<std::optional<directory::SyncSettings>> FindSyncSettings(directory::Id org) override {
    return real_.FindSyncSettings(org);
  }
  Result<std::vector<directory::SyncSettings>> ListSyncSettings() override {
    return real_.ListSyncSettings();
  }
  Status SaveSyncSettings(const directory::SyncSettings& settings) override {
    return real_.SaveSyncSettings(settings);
  }
  Status RecordSyncRun(directory::Id org, const std::string& at,
                       const std::string& outcome) override {
    return real_.RecordSyncRun(org, at, outcome);
  }
  Result<directory::OrgLock> AcquireOrgLock(const directory::OrgLock& wanted,
                                            const std::string& now) override {
    return real_.AcquireOrgLock(wanted, now);
  }
  Status ReleaseOrgLock(directory::Id org, const std::string& holder) override {
    return real_.ReleaseOrgLock(org, holder);
  }

 private:
  directory::Store& real_;
  std::size_t fail_at_;
  std::size_t writes_ = 0;
  bool failed_ = false;
};

}  // namespace rollcall::testing
