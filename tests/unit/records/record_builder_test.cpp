// Records from whole tables, including the example tables of the product guides (seeds).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "records/record.hpp"
#include "table/read.hpp"

namespace rollcall::records {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class RecordBuilderTest : public ::testing::Test {
 protected:
  RecordSet Build(std::string_view profile_id, std::string csv) {
    Result<table::ReadOutcome> read = table::ReadCsv(std::move(csv), {});
    EXPECT_TRUE(read.has_value());
    outcome_ = std::move(read).value();
    const mapping::ProfileSpec& profile = *schema_.Profile(profile_id);
    Result<mapping::Mapping> mapped =
        mapping::MapColumns(schema_, profile, mapping::HeaderCells(outcome_.table),
                            outcome_.table.max_cell_count(), {});
    EXPECT_TRUE(mapped.has_value());
    mapping_ = std::move(mapped).value();
    for (const Diagnostic& diagnostic : mapping_.diagnostics) {
      EXPECT_NE(diagnostic.severity, Severity::kCritical) << diagnostic.code;
    }
    return BuildRecords(schema_, profile, outcome_.table, outcome_.first_data_row(), mapping_,
                        RecordOptions{2026});
  }
  static std::vector<std::string> Codes(const Record& record) {
    std::vector<std::string> codes;
    for (const Diagnostic& diagnostic : record.diagnostics) codes.push_back(diagnostic.code);
    return codes;
  }

