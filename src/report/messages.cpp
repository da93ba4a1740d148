#include "report/messages.hpp"

#include <array>

namespace rollcall::report {
namespace {

struct Template {
  std::string_view code;
  std::array<std::string_view, 3> text;  // en, fr, de; {name} is replaced by the param `name`
};

constexpr Template kMessages[] = {
    {"ragged_row",
     {"{actual} cells where {expected} were expected",
      "{actual} cellules au lieu des {expected} attendues",
      "{actual} Zellen statt der erwarteten {expected}"}},
    {"invalid_byte",
     {"byte {byte} is not valid text in this encoding and was replaced",
      "l'octet {byte} n'est pas un texte valide dans cet encodage et a été remplacé",
      "Byte {byte} ist in dieser Kodierung kein gültiger Text und wurde ersetzt"}},
    {"nul_byte",
     {"a NUL byte was removed", "un octet NUL a été supprimé", "ein NUL-Byte wurde entfernt"}},
    {"line_not_utf8",
     {"this line is not UTF-8; read as {encoding}",
      "cette ligne n'est pas en UTF-8 ; lue en {encoding}",
      "diese Zeile ist kein UTF-8; als {encoding} gelesen"}},
    {"truncated_character",
     {"the file ends in the middle of a character",
      "le fichier se termine au milieu d'un caractère", "die Datei endet mitten in einem Zeichen"}},
    {"unterminated_quote",
     {"a quote opened here is never closed; its quote mark was kept as text",
      "un guillemet ouvert ici n'est jamais fermé ; il a été gardé comme texte",
      "ein hier geöffnetes Anführungszeichen wird nie geschlossen; es wurde als Text behalten"}},
    {"text_after_closing_quote",
     {"text follows a closing quote; it was kept",
      "du texte suit un guillemet fermant ; il a été gardé",
      "nach einem schließenden Anführungszeichen folgt Text; er wurde behalten"}},
    {"diagnostics_suppressed",
     {"{count} more problems of this kind were not listed",
      "{count} autres problèmes de ce type ne sont pas listés",
      "{count} weitere Probleme dieser Art wurden nicht aufgeführt"}},
    {"sheet_cells_truncated",
     {"cells beyond the limit of {limit} were ignored",
      "les cellules au-delà de la limite de {limit} ont été ignorées",
      "Zellen über die Grenze von {limit} hinaus wurden ignoriert"}},
    {"formula_without_value",
     {"a formula cell has no stored value", "une cellule de formule n'a pas de valeur enregistrée",
      "eine Formelzelle hat keinen gespeicherten Wert"}},
    {"cell_out_of_order",
     {"a cell out of order in a damaged sheet was skipped",
      "une cellule hors d'ordre d'une feuille endommagée a été ignorée",
      "eine Zelle außer der Reihe in einem beschädigten Blatt wurde übersprungen"}},
    {"missing_shared_string",
     {"a cell refers to a text the workbook does not hold; it was left empty",
      "une cellule renvoie à un texte absent du classeur ; elle a été laissée vide",
      "eine Zelle verweist auf einen Text, den die Arbeitsmappe nicht enthält; sie bleibt leer"}},
    {"header_too_long",
     {"this header is {length} bytes long; only its first {limit} were matched",
      "cet en-tête fait {length} octets ; seuls ses {limit} premiers ont été comparés",
      "diese Überschrift ist {length} Bytes lang; nur die ersten {limit} wurden verglichen"}},
    {"value_too_long",
     {"the value of {field} is {length} bytes long, more than the limit of {limit}",
      "la valeur de {field} fait {length} octets, plus que la limite de {limit}",
      "der Wert von {field} ist {length} Bytes lang, mehr als die Grenze von {limit}"}},
    {"invisible_characters_removed",
     {"{count} invisible character(s) (zero-width, BOM or text direction) removed from {field}",
      "{count} caractère(s) invisible(s) (largeur nulle, BOM ou sens du texte) retiré(s) de "
      "{field}",
      "{count} unsichtbare(s) Zeichen (Nullbreite, BOM oder Schreibrichtung) aus {field} "
      "entfernt"}},
    {"invalid_login",
     {"this login is not valid: letters, digits, '.', '-' and '_' only, starting with a letter or "
      "digit, at most 64",
      "cet identifiant n'est pas valide : lettres, chiffres, « . », « - » et « _ » seulement, "
      "commençant par une lettre ou un chiffre, 64 au plus",
      "dieser Benutzername ist ungültig: nur Buchstaben, Ziffern, „.“, „-“ und „_“, beginnend "
      "mit Buchstabe oder Ziffer, höchstens 64"}},
    {"reserved_login",
     {"this login is reserved", "cet identifiant est réservé",
      "dieser Benutzername ist reserviert"}},
    {"duplicate_login",
     {"this login is already given on line {other_line} (case aside)",
      "cet identifiant est déjà donné ligne {other_line} (casse mise à part)",
      "dieser Benutzername steht schon in Zeile {other_line} (Groß-/Kleinschreibung außer Acht)"}},
    {"unmapped_column",
     {"column \"{header}\" matches no field and will be ignored",
      "la colonne « {header} » ne correspond à aucun champ et sera ignorée",
      "Spalte „{header}“ passt zu keinem Feld und wird ignoriert"}},
    {"uncertain_column_match",
     {"column \"{header}\" was taken as {field} (confidence {confidence}); check it",
      "la colonne « {header} » a été associée à {field} (confiance {confidence}) ; vérifiez-la",
      "Spalte „{header}“ wurde als {field} erkannt (Sicherheit {confidence}); bitte prüfen"}},
    {"duplicate_column",
     {"column \"{header}\" repeats {field}, which takes one column; it will be ignored",
      "la colonne « {header} » répète {field}, qui n'en prend qu'une ; elle sera ignorée",
      "Spalte „{header}“ wiederholt {field}, das nur eine Spalte hat; sie wird ignoriert"}},
    {"missing_required_column",
     {"no column gives the required field {field}",
      "aucune colonne ne fournit le champ obligatoire {field}",
      "keine Spalte liefert das Pflichtfeld {field}"}},
    {"missing_required_value",
     {"the required field {field} is empty", "le champ obligatoire {field} est vide",
      "das Pflichtfeld {field} ist leer"}},
    {"cannot_clear_required",
     {"the required field {field} cannot be cleared",
      "le champ obligatoire {field} ne peut pas être effacé",
      "das Pflichtfeld {field} kann nicht gelöscht werden"}},
    {"invalid_date",
     {"\"{value}\" is not a date (expected dd/mm/yyyy, dd.mm.yyyy or yyyy-mm-dd)",
      "« {value} » n'est pas une date (attendu jj/mm/aaaa, jj.mm.aaaa ou aaaa-mm-jj)",
      "„{value}“ ist kein Datum (erwartet TT.MM.JJJJ, TT/MM/JJJJ oder JJJJ-MM-TT)"}},
    {"date_read_month_first",
     {"\"{value}\" was read month first", "« {value} » a été lue mois en premier",
      "„{value}“ wurde mit dem Monat zuerst gelesen"}},
    {"implausible_birth_date",
     {"the birth date \"{value}\" is implausible",
      "la date de naissance « {value} » est invraisemblable",
      "das Geburtsdatum „{value}“ ist unplausibel"}},
    {"invalid_email",
     {"\"{value}\" is not an e-mail address", "« {value} » n'est pas une adresse électronique",
      "„{value}“ ist keine E-Mail-Adresse"}},
    {"invalid_phone",
     {"\"{value}\" is not a phone number", "« {value} » n'est pas un numéro de téléphone",
      "„{value}“ ist keine Telefonnummer"}},
    {"invalid_boolean",
     {"\"{value}\" is not yes/no (1/0)", "« {value} » n'est pas oui/non (1/0)",
      "„{value}“ ist nicht ja/nein (1/0)"}},
    {"invalid_enum_value",
     {"\"{value}\" is not a known value of {field}",
      "« {value} » n'est pas une valeur connue de {field}",
      "„{value}“ ist kein bekannter Wert von {field}"}},
    // Action files (records/actions.hpp).
    {"action_header_line",
     {"the first line (\"{first_cell}\") names no action and was read as a header",
      "la première ligne (« {first_cell} ») ne nomme aucune action et a été lue comme en-tête",
      "die erste Zeile („{first_cell}“) nennt keine Aktion und wurde als Kopfzeile gelesen"}},
    {"unknown_action",
     {"\"{action}\" is not an action (CREATE, UPDATE, DELETE, ENROLL, UNENROLL, IMPORT)",
      "« {action} » n'est pas une action (CREATE, UPDATE, DELETE, ENROLL, UNENROLL, IMPORT)",
      "„{action}“ ist keine Aktion (CREATE, UPDATE, DELETE, ENROLL, UNENROLL, IMPORT)"}},
    {"action_too_few_fields",
     {"{action} takes {expected} fields but the line has {actual}: {format}",
      "{action} prend {expected} champs mais la ligne en a {actual} : {format}",
      "{action} erwartet {expected} Felder, die Zeile hat {actual}: {format}"}},
    {"action_too_many_fields",
     {"{action} takes {expected} fields but the line has {actual}: {format}",
      "{action} prend {expected} champs mais la ligne en a {actual} : {format}",
      "{action} erwartet {expected} Felder, die Zeile hat {actual}: {format}"}},
    // Action lines as planned (plan/actions.hpp).
    {"action_unknown_role",
     {"\"{role}\" is no role Rollcall knows (student, teacher, guardian, staff, guest, or their "
      "names in the schema)",
      "« {role} » n'est pas un rôle connu (élève, enseignant, parent, personnel, invité, ou leurs "
      "noms dans le schéma)",
      "„{role}“ ist keine bekannte Rolle (Schüler, Lehrer, Eltern, Mitarbeiter, Gast oder ihre "
      "Namen im Schema)"}},
    {"action_unknown_user",
     {"no user has the user name \"{username}\"",
      "aucun utilisateur n'a l'identifiant « {username} »",
      "kein Benutzer hat den Benutzernamen „{username}“"}},
    {"action_user_exists",
     {"the user \"{username}\" already exists: nothing created",
      "l'utilisateur « {username} » existe déjà : rien n'est créé",
      "der Benutzer „{username}“ existiert bereits: nichts angelegt"}},
    {"action_login_retired",
     {"the user name \"{username}\" belonged to a deleted account and is never given again",
      "l'identifiant « {username} » appartenait à un compte supprimé et n'est jamais redonné",
      "der Benutzername „{username}“ gehörte einem gelöschten Konto und wird nie neu vergeben"}},
    {"action_created",
     {"account created ({profile})", "compte créé ({profile})", "Konto angelegt ({profile})"}},
    {"action_user_created_in_file",
     {"\"{username}\" is created by this file: apply it before changing or removing the user",
      "« {username} » est créé par ce fichier : appliquez-le avant de modifier ou retirer "
      "l'utilisateur",
      "„{username}“ wird von dieser Datei angelegt: erst anwenden, dann ändern oder entfernen"}},
    {"action_user_enrolled_in_file",
     {"\"{username}\" joins the org in this file: apply it before removing the user",
      "« {username} » rejoint l'établissement dans ce fichier : appliquez-le avant de retirer "
      "l'utilisateur",
      "„{username}“ kommt in dieser Datei hinzu: erst anwenden, dann entfernen"}},
    {"action_updated_before_creation",
     {"changes what line {line} creates", "modifie ce que crée la ligne {line}",
      "ändert, was Zeile {line} anlegt"}},
    {"action_nothing_to_change", {"nothing to change", "rien à modifier", "nichts zu ändern"}},
    {"action_updated",
     {"{fields} field(s) changed", "{fields} champ(s) modifié(s)", "{fields} Feld(er) geändert"}},
    {"action_password_set",
     {"password set, {fields} other field(s) changed",
      "mot de passe défini, {fields} autre(s) champ(s) modifié(s)",
      "Passwort gesetzt, {fields} weitere(s) Feld(er) geändert"}},
    {"action_not_in_org",
     {"\"{username}\" does not belong to this org: nothing to remove",
      "« {username} » n'appartient pas à cet établissement : rien à retirer",
      "„{username}“ gehört nicht zu dieser Einrichtung: nichts zu entfernen"}},
    {"action_deleted",
     {"removed from {org}; the account is deleted once it belongs nowhere else, after its "
      "retention period",
      "retiré de {org} ; le compte est supprimé s'il n'appartient à rien d'autre, après le délai "
      "de conservation",
      "aus {org} entfernt; das Konto wird gelöscht, wenn es sonst nirgends dazugehört, nach der "
      "Aufbewahrungsfrist"}},
    {"action_left_org", {"removed from {org}", "retiré de {org}", "aus {org} entfernt"}},
    {"action_unknown_org_unit",
     {"{org} has no group \"{org_unit}\"", "{org} n'a pas de groupe « {org_unit} »",
      "{org} hat keine Gruppe „{org_unit}“"}},
    {"action_ambiguous_org_unit",
     {"{org} has several groups \"{org_unit}\"; give the period",
      "{org} a plusieurs groupes « {org_unit} » ; précisez la période",
      "{org} hat mehrere Gruppen „{org_unit}“; Zeitraum angeben"}},
    {"action_joined_org",
     {"joins {org} as {profile}", "rejoint {org} comme {profile}", "kommt zu {org} als {profile}"}},
    {"action_already_in_org", {"already in {org}", "déjà dans {org}", "bereits in {org}"}},
    {"action_role_differs",
     {"the role \"{role}\" differs from the account's ({profile}), which is kept",
      "le rôle « {role} » diffère de celui du compte ({profile}), qui est conservé",
      "die Rolle „{role}“ weicht von der des Kontos ({profile}) ab, die bleibt"}},
    {"action_enrolled",
     {"enrolled in {org_unit}", "inscrit dans {org_unit}", "in {org_unit} eingeschrieben"}},
    {"action_already_enrolled",
     {"already in {org_unit}", "déjà dans {org_unit}", "bereits in {org_unit}"}},
    {"action_unenrolled",
     {"removed from {org_unit}", "retiré de {org_unit}", "aus {org_unit} ausgetragen"}},
    {"action_not_enrolled",
     {"not in {org_unit}: nothing to remove", "pas dans {org_unit} : rien à retirer",
      "nicht in {org_unit}: nichts auszutragen"}},
    // Role files (records/roles.hpp).
    {"role_file_without_entities",
     {"the role file has no entity column (course, catalog, …)",
      "le fichier de rôles n'a aucune colonne d'entité (cours, catalogue…)",
      "die Rollendatei hat keine Entitätsspalte (Kurs, Katalog …)"}},
    {"unknown_access_level",
     {"\"{value}\" is not an access level for {entity} (FULL, WRITE, ENROLL, REPORT, NONE)",
      "« {value} » n'est pas un niveau d'accès pour {entity} (COMPLET, ÉCRITURE, INSCRIPTION, "
      "RAPPORT, AUCUN)",
      "„{value}“ ist keine Zugriffsstufe für {entity} (FULL, WRITE, ENROLL, REPORT, NONE)"}},
    {"none_combined_with_levels",
     {"{entity}: NONE cannot be combined with other levels (\"{value}\")",
      "{entity} : AUCUN ne peut pas être combiné à d'autres niveaux (« {value} »)",
      "{entity}: NONE kann nicht mit anderen Stufen kombiniert werden („{value}“)"}},
    {"empty_scope",
     {"the scope {field} names nothing", "le champ d'application {field} ne nomme rien",
      "der Geltungsbereich {field} nennt nichts"}},
    {"full_scope_with_names",
     {"{field}: FULL cannot be combined with names (\"{value}\")",
      "{field} : COMPLET ne peut pas être combiné à des noms (« {value} »)",
      "{field}: FULL kann nicht mit Namen kombiniert werden („{value}“)"}},
    {"several_user_group_scopes",
     {"a role's user-group scope is one group or one attribute=value, not \"{value}\"",
      "le champ d'application des groupes d'un rôle est un seul groupe ou un seul "
      "attribut=valeur, pas « {value} »",
      "der Benutzergruppen-Bereich einer Rolle ist eine Gruppe oder ein Attribut=Wert, nicht "
      "„{value}“"}},
    {"invalid_user_group_scope",
     {"\"{value}\" is not a user-group scope (group name or attribute=value)",
      "« {value} » n'est pas un champ d'application de groupes (nom de groupe ou attribut=valeur)",
      "„{value}“ ist kein Benutzergruppen-Bereich (Gruppenname oder Attribut=Wert)"}},
    {"scope_widened_to_full",
     {"FULL on {entity} gives access to every catalog and every user group; the scopes named "
      "were replaced",
      "COMPLET sur {entity} donne accès à tous les catalogues et tous les groupes ; les champs "
      "d'application indiqués ont été remplacés",
      "FULL auf {entity} gibt Zugriff auf alle Kataloge und Benutzergruppen; die angegebenen "
      "Bereiche wurden ersetzt"}},
    {"duplicate_role_name",
     {"the role \"{name}\" is already defined on line {first_line}",
      "le rôle « {name} » est déjà défini ligne {first_line}",
      "die Rolle „{name}“ ist schon in Zeile {first_line} definiert"}},
    {"unknown_scope_group",
     {"the user group \"{group}\" does not exist",
      "le groupe d'utilisateurs « {group} » n'existe pas",
      "die Benutzergruppe „{group}“ existiert nicht"}},
    {"user_role_replaced",
     {"{email} already had the role \"{previous_role}\" on line {previous_line}; this line "
      "replaces it",
      "{email} avait déjà le rôle « {previous_role} » ligne {previous_line} ; cette ligne le "
      "remplace",
      "{email} hatte schon die Rolle „{previous_role}“ in Zeile {previous_line}; diese Zeile "
      "ersetzt sie"}},
    {"user_role_repeated",
     {"{email} already has this role on line {previous_line}",
      "{email} a déjà ce rôle ligne {previous_line}",
      "{email} hat diese Rolle schon in Zeile {previous_line}"}},
    {"unknown_role",
     {"the role \"{role}\" does not exist", "le rôle « {role} » n'existe pas",
      "die Rolle „{role}“ existiert nicht"}},
    // Role-file syncs (plan/roles.hpp, service/role_sync.hpp).
    {"role_name_taken",
     {"a role made by hand is already named \"{name}\"; role.csv cannot define it",
      "un rôle créé à la main s'appelle déjà « {name} » ; role.csv ne peut pas le définir",
      "eine von Hand angelegte Rolle heißt schon „{name}“; role.csv kann sie nicht definieren"}},
    {"role_still_assigned",
     {"the role \"{name}\" is no longer in role.csv, but {count} users hold it by hand; it is "
      "kept",
      "le rôle « {name} » n'est plus dans role.csv, mais {count} utilisateurs l'ont reçu à la "
      "main ; il est conservé",
      "die Rolle „{name}“ steht nicht mehr in role.csv, aber {count} Benutzer haben sie von Hand "
      "erhalten; sie bleibt"}},
    {"unknown_email",
     {"no user has the e-mail address {email}", "aucun utilisateur n'a l'adresse {email}",
      "kein Benutzer hat die E-Mail-Adresse {email}"}},
    {"ambiguous_email",
     {"{count} users have the e-mail address {email}; the role cannot be given",
      "{count} utilisateurs ont l'adresse {email} ; le rôle ne peut pas être attribué",
      "{count} Benutzer haben die E-Mail-Adresse {email}; die Rolle kann nicht vergeben werden"}},
    {"hand_made_role_kept",
     {"{email} holds the role \"{role}\" given by hand; it is left as it is",
      "{email} a reçu le rôle « {role} » à la main ; il est laissé tel quel",
      "{email} hat die Rolle „{role}“ von Hand erhalten; sie bleibt unverändert"}},
    {"file_role_replaced",
     {"{email} held the role \"{previous_role}\"; this line replaces it",
      "{email} avait le rôle « {previous_role} » ; cette ligne le remplace",
      "{email} hatte die Rolle „{previous_role}“; diese Zeile ersetzt sie"}},
    {"role_deleted",
     {"the role \"{name}\" is no longer in role.csv and is deleted",
      "le rôle « {name} » n'est plus dans role.csv et est supprimé",
      "die Rolle „{name}“ steht nicht mehr in role.csv und wird gelöscht"}},
    {"role_assignment_removed",
     {"{login} loses the role \"{role}\": the line is no longer in user_role.csv",
      "{login} perd le rôle « {role} » : la ligne n'est plus dans user_role.csv",
      "{login} verliert die Rolle „{role}“: die Zeile steht nicht mehr in user_role.csv"}},
    {"role_assignment_removed_with_role",
     {"{login} loses the role \"{role}\", which is deleted",
      "{login} perd le rôle « {role} », qui est supprimé",
      "{login} verliert die Rolle „{role}“, die gelöscht wird"}},
};

struct LabelText {
  std::string_view key;
  std::array<std::string_view, 3> text;
};

constexpr LabelText kLabels[] = {
    {"file", {"File", "Fichier", "Datei"}},
    {"format", {"Format", "Format", "Format"}},
    {"encoding", {"Encoding", "Encodage", "Kodierung"}},
    {"delimiter", {"Delimiter", "Séparateur", "Trennzeichen"}},
    {"header", {"Header row", "Ligne d'en-tête", "Kopfzeile"}},
    {"rows", {"Rows", "Lignes", "Zeilen"}},
    {"columns", {"Columns", "Colonnes", "Spalten"}},
    {"preview", {"Preview", "Aperçu", "Vorschau"}},
    {"diagnostics", {"Diagnostics", "Diagnostics", "Hinweise"}},
    {"none", {"none", "aucun", "keine"}},
    {"yes", {"yes", "oui", "ja"}},
    {"no", {"no", "non", "nein"}},
    {"line", {"line", "ligne", "Zeile"}},
    {"sheet", {"Sheet", "Feuille", "Tabellenblatt"}},
    {"profile", {"Profile", "Profil", "Profil"}},
    {"info", {"info", "info", "Info"}},
    {"warning", {"warning", "avertissement", "Warnung"}},
    {"error", {"error", "erreur", "Fehler"}},
    {"critical", {"critical", "critique", "kritisch"}},
    // The directory commands (init, org, users).
    {"db_created",
     {"Created database {url} (schema version {version})",
      "Base de données {url} créée (schéma version {version})",
      "Datenbank {url} angelegt (Schemaversion {version})"}},
    {"db_migrated",
     {"Migrated database {url} from schema version {from} to {version}",
      "Base de données {url} migrée du schéma version {from} à {version}",
      "Datenbank {url} von Schemaversion {from} auf {version} migriert"}},
    {"db_up_to_date",
     {"Database {url} is up to date (schema version {version})",
      "La base de données {url} est à jour (schéma version {version})",
      "Datenbank {url} ist aktuell (Schemaversion {version})"}},
    {"org_added",
     {"Added org {code} ({name})", "Établissement {code} ({name}) ajouté",
      "Organisation {code} ({name}) angelegt"}},
    {"code", {"Code", "Code", "Kennung"}},
    {"name", {"Name", "Nom", "Name"}},
    {"parent", {"Parent", "Parent", "Übergeordnet"}},
    {"no_orgs", {"No org yet", "Aucun établissement", "Noch keine Organisation"}},
    {"login", {"Login", "Identifiant", "Benutzername"}},
    {"last_name", {"Last name", "Nom", "Nachname"}},
    {"first_name", {"First name", "Prénom", "Vorname"}},
    {"state", {"State", "État", "Status"}},
    {"affiliations", {"Affiliations", "Rattachements", "Zugehörigkeiten"}},
    {"ended", {"ended", "terminé", "beendet"}},
    {"no_users", {"No matching user", "Aucun utilisateur trouvé", "Keine passenden Benutzer"}},
    {"users_truncated",
     {"Only the first {limit} are shown; narrow the search or raise --limit",
      "Seuls les {limit} premiers sont affichés ; affinez la recherche ou "
      "augmentez --limit",
      "Nur die ersten {limit} werden gezeigt; Suche eingrenzen oder --limit "
      "erhöhen"}},
    // Credential letters (letters.cpp); they also use "name" and "login".
    {"letter_title", {"Your account", "Votre compte", "Ihr Zugang"}},
    {"letter_class", {"Class", "Classe", "Klasse"}},
    {"letter_password", {"Initial password", "Mot de passe provisoire", "Erstpasswort"}},
    {"letter_activation_code", {"Activation code", "Code d'activation", "Aktivierungscode"}},
    {"letter_first_login_url",
     {"First log in at", "Première connexion sur", "Erste Anmeldung unter"}},
    {"letter_change_password",
     {"You must change this password the first time you log in.",
      "Ce mot de passe doit être changé lors de la première connexion.",
      "Dieses Passwort muss bei der ersten Anmeldung geändert werden."}},
    {"letter_choose_password",
     {"With this code you choose your own password the first time you log in.",
      "Ce code vous permet de choisir votre mot de passe lors de la première connexion.",
      "Mit diesem Code legen Sie bei der ersten Anmeldung Ihr eigenes Passwort fest."}},
};

std::size_t LanguageIndex(Language language) { return static_cast<std::size_t>(language); }

std::string Substitute(std::string_view pattern, const Diagnostic& diagnostic) {
  std::string out;
  std::size_t position = 0;
  while (position < pattern.size()) {
    const std::size_t open = pattern.find('{', position);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open + 1);
    if (close == std::string_view::npos) {
      out.append(pattern.substr(position));
      break;
    }
    out.append(pattern.substr(position, open - position));
    out.append(diagnostic.Param(pattern.substr(open + 1, close - open - 1)));
    position = close + 1;
  }
  return out;
}

}  // namespace

std::string RenderMessage(const Diagnostic& diagnostic, Language language) {
  for (const Template& message : kMessages) {
    if (message.code == diagnostic.code) {
      return Substitute(message.text[LanguageIndex(language)], diagnostic);
    }
  }
  std::string fallback = diagnostic.code;
  for (const auto& [key, value] : diagnostic.params) fallback += " " + key + "=" + value;
  return fallback;
}

std::string_view Label(std::string_view key, Language language) {
  for (const LabelText& label : kLabels) {
    if (label.key == key) return label.text[LanguageIndex(language)];
  }
  return key;
}

}  // namespace rollcall::report
