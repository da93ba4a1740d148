// Action files (Brightspace-style bulk user management): every action, header or none, empty and
// cleared fields, and the per-line diagnostics of broken lines.
#include "records/actions.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "table/read.hpp"

namespace rollcall::records {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

ActionFile Parse(std::string text, const ActionOptions& options = {}) {
  table::ReadOptions read_options;
  read_options.delimiter = ',';
  read_options.drop_trailing_empty_column = false;  // as action files are read
  Result<table::ReadOutcome> read = table::ReadCsv(std::move(text), read_options);
  EXPECT_TRUE(read.has_value());
  return ParseActions(read.value().table, options);
}

std::vector<std::string> Codes(const Action& action) {
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : action.diagnostics) codes.push_back(diagnostic.code);
  return codes;
}

std::vector<std::uint32_t> Lines(const ActionFile& file) {
  std::vector<std::uint32_t> lines;
  for (const Action& action : file.actions) lines.push_back(action.line);
  return lines;
}

// One file with every action, some lines broken: each problem is on its own line, in file order.
TEST(ActionsTest, MixedFileGivesPerLineDiagnostics) {
  const ActionFile file = Parse(
      "CREATE,jdupont,E1,Jean,Dupont,S3cret!,Student,1,jean.dupont@ecole.fr\n"  // 1
      "UPDATE,jdupont,,,Durand,,0,\n"                                           // 2
      " delete , mmartin , E7\n"                                                // 3
      "ENROLL,jdupont,,Student,CM1-A\n"                                         // 4
      "UNENROLL,jdupont,,\n"                                                    // 5
      "\n"                                                                      // 6
      "IMPORT,,E2,Léa,Petit,,Student,oui,lea.petit@ecole.fr,CM1-B\n"            // 7
      "RENAME,jdupont\n"                                                        // 8
      "CREATE,,,Paul,,pw,Student,1,paul@ecole\n"                                // 9
      "DELETE,jdupont\n"                                                        // 10
      "ENROLL,jdupont,,Student,CM1-A,extra\n"                                   // 11
      "UPDATE,,,,,,,\n");                                                       // 12
  EXPECT_EQ(file.header_line, 0u);
  EXPECT_THAT(file.diagnostics, IsEmpty());
  ASSERT_EQ(file.actions.size(), 11u);
  EXPECT_THAT(Lines(file), ElementsAre(1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12));

  const auto& a = file.actions;
  EXPECT_EQ(a[0].kind, ActionKind::kCreate);
  EXPECT_EQ(a[1].kind, ActionKind::kUpdate);
  EXPECT_EQ(a[2].kind, ActionKind::kDelete);
  EXPECT_EQ(a[3].kind, ActionKind::kEnroll);
  EXPECT_EQ(a[4].kind, ActionKind::kUnenroll);
  EXPECT_EQ(a[5].kind, ActionKind::kImport);
  EXPECT_EQ(a[6].kind, std::nullopt);
  for (std::size_t idx : {0, 1, 2, 3, 5}) {
    EXPECT_THAT(a[idx].diagnostics, IsEmpty()) << "line " << a[idx].line;
    EXPECT_FALSE(a[idx].Blocked());
  }
  EXPECT_THAT(Codes(a[4]), ElementsAre("missing_required_value"));
  EXPECT_EQ(a[4].diagnostics[0].field, "org_unit_code");
  EXPECT_EQ(a[4].diagnostics[0].line, 5);
  EXPECT_EQ(a[4].diagnostics[0].column, 4);

  EXPECT_THAT(Codes(a[6]), ElementsAre("unknown_action"));
  EXPECT_EQ(a[6].diagnostics[0].Param("action"), "RENAME");
  EXPECT_EQ(a[6].diagnostics[0].line, 8);

  EXPECT_THAT(Codes(a[7]), ElementsAre("missing_required_value", "invalid_email"));
  EXPECT_EQ(a[7].diagnostics[0].field, "last_name");
  EXPECT_EQ(a[7].diagnostics[1].severity, Severity::kError);  // e-mail is required on CREATE
  EXPECT_EQ(a[7].diagnostics[1].Param("value"), "paul@ecole");
  EXPECT_EQ(a[7].diagnostics[1].line, 9);

  EXPECT_THAT(Codes(a[8]), ElementsAre("action_too_few_fields"));
  EXPECT_EQ(a[8].diagnostics[0].Param("expected"), "2");
  EXPECT_EQ(a[8].diagnostics[0].Param("actual"), "1");
  EXPECT_EQ(a[8].diagnostics[0].Param("format"), "DELETE, *username, org_defined_id");
  EXPECT_EQ(a[8].Text(ActionField::kUsername), "jdupont");

  EXPECT_THAT(Codes(a[9]), ElementsAre("action_too_many_fields"));
  EXPECT_EQ(a[9].diagnostics[0].line, 11);

  EXPECT_THAT(Codes(a[10]), ElementsAre("missing_required_value"));
  EXPECT_EQ(a[10].diagnostics[0].field, "username");
  for (std::size_t idx : {4, 6, 7, 8, 9, 10}) EXPECT_TRUE(a[idx].Blocked()) << idx;
}

