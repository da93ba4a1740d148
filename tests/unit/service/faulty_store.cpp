#include "unit/service/faulty_store.hpp"

namespace rollcall::testing {
namespace {

using directory::Id;

// Forwards every write to the real transaction unless the store says this one fails.
class FaultyTransaction final : public directory::Transaction {
 public:
  FaultyTransaction(std::unique_ptr<directory::Transaction> real, FaultyStore& store)
      : real_(std::move(real)), store_(store) {}

  Result<Id> InsertAccount(const directory::Account& account) override {
    return Insert([&] { return real_->InsertAccount(account); });
  }
  Status UpdateAccount(const directory::Account& account) override {
    return Write([&] { return real_->UpdateAccount(account); });
  }
  Status DeleteAccount(Id account) override {
    return Write([&] { return real_->DeleteAccount(account); });
  }
  Result<Id> InsertAffiliation(const directory::Affiliation& affiliation) override {
    return Insert([&] { return real_->InsertAffiliation(affiliation); });
  }
  Status UpdateAffiliation(const directory::Affiliation& affiliation) override {
    return Write([&] { return real_->UpdateAffiliation(affiliation); });
  }
  Result<Id> InsertGroup(const directory::Group& group) override {
    return Insert([&] { return real_->InsertGroup(group); });
  }
  Status UpdateGroup(const directory::Group& group) override {
    return Write([&] { return real_->UpdateGroup(group); });
  }
  Status InsertMembership(const directory::Membership& membership) override {
    return Write([&] { return real_->InsertMembership(membership); });
  }
  Status DeleteMembership(Id account, Id group) override {
    return Write([&] { return real_->DeleteMembership(account, group); });
  }
  Status InsertLink(const directory::GuardianLink& link) override {
    return Write([&] { return real_->InsertLink(link); });
  }
  Status DeleteLink(Id guardian, Id child) override {
    return Write([&] { return real_->DeleteLink(guardian, child); });
  }
  Status DeleteAffiliation(Id affiliation) override {
    return Write([&] { return real_->DeleteAffiliation(affiliation); });
  }
  Status DeleteGroup(Id group) override {
    return Write([&] { return real_->DeleteGroup(group); });
  }
  Status SaveImport(const directory::ImportRecord& record) override {
    return Write([&] { return real_->SaveImport(record); });
  }
  Result<Id> InsertCustomRole(const directory::CustomRole& role) override {
    return Insert([&] { return real_->InsertCustomRole(role); });
  }
  Status RestoreCustomRole(const directory::CustomRole& role) override {
    return Write([&] { return real_->RestoreCustomRole(role); });
  }
  Status UpdateCustomRole(const directory::CustomRole& role) override {
    return Write([&] { return real_->UpdateCustomRole(role); });
  }
  Status DeleteCustomRole(Id role) override {
    return Write([&] { return real_->DeleteCustomRole(role); });
  }
  Status SetRoleAssignment(const directory::RoleAssignment& assignment) override {
    return Write([&] { return real_->SetRoleAssignment(assignment); });
  }
  Status DeleteRoleAssignment(Id account) override {
    return Write([&] { return real_->DeleteRoleAssignment(account); });
  }
  Status TouchOrg(Id org) override {
    return Write([&] { return real_->TouchOrg(org); });
  }
  Status TouchSource(const std::string& source) override {
    return Write([&] { return real_->TouchSource(source); });
  }
  Status SetCredential(const directory::Credential& credential) override {
    return Write([&] { return real_->SetCredential(credential); });
  }
  Status SaveSealedCredential(const directory::SealedCredential& credential) override {
    return Write([&] { return real_->SaveSealedCredential(credential); });
  }
  Status DeleteSealedCredentials(const std::string& import_id) override {
    return Write([&] { return real_->DeleteSealedCredentials(import_id); });
  }
  Status AppendAudit(const directory::AuditEntry& entry) override {
    return Write([&] { return real_->AppendAudit(entry); });
  }
  Status ExpectBulkCreate(std::size_t accounts) override {
    return Write([&] { return real_->ExpectBulkCreate(accounts); });
  }
  Result<std::size_t> WipeExpiredCredentials(const std::string& now) override {
    if (Status counted = store_.Count(); !counted) return counted.error();
    return real_->WipeExpiredCredentials(now);
  }
  Status Commit() override {
    return Write([&] { return real_->Commit(); });
  }

 private:
  template <class Call>
  Status Write(Call call) {
    if (Status counted = store_.Count(); !counted) return counted;
    return call();
  }
  template <class Call>
  Result<Id> Insert(Call call) {
    if (Status counted = store_.Count(); !counted) return counted.error();
    return call();
  }

  std::unique_ptr<directory::Transaction> real_;
  FaultyStore& store_;
};

}  // namespace

Result<std::unique_ptr<directory::Transaction>> FaultyStore::Begin() {
  Result<std::unique_ptr<directory::Transaction>> real = real_.Begin();
  if (!real) return real.error();
  return std::unique_ptr<directory::Transaction>(
      std::make_unique<FaultyTransaction>(std::move(real).value(), *this));
}

}  // namespace rollcall::testing