  mapping::Schema schema_ = mapping::DefaultSchema();
  table::ReadOutcome outcome_;
  mapping::Mapping mapping_;
};

// ONE guide, "fichier parents": two parents with two children each.
TEST_F(RecordBuilderTest, OneParentsWithTwoChildrenEach) {
  const RecordSet set =
      Build("guardian",
            "Nom responsable*;Prénom responsable*;Nom de famille enfant*;Prénom enfant*;Classes "
            "enfants*;Nom de famille enfant;Prénom enfant;Classes enfants\n"
            "CHARDOT;Aline;CHARDOT;BENOIT;CLASSE 1;CHARDOT;OLIVIA;CLASSE 1\n"
            "CHARDOT;François;CHARDOT;BENOIT;CLASSE 1;CHARDOT;OLIVIA;CLASSE 1\n");
  ASSERT_EQ(set.records.size(), 2u);
  EXPECT_EQ(set.records[1].Text("first_name"), "François");
  for (const Record& parent : set.records) {
    ASSERT_EQ(parent.children.size(), 2u);
    EXPECT_EQ(parent.children[0].first_name, "BENOIT");
    EXPECT_EQ(parent.children[1].first_name, "OLIVIA");
    EXPECT_EQ(parent.children[1].last_name, "CHARDOT");
    EXPECT_EQ(parent.children[1].class_name, "CLASSE 1");
    EXPECT_THAT(parent.diagnostics, IsEmpty());
  }
}

// ONE guide: four teachers, one of them with two classes.
TEST_F(RecordBuilderTest, OneTeachersOneWithTwoClasses) {
  const RecordSet set = Build("teacher",
                              "Civilité*;Nom*;Prénom*;Classe*;Classe\n"
                              "MME;DUPONT;Jean;CLASSE 1;\n"
                              "M.;DURAND;Annie;CLASSE 2;\n"
                              "M.;RICHARD;Marc;CLASSE 3;\n"
                              "MME;TOM;Véronique;CLASSE 1;CLASSE 2\n");
  ASSERT_EQ(set.records.size(), 4u);
  EXPECT_EQ(set.records[0].Text("gender"), "female");
  EXPECT_EQ(set.records[1].Text("gender"), "male");
  EXPECT_THAT(set.records[0].Get("classes")->Items(), ElementsAre("CLASSE 1"));
  EXPECT_THAT(set.records[3].Get("classes")->Items(), ElementsAre("CLASSE 1", "CLASSE 2"));
  EXPECT_EQ(set.records[3].Text("first_name"), "Véronique");
}

// MNSpro guide: groups separated by `|`, no birth date but a reference id.
TEST_F(RecordBuilderTest, MnsproStudentWithGroups) {
  const RecordSet set = Build("student",
                              "Vorname,Nachname,Referenz-ID,Gruppen#Klasse,Gruppen#Kurs,Mail\n"
                              "Max,Mustermann,4711,5a,5a|Mathe-5a,\n");
  ASSERT_EQ(set.records.size(), 1u);
  const Record& student = set.records[0];
  EXPECT_THAT(student.Get("classes")->Items(), ElementsAre("5a"));
  EXPECT_THAT(student.Get("courses")->Items(), ElementsAre("5a", "Mathe-5a"));
  EXPECT_EQ(student.Text("external_id"), "4711");
  EXPECT_EQ(student.Get("email"), nullptr);  // empty: unchanged
  EXPECT_THAT(student.diagnostics, IsEmpty());
}

// ONE guide, intermediate report: pupils with their birth dates; one left empty is an error.
TEST_F(RecordBuilderTest, OneStudentsWithBirthDates) {
  const RecordSet set = Build("student",
                              "Nom;Prénom;Date de naissance;Classe\n"
                              "RAISON;Pablo;;CSV1\n"
                              "POULAD-MALIN;Hervé;02/01/2000;CSV2\n"
                              "PALARD;Néo;22/11/2001;CSV2\n"
                              "FORT;Malo;28/09/2001;1CDM1\n");
  ASSERT_EQ(set.records.size(), 4u);
  EXPECT_THAT(Codes(set.records[0]), ElementsAre("missing_required_value"));
  EXPECT_TRUE(set.records[0].Blocked());
  EXPECT_EQ(set.records[0].diagnostics[0].line, 2);
  EXPECT_EQ(set.records[0].diagnostics[0].field, "birth_date");
  EXPECT_EQ(set.records[1].Text("birth_date"), "2000-01-02");
  EXPECT_EQ(set.records[2].Text("birth_date"), "2001-11-22");
  EXPECT_EQ(set.records[3].Text("birth_date"), "2001-09-28");
  EXPECT_EQ(set.records[3].line, 5u);
}

TEST_F(RecordBuilderTest, EmptyMeansUnchangedAndClearMeansClear) {
  const RecordSet set = Build("teacher", "Nom;Prénom;Courriel;Téléphone\nA;B;#CLEAR;\n");
  const Record& record = set.records[0];
  EXPECT_EQ(record.Get("email")->state, ValueState::kClear);
  EXPECT_EQ(record.Get("phone"), nullptr);  // empty: unchanged
}

TEST_F(RecordBuilderTest, InvalidValuesAreLineNumberedWarningsOrErrors) {
  const RecordSet set = Build("student",
                              "Nom;Prénom;Date de naissance;Courriel;Téléphone\n"
                              "A;B;31/02/2015;pas-un-mail;12\n");
  const Record& record = set.records[0];
  EXPECT_THAT(Codes(record), ElementsAre("invalid_date", "invalid_email", "invalid_phone"));
  EXPECT_EQ(record.diagnostics[0].severity, Severity::kError);  // required birth date
  EXPECT_EQ(record.diagnostics[1].severity, Severity::kWarning);
  EXPECT_EQ(record.diagnostics[1].line, 2);
  EXPECT_EQ(record.diagnostics[1].column, 4);
  EXPECT_EQ(record.diagnostics[1].Param("value"), "pas-un-mail");
  EXPECT_EQ(record.Get("email"), nullptr);  // invalid: left unchanged
}

TEST_F(RecordBuilderTest, SecretValuesNeverAppearInDiagnostics) {
  const RecordSet set = Build("teacher", "Nom;Prénom;Mot de passe;Actif\nA;B;s3cret;peut-être\n");
  EXPECT_EQ(set.records[0].Text("password"), "s3cret");
  for (const Diagnostic& diagnostic : set.records[0].diagnostics) {
    for (const auto& [key, value] : diagnostic.params) EXPECT_NE(value, "s3cret");
  }
}

TEST_F(RecordBuilderTest, NamesAreTrimmedAndNfcButKeepTheirCase) {
  const RecordSet set = Build("teacher", "Nom;Prénom\n  POULAD-MALIN ; Herve\xCC\x81 \n");
  EXPECT_EQ(set.records[0].Text("last_name"), "POULAD-MALIN");
  EXPECT_EQ(set.records[0].Text("first_name"), "Hervé");
}

TEST_F(RecordBuilderTest, BlankRowsAreNoRecords) {
  const RecordSet set = Build("teacher", "Nom;Prénom\nA;B\n;\n ; \nC;D\n");
  ASSERT_EQ(set.records.size(), 2u);
  EXPECT_EQ(set.records[1].line, 5u);
}

TEST_F(RecordBuilderTest, RequiredNameMissingIsAnError) {
  const RecordSet set = Build("teacher", "Nom;Prénom\n;Jean\n");
  EXPECT_THAT(Codes(set.records[0]), ElementsAre("missing_required_value"));
  EXPECT_EQ(set.records[0].diagnostics[0].field, "last_name");
}

// A name is not 50 MB: an overlong cell is an error on its own line, and its value is not copied
// into the diagnostic.
TEST_F(RecordBuilderTest, OverlongValueIsAnErrorOnItsLine) {
  const RecordSet set =
      Build("teacher", "Nom*;Prénom*\nMARTIN;Marie\n" + std::string(5 << 20, 'A') + ";Paul\n");
  ASSERT_EQ(set.records.size(), 2u);
  EXPECT_THAT(set.records[0].diagnostics, IsEmpty());
  EXPECT_THAT(Codes(set.records[1]), ::testing::Contains("value_too_long"));
  for (const Diagnostic& diagnostic : set.records[1].diagnostics) {
    EXPECT_EQ(diagnostic.line, 3);
    for (const auto& [key, value] : diagnostic.params) EXPECT_LT(value.size(), 1024u) << key;
  }
}

// Logins from the file: root, admin, a path, a formula, an RLO character and CAPS beside caps
// were all taken unchecked. Each is an error on its own line; a good login passes.
TEST_F(RecordBuilderTest, LoginsFromTheFileAreValidated) {
  const RecordSet set = Build("teacher",
                              "Nom*;Prénom*;Login\n"
                              "A;Ann;root\n"
                              "B;Bob;Admin\n"
                              "C;Cid;../../etc/passwd\n"
                              "D;Dan;=1+1\n"
                              "E;Eve;eve\xE2\x80\xAEgpj.exe\n"
                              "F;Fay;caps\n"
                              "G;Guy;CAPS\n"
                              "H;Hal;hal.martin-2\n");
  ASSERT_EQ(set.records.size(), 8u);
  const std::vector<std::string> expected = {"reserved_login",  "reserved_login",
                                             "invalid_login",   "invalid_login",
                                             "invalid_login",   "",
                                             "duplicate_login", ""};
  for (std::size_t record_idx = 0; record_idx < expected.size(); ++record_idx) {
    const Record& record = set.records[record_idx];
    if (expected[record_idx].empty()) {
      EXPECT_THAT(record.diagnostics, IsEmpty()) << record.line;
      continue;
    }
    EXPECT_THAT(Codes(record), ElementsAre(expected[record_idx])) << record.line;
    EXPECT_TRUE(record.Blocked());
    EXPECT_EQ(record.diagnostics[0].line, static_cast<std::int64_t>(record_idx + 2));
  }
}

// Zero-width, BOM and bidi characters in names made duplicates of people already in the
// directory: they are removed from the value, with a warning.
TEST_F(RecordBuilderTest, InvisibleCharactersAreRemovedFromValuesWithAWarning) {
  const RecordSet set = Build("teacher",
                              "Nom*;Prénom*\n"
                              "MAR\xE2\x80\x8BTIN;\xEF\xBB\xBFMarie\xE2\x80\xAE\n");
  ASSERT_EQ(set.records.size(), 1u);
  EXPECT_EQ(set.records[0].Text("last_name"), "MARTIN");
  EXPECT_EQ(set.records[0].Text("first_name"), "Marie");
  EXPECT_THAT(Codes(set.records[0]),
              ElementsAre("invisible_characters_removed", "invisible_characters_removed"));
  EXPECT_FALSE(set.records[0].Blocked());
}

}  // namespace
}  // namespace rollcall::records