// Action files must be read with drop_trailing_empty_column off: when every line leaves its last
// field empty, the reader would otherwise take the trailing commas for an extra column and drop it.
TEST(ActionsTest, TrailingEmptyFieldNeedsTheReaderToKeepIt) {
  const std::string text = "UPDATE,a,,,,,1,\nUPDATE,b,,,Durand,,,\n";
  table::ReadOptions dropping;  // the default, for roster files
  const ActionFile dropped = ParseActions(table::ReadCsv(text, dropping).value().table);
  EXPECT_THAT(Codes(dropped.actions[0]), ElementsAre("action_too_few_fields"));

  const ActionFile kept = Parse(text);
  EXPECT_THAT(kept.actions[0].diagnostics, IsEmpty());
  EXPECT_THAT(kept.actions[1].diagnostics, IsEmpty());
}

// The delimiter sniffer copes with lines of different lengths.
TEST(ActionsTest, MixedLinesSniffAsComma) {
  table::ReadOptions options;
  options.drop_trailing_empty_column = false;
  const Result<table::ReadOutcome> read = table::ReadCsv(
      "CREATE,jdupont,E1,Jean,Dupont,,Student,1,jean.dupont@ecole.fr\n"
      "DELETE,mmartin,\n"
      "ENROLL,jdupont,,Student,CM1-A\n",
      options);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read.value().info.delimiter, ',');
  const ActionFile file = ParseActions(read.value().table);
  for (const Action& action : file.actions) EXPECT_THAT(action.diagnostics, IsEmpty());
}

TEST(ActionsTest, FieldsLandWhereTheFormatSays) {
  const ActionFile file = Parse(
      "CREATE,jdupont,E1,Jean,Dupont,S3cret!,Student,1,Jean.Dupont@ECOLE.fr\n"
      "UPDATE,jdupont,,,Durand,,0,\n"
      "ENROLL,jdupont,E1,Teacher,CM1-A\n"
      "UNENROLL,jdupont,,CM1-A\n");
  const Action& create = file.actions[0];
  EXPECT_EQ(create.Text(ActionField::kUsername), "jdupont");
  EXPECT_EQ(create.Text(ActionField::kOrgDefinedId), "E1");
  EXPECT_EQ(create.Text(ActionField::kFirstName), "Jean");
  EXPECT_EQ(create.Text(ActionField::kLastName), "Dupont");
  EXPECT_EQ(create.Text(ActionField::kPassword), "S3cret!");
  EXPECT_EQ(create.Text(ActionField::kRoleName), "Student");
  EXPECT_EQ(create.Text(ActionField::kIsActive), "1");
  EXPECT_EQ(create.Text(ActionField::kEmail), "Jean.Dupont@ecole.fr");
  EXPECT_EQ(create.Get(ActionField::kEmail).column, 9u);
  EXPECT_EQ(create.Get(ActionField::kOrgUnitCode).state, ValueState::kUnchanged);

  const Action& update = file.actions[1];
  EXPECT_EQ(update.Get(ActionField::kFirstName).state, ValueState::kUnchanged);
  EXPECT_EQ(update.Text(ActionField::kLastName), "Durand");
  EXPECT_EQ(update.Text(ActionField::kIsActive), "0");
  EXPECT_EQ(update.Get(ActionField::kEmail).state, ValueState::kUnchanged);
  EXPECT_EQ(update.Get(ActionField::kRoleName).state, ValueState::kUnchanged);  // not in UPDATE

  EXPECT_EQ(file.actions[2].Text(ActionField::kRoleName), "Teacher");
  EXPECT_EQ(file.actions[2].Text(ActionField::kOrgUnitCode), "CM1-A");
  EXPECT_EQ(file.actions[3].Text(ActionField::kOrgUnitCode), "CM1-A");
}

