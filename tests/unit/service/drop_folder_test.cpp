// The drop folder of a scheduled sync: the guide's layout, links and escapes refused, processed
// files archived with their report.
#include "service/drop_folder.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace rollcall::service {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class DropFolderTest : public ::testing::Test {
 protected:
  fs::path Put(const std::string& relative, const std::string& text = "Nom;Prénom\n") {
    fs::create_directories((dir_ / relative).parent_path());
    testing::WriteFile(dir_ / relative, text);
    return dir_ / relative;
  }
  fs::path Dir() const { return dir_.path(); }

  testing::TempDir dir_;
  testing::TempDir outside_;
};

TEST_F(DropFolderTest, FindsTheGuidesLayoutAndIgnoresTheRest) {
  Put("import/user/internal/users-b.csv");
  Put("import/user/internal/users-a.CSV");
  Put("import/user/internal/notes.txt");
  Put("import/user/internal/user_role/role.csv");
  Put("import/user/internal/user_role/user_role.csv");
  Put("import/user/internal/user_role/other.csv");
  Put("elsewhere.csv");
  Result<DropFolderContents> contents = ScanDropFolder(Dir());
  ASSERT_TRUE(contents.has_value()) << contents.error().message;
  EXPECT_THAT(contents->user_files, ElementsAre(Dir() / "import/user/internal/users-a.CSV",
                                                Dir() / "import/user/internal/users-b.csv"));
  EXPECT_EQ(contents->role_file, Dir() / "import/user/internal/user_role/role.csv");
  EXPECT_EQ(contents->user_role_file, Dir() / "import/user/internal/user_role/user_role.csv");
  EXPECT_THAT(contents->refused, IsEmpty());
}

TEST_F(DropFolderTest, RoleFilesAreOptionalTheUserFolderIsNot) {
  Put("import/user/internal/users.csv");
  Result<DropFolderContents> contents = ScanDropFolder(Dir());
  ASSERT_TRUE(contents.has_value());
  EXPECT_FALSE(contents->role_file.has_value());
  testing::TempDir empty;
  Result<DropFolderContents> missing = ScanDropFolder(empty.path());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(DropFolderTest, SymbolicLinksAreRefusedNotFollowed) {
  Put("import/user/internal/users.csv");
  testing::WriteFile(outside_ / "secret.csv", "not yours\n");
  fs::create_symlink(outside_ / "secret.csv", Dir() / "import/user/internal/linked.csv");
  fs::create_directories(outside_ / "roles");
  testing::WriteFile(outside_ / "roles" / "role.csv", "x\n");
  fs::create_directory_symlink(outside_ / "roles", Dir() / "import/user/internal/user_role");
  Result<DropFolderContents> contents = ScanDropFolder(Dir());
  ASSERT_TRUE(contents.has_value());
  EXPECT_THAT(contents->user_files, ElementsAre(Dir() / "import/user/internal/users.csv"));
  EXPECT_FALSE(contents->role_file.has_value());
  ASSERT_EQ(contents->refused.size(), 2u);
  EXPECT_THAT(contents->refused[0], HasSubstr("symbolic link"));
  // A drop folder that is itself a link, or whose layout folders are, is refused.
  fs::create_directory_symlink(Dir(), outside_ / "link");
  EXPECT_EQ(ScanDropFolder(outside_ / "link").error().code, ErrorCode::kRefused);
}

TEST_F(DropFolderTest, ProcessedFilesAreArchivedWithTheirReport) {
  const fs::path file = Put("import/user/internal/users.csv", "Nom\nRAISON\n");
  Result<fs::path> archived =
      ArchiveProcessed(Dir(), file, "2026-11-21T10-00-00Z", "line;status\n");
  ASSERT_TRUE(archived.has_value()) << archived.error().message;
  EXPECT_EQ(*archived, Dir() / "archive/2026-11-21T10-00-00Z/import/user/internal/users.csv");
  EXPECT_FALSE(fs::exists(file));
  EXPECT_EQ(testing::ReadFile(*archived), "Nom\nRAISON\n");
  EXPECT_EQ(testing::ReadFile(archived->parent_path() / "users.report.csv"), "line;status\n");
  // Scanning again finds nothing to process: a sync is idempotent.
  EXPECT_THAT(ScanDropFolder(Dir())->user_files, IsEmpty());
}

TEST_F(DropFolderTest, ArchiveRefusesFilesOutsideTheFolderAndBadStamps) {
  testing::WriteFile(outside_ / "other.csv", "x\n");
  EXPECT_EQ(ArchiveProcessed(Dir(), outside_ / "other.csv", "s", "").error().code,
            ErrorCode::kRefused);
  const fs::path file = Put("import/user/internal/users.csv");
  EXPECT_EQ(ArchiveProcessed(Dir(), Dir() / "import/user/internal/../../../../other.csv", "s", "")
                .error()
                .code,
            ErrorCode::kRefused);
  EXPECT_EQ(ArchiveProcessed(Dir(), file, "../up", "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(fs::exists(file));
}

// DIR/archive (or a folder below it) as a symbolic link once made the sync write outside the drop
// folder. Every folder on the archive path is refused when it is a link, and nothing is moved or
// written, neither inside nor where the link points.
TEST_F(DropFolderTest, SymlinkedArchiveFoldersAreRefusedAndNothingIsWrittenOutside) {
  const fs::path file = Put("import/user/internal/eleves.csv");
  for (const std::string link :
       {"archive", "archive/2026-11-21T10-00-00Z", "archive/2026-11-21T10-00-00Z/import/user"}) {
    fs::remove_all(Dir() / "archive");
    fs::create_directories((Dir() / link).parent_path());
    fs::create_directory_symlink(outside_.path(), Dir() / link);
    const Result<fs::path> archived =
        ArchiveProcessed(Dir(), file, "2026-11-21T10-00-00Z", "line;status\n");
    ASSERT_FALSE(archived.has_value()) << link;
    EXPECT_EQ(archived.error().code, ErrorCode::kRefused) << archived.error().message;
    EXPECT_TRUE(fs::exists(file)) << link;
    EXPECT_TRUE(fs::is_empty(outside_.path())) << link;
  }
  // The source folder as a link is refused too.
  fs::remove_all(Dir() / "archive");
  fs::rename(Dir() / "import/user/internal", Dir() / "real");
  fs::create_directory_symlink(Dir() / "real", Dir() / "import/user/internal");
  const Result<fs::path> linked_source =
      ArchiveProcessed(Dir(), Dir() / "import/user/internal/eleves.csv", "s", "");
  ASSERT_FALSE(linked_source.has_value());
  EXPECT_EQ(linked_source.error().code, ErrorCode::kRefused) << linked_source.error().message;
}

}  // namespace
}  // namespace rollcall::service