TEST(ActionsTest, HeaderLineIsOptional) {
  const ActionFile with_header = Parse(
      "Action,Username,Org Defined Id\n"
      "DELETE,jdupont,E1\n");
  EXPECT_EQ(with_header.header_line, 1u);
  ASSERT_EQ(with_header.diagnostics.size(), 1u);
  EXPECT_EQ(with_header.diagnostics[0].code, "action_header_line");
  EXPECT_EQ(with_header.diagnostics[0].severity, Severity::kInfo);
  EXPECT_EQ(with_header.diagnostics[0].Param("first_cell"), "Action");
  ASSERT_EQ(with_header.actions.size(), 1u);
  EXPECT_EQ(with_header.actions[0].line, 2u);

  const ActionFile without = Parse("DELETE,jdupont,E1\nDELETE,mmartin,E2\n");
  EXPECT_EQ(without.header_line, 0u);
  EXPECT_THAT(without.diagnostics, IsEmpty());
  EXPECT_THAT(Lines(without), ElementsAre(1, 2));
}

// Only the first line can be a header: a later line that names no action is an error.
TEST(ActionsTest, HeaderOnlyOnTheFirstNonBlankLine) {
  const ActionFile file = Parse("\nAction,Username,Org Defined Id\nDELETE,a,\nAction,b,\n");
  EXPECT_EQ(file.header_line, 2u);
  ASSERT_EQ(file.actions.size(), 2u);
  EXPECT_THAT(Codes(file.actions[1]), ElementsAre("unknown_action"));
}

TEST(ActionsTest, EmptyAndSpaceAreBothEmpty) {
  const ActionFile file = Parse(
      "UPDATE,jdupont,,,,,,\n"
      "UPDATE,jdupont, , , , , , \n");
  for (const Action& action : file.actions) {
    EXPECT_THAT(action.diagnostics, IsEmpty());
    for (ActionField field :
         {ActionField::kOrgDefinedId, ActionField::kFirstName, ActionField::kLastName,
          ActionField::kPassword, ActionField::kIsActive, ActionField::kEmail}) {
      EXPECT_EQ(action.Get(field).state, ValueState::kUnchanged) << ActionFieldId(field);
    }
  }
}

TEST(ActionsTest, ClearMarkerClearsOptionalFieldsOnly) {
  const ActionFile file = Parse(
      "UPDATE,jdupont,#CLEAR,#clear,,,,#CLEAR\n"
      "UPDATE,#CLEAR,,,,,,\n");
  const Action& update = file.actions[0];
  EXPECT_THAT(update.diagnostics, IsEmpty());
  EXPECT_EQ(update.Get(ActionField::kOrgDefinedId).state, ValueState::kClear);
  EXPECT_EQ(update.Get(ActionField::kFirstName).state, ValueState::kClear);
  EXPECT_EQ(update.Get(ActionField::kLastName).state, ValueState::kUnchanged);
  EXPECT_EQ(update.Get(ActionField::kEmail).state, ValueState::kClear);
  EXPECT_THAT(Codes(file.actions[1]), ElementsAre("cannot_clear_required"));
  EXPECT_EQ(file.actions[1].diagnostics[0].field, "username");
}

TEST(ActionsTest, IsActiveTakesOneZeroAndTheKnownBooleans) {
  const ActionFile file = Parse(
      "UPDATE,a,,,,,1,\n"
      "UPDATE,b,,,,,0,\n"
      "UPDATE,c,,,,,non,\n"
      "UPDATE,d,,,,,true,\n"
      "UPDATE,e,,,,,peut-être,\n");
  EXPECT_EQ(file.actions[0].Text(ActionField::kIsActive), "1");
  EXPECT_EQ(file.actions[1].Text(ActionField::kIsActive), "0");
  EXPECT_EQ(file.actions[2].Text(ActionField::kIsActive), "0");
  EXPECT_EQ(file.actions[3].Text(ActionField::kIsActive), "1");
  // Optional and unreadable: a warning, and the value stays unchanged.
  const Action& unreadable = file.actions[4];
  EXPECT_THAT(Codes(unreadable), ElementsAre("invalid_boolean"));
  EXPECT_EQ(unreadable.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(unreadable.diagnostics[0].Param("value"), "peut-être");
  EXPECT_EQ(unreadable.Get(ActionField::kIsActive).state, ValueState::kUnchanged);
  EXPECT_FALSE(unreadable.Blocked());
}

TEST(ActionsTest, OptionalEmailThatIsNoAddressIsAWarning) {
  const ActionFile file = Parse("UPDATE,a,,,,,,not-an-address\n");
  EXPECT_THAT(Codes(file.actions[0]), ElementsAre("invalid_email"));
  EXPECT_EQ(file.actions[0].diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(file.actions[0].Get(ActionField::kEmail).state, ValueState::kUnchanged);
}

TEST(ActionsTest, ImportIsCreateFieldsThenOrgUnit) {
  const std::span<const ActionFieldSpec> create = ActionFormat(ActionKind::kCreate);
  const std::span<const ActionFieldSpec> import = ActionFormat(ActionKind::kImport);
  ASSERT_EQ(import.size(), create.size() + 1);
  for (std::size_t idx = 0; idx < create.size(); ++idx) {
    EXPECT_EQ(import[idx].field, create[idx].field);
    EXPECT_EQ(import[idx].required, create[idx].required);
  }
  EXPECT_EQ(import.back().field, ActionField::kOrgUnitCode);
  EXPECT_TRUE(import.back().required);

  const ActionFile file = Parse("IMPORT,,E2,Léa,Petit,,Student,,lea.petit@ecole.fr,CM1-B\n");
  const Action& action = file.actions[0];
  EXPECT_THAT(action.diagnostics, IsEmpty());
  EXPECT_EQ(action.Get(ActionField::kUsername).state, ValueState::kUnchanged);
  EXPECT_EQ(action.Text(ActionField::kFirstName), "Léa");
  EXPECT_EQ(action.Text(ActionField::kEmail), "lea.petit@ecole.fr");
  EXPECT_EQ(action.Text(ActionField::kOrgUnitCode), "CM1-B");

  const ActionFile without_unit = Parse("IMPORT,,E2,Léa,Petit,,Student,,lea.petit@ecole.fr,\n");
  EXPECT_THAT(Codes(without_unit.actions[0]), ElementsAre("missing_required_value"));
  EXPECT_EQ(without_unit.actions[0].diagnostics[0].field, "org_unit_code");
}

TEST(ActionsTest, KeywordIsTrimmedAndCaseInsensitive) {
  EXPECT_EQ(ParseActionKeyword(" unEnroll "), ActionKind::kUnenroll);
  EXPECT_EQ(ParseActionKeyword("Import"), ActionKind::kImport);
  EXPECT_EQ(ParseActionKeyword("CREATED"), std::nullopt);
  EXPECT_EQ(ParseActionKeyword(""), std::nullopt);
}

TEST(ActionsTest, EmptyExtraCellsAreTolerated) {
  const ActionFile file = Parse("DELETE,jdupont,E1,,, \n");
  EXPECT_THAT(file.actions[0].diagnostics, IsEmpty());
}

// Spreadsheet rows stop at their last value: a short row means empty trailing fields there.
TEST(ActionsTest, SpreadsheetRowsMayEndEarly) {
  ActionOptions options;
  options.missing_trailing_cells_are_empty = true;
  const ActionFile file = Parse("DELETE,jdupont\nUNENROLL,jdupont\n", options);
  EXPECT_THAT(file.actions[0].diagnostics, IsEmpty());
  EXPECT_THAT(Codes(file.actions[1]), ElementsAre("missing_required_value"));
  EXPECT_EQ(file.actions[1].diagnostics[0].field, "org_unit_code");
}

TEST(ActionsTest, CellsAreKeptAsReadForTheReport) {
  const ActionFile file = Parse(" delete , mmartin , E7\n");
  EXPECT_THAT(file.actions[0].cells, ElementsAre(" delete ", " mmartin ", " E7"));
  EXPECT_EQ(file.actions[0].Text(ActionField::kUsername), "mmartin");
}

// DESIGN §4.8: a password appears in no diagnostic, and the report's copy of the line masks it.
TEST(ActionsTest, PasswordsNeverLeak) {
  const std::string password = "Tr0ub4dor&3";
  const ActionFile file =
      Parse("CREATE,jdupont,E1,Jean,Dupont," + password + ",Student,maybe,bad-address\n" +
            "UPDATE,jdupont,,,,," + password + ",x@e.fr,extra\n" +  // shifted: one cell too many
            "CREATE,jdupont,Jean,Dupont," + password + ",Student,1,j@e.fr\n" +  // one too few
            "IMPORT,,,Jean,Dupont," + password + ",Student,1,j@e.fr,\n");
  ASSERT_EQ(file.actions.size(), 4u);
  std::size_t diagnostic_count = 0;
  for (const Action& action : file.actions) {
    for (const Diagnostic& diagnostic : action.diagnostics) {
      ++diagnostic_count;
      for (const auto& [key, value] : diagnostic.params) {
        EXPECT_EQ(value.find(password), std::string::npos) << diagnostic.code << " " << key;
      }
    }
  }
  EXPECT_GE(diagnostic_count, 5u);
  EXPECT_EQ(file.actions[0].cells[5], kMaskedPassword);
  EXPECT_EQ(file.actions[3].cells[5], kMaskedPassword);
  EXPECT_EQ(file.actions[0].Text(ActionField::kPassword), password);
}

}  // namespace
}  // namespace rollcall::records
