// The lists are arrays of string_view so that they live in read-only data and cost no start-up.
// Weights roughly follow a French or Alsatian city school; exactness does not matter, variety does.
#include "generator/names.hpp"

#include <array>

namespace rollcall::bench {
namespace {

using namespace std::string_view_literals;

constexpr std::array kFrenchFamily = {
    "Martin"sv,         "Bernard"sv,  "Dubois"sv,         "Thomas"sv,
    "Robert"sv,         "Richard"sv,  "Petit"sv,          "Durand"sv,
    "Leroy"sv,          "Moreau"sv,   "Simon"sv,          "Laurent"sv,
    "Lefèvre"sv,        "Michel"sv,   "David"sv,          "Bertrand"sv,
    "Roux"sv,           "Vincent"sv,  "Fournier"sv,       "Morel"sv,
    "Girard"sv,         "André"sv,    "Mercier"sv,        "Dupont"sv,
    "Lambert"sv,        "Bonnet"sv,   "François"sv,       "Le Gall"sv,
    "Le Goff"sv,        "Le Bihan"sv, "Poulad-Malin"sv,   "Rousseau-Dufresne"sv,
    "Lévêque"sv,        "Bézier"sv,   "Crémieux"sv,       "Pérès"sv,
    "Séverin"sv,        "Lemaître"sv, "Benoît"sv,         "Noël"sv,
    "de La Fontaine"sv, "d'Arcy"sv,   "Lebœuf"sv,         "Cœurdevey"sv,
    "Daoût"sv,          "Gaultier"sv, "Hébert"sv,         "Jégou"sv,
    "Kerjean"sv,        "Mézières"sv, "Saint-Aubin"sv,    "Thévenin"sv,
    "Vasseur"sv,        "Écuyer"sv,   "Giraud-Leclerc"sv,
};
constexpr std::array kFrenchFemale = {
    "Camille"sv, "Léa"sv,         "Manon"sv,     "Chloé"sv,  "Emma"sv,    "Inès"sv,
    "Jade"sv,    "Louise"sv,      "Zoé"sv,       "Anaïs"sv,  "Maëlys"sv,  "Clémence"sv,
    "Héloïse"sv, "Hélène"sv,      "Océane"sv,    "Noémie"sv, "Gaëlle"sv,  "Mathilde"sv,
    "Éloïse"sv,  "Anne-Sophie"sv, "Marie-Ève"sv, "Lou"sv,    "Romane"sv,  "Agathe"sv,
    "Cécile"sv,  "Bérénice"sv,    "Apolline"sv,  "Rose"sv,   "Maïwenn"sv, "Joséphine"sv,
};
constexpr std::array kFrenchMale = {
    "Lucas"sv,    "Hugo"sv,   "Louis"sv,  "Gabriel"sv,     "Arthur"sv,        "Jules"sv,
    "Raphaël"sv,  "Noé"sv,    "Nathan"sv, "Théo"sv,        "Mathéo"sv,        "Timothée"sv,
    "Maël"sv,     "Gaël"sv,   "Jérôme"sv, "Jean-Pierre"sv, "Jean-Baptiste"sv, "Pierre-Louis"sv,
    "Loïc"sv,     "Benoît"sv, "Hervé"sv,  "Clément"sv,     "Étienne"sv,       "Élie"sv,
    "Aurélien"sv, "Mathis"sv, "Enzo"sv,   "Côme"sv,        "François"sv,
};

constexpr std::array kGermanFamily = {
    "Müller"sv,     "Schmidt"sv, "Schneider"sv,     "Fischer"sv,   "Weber"sv,
    "Meyer"sv,      "Wagner"sv,  "Becker"sv,        "Schulz"sv,    "Hoffmann"sv,
    "Schäfer"sv,    "Koch"sv,    "Bauer"sv,         "Richter"sv,   "Klein"sv,
    "Schröder"sv,   "Neumann"sv, "Zimmermann"sv,    "Krüger"sv,    "Groß"sv,
    "Weiß"sv,       "Strauß"sv,  "von der Heide"sv, "von Bülow"sv, "Müller-Lüdenscheidt"sv,
    "Oberhäuser"sv, "Kößler"sv,  "Jäger"sv,
};
constexpr std::array kGermanFemale = {
    "Sophie"sv,    "Marie"sv, "Mia"sv,   "Hannah"sv, "Lea"sv,   "Emilia"sv, "Lena"sv,
    "Anna-Lena"sv, "Lotte"sv, "Käthe"sv, "Frieda"sv, "Greta"sv, "Jördis"sv, "Bärbel"sv,
};
constexpr std::array kGermanMale = {
    "Lukas"sv,      "Jonas"sv, "Leon"sv,  "Finn"sv,   "Elias"sv, "Paul"sv,   "Felix"sv,
    "Maximilian"sv, "Jörg"sv,  "Björn"sv, "Jürgen"sv, "Sören"sv, "Moritz"sv, "Karl-Heinz"sv,
};

constexpr std::array kTurkishFamily = {
    "Yılmaz"sv, "Kaya"sv,  "Demir"sv,   "Şahin"sv,  "Çelik"sv, "Yıldız"sv, "Yıldırım"sv,
    "Öztürk"sv, "Aydın"sv, "Özdemir"sv, "Arslan"sv, "Doğan"sv, "Kılıç"sv,  "Çetin"sv,
};
constexpr std::array kTurkishFemale = {
    "Ayşe"sv, "Elif"sv, "Zeynep"sv, "Fatma"sv, "Emine"sv, "Büşra"sv, "Merve"sv, "Gülşen"sv,
};
constexpr std::array kTurkishMale = {
    "Mehmet"sv, "Mustafa"sv, "Ahmet"sv, "Hüseyin"sv, "Emre"sv, "Burak"sv, "Çağrı"sv, "İsmail"sv,
};

constexpr std::array kPolishFamily = {
    "Nowak"sv,       "Kowalski"sv,  "Kowalska"sv, "Wiśniewski"sv, "Wójcik"sv,    "Kamińska"sv,
    "Lewandowski"sv, "Zieliński"sv, "Woźniak"sv,  "Dąbrowska"sv,  "Kozłowski"sv, "Mazur"sv,
    "Król"sv,        "Wróbel"sv,    "Stępień"sv,  "Jabłoński"sv,
};
constexpr std::array kPolishFemale = {
    "Zofia"sv, "Zuzanna"sv, "Małgorzata"sv, "Agnieszka"sv, "Łucja"sv, "Jadwiga"sv,
};
constexpr std::array kPolishMale = {
    "Łukasz"sv, "Paweł"sv, "Michał"sv, "Wojciech"sv, "Krzysztof"sv, "Mikołaj"sv, "Jakub"sv,
};

// French registries often drop Vietnamese diacritics; both spellings occur.
constexpr std::array kVietnameseFamily = {
    "Nguyễn"sv, "Nguyen"sv, "Trần"sv, "Tran"sv, "Lê"sv,   "Phạm"sv, "Pham"sv, "Hoàng"sv,
    "Huỳnh"sv,  "Phan"sv,   "Vũ"sv,   "Võ"sv,   "Đặng"sv, "Bùi"sv,  "Đỗ"sv,   "Ngô"sv,
};
constexpr std::array kVietnameseFemale = {
    "Linh"sv, "Mai"sv, "Hương"sv, "Thảo"sv, "Ngọc Anh"sv, "Thị Lan"sv, "Trang"sv,
};
constexpr std::array kVietnameseMale = {
    "Minh"sv, "Đức"sv, "Quang"sv, "Tuấn"sv, "Huy"sv, "Khánh"sv, "Bảo"sv, "Văn Long"sv,
};

constexpr std::array kAfricanFamily = {
    "N'Diaye"sv, "Diallo"sv,   "Traoré"sv,    "Koné"sv,        "Coulibaly"sv, "Camara"sv,
    "Diop"sv,    "Touré"sv,    "N'Guessan"sv, "Ouédraogo"sv,   "Benali"sv,    "Belkacem"sv,
    "Haddad"sv,  "Mansouri"sv, "Aït Ahmed"sv, "Ben Youssef"sv, "El Amrani"sv, "Bouzid"sv,
};
constexpr std::array kAfricanFemale = {
    "Fatoumata"sv, "Aïcha"sv, "Awa"sv,   "Mariam"sv, "Yasmine"sv,
    "Nour"sv,      "Lina"sv,  "Salma"sv, "Myriam"sv, "Inès"sv,
};
constexpr std::array kAfricanMale = {
    "Mamadou"sv, "Moussa"sv, "Ibrahim"sv, "Youssef"sv, "Mohamed"sv,
    "Karim"sv,   "Bilal"sv,  "Ilyès"sv,   "Adama"sv,   "Issa"sv,
};

constexpr std::array kAtlanticFamily = {
    "O'Brien"sv,   "O'Connor"sv,  "McCarthy"sv,  "Da Silva"sv,  "Dos Santos"sv, "Gonçalves"sv,
    "Fernandes"sv, "Magalhães"sv, "Conceição"sv, "D'Almeida"sv, "Pereira"sv,
};
constexpr std::array kAtlanticFemale = {
    "Siobhán"sv, "Aoife"sv, "Inês"sv, "Leonor"sv, "Beatriz"sv, "Conceição"sv,
};
constexpr std::array kAtlanticMale = {
    "Seán"sv, "Ciarán"sv, "Liam"sv, "João"sv, "Gonçalo"sv, "Tomás"sv,
};

constexpr std::array kOrigins = {
    NameOrigin{"french", 62, kFrenchFamily, kFrenchFemale, kFrenchMale},
    NameOrigin{"german", 12, kGermanFamily, kGermanFemale, kGermanMale},
    NameOrigin{"turkish", 6, kTurkishFamily, kTurkishFemale, kTurkishMale},
    NameOrigin{"polish", 4, kPolishFamily, kPolishFemale, kPolishMale},
    NameOrigin{"vietnamese", 4, kVietnameseFamily, kVietnameseFemale, kVietnameseMale},
    NameOrigin{"african", 8, kAfricanFamily, kAfricanFemale, kAfricanMale},
    NameOrigin{"atlantic", 4, kAtlanticFamily, kAtlanticFemale, kAtlanticMale},
};

constexpr std::array kPlaces = {
    Place{"75011", "Paris"},
    Place{"69003", "Lyon"},
    Place{"42000", "Saint-Étienne"},
    Place{"13100", "Aix-en-Provence"},
    Place{"94240", "L'Haÿ-les-Roses"},
    Place{"91000", "Évry-Courcouronnes"},
    Place{"51000", "Châlons-en-Champagne"},
    Place{"25000", "Besançon"},
    Place{"93200", "Saint-Denis"},
    Place{"94120", "Fontenay-sous-Bois"},
    Place{"93800", "Épinay-sur-Seine"},
    Place{"59650", "Villeneuve-d'Ascq"},
    Place{"29120", "Pont-l'Abbé"},
    Place{"29200", "Brest"},
    Place{"67000", "Strasbourg"},
    Place{"68100", "Mulhouse"},
    Place{"67600", "Sélestat"},
    Place{"57000", "Metz"},
    Place{"30000", "Nîmes"},
    Place{"34500", "Béziers"},
    Place{"01000", "Bourg-en-Bresse"},
    Place{"95000", "Cergy"},
};

constexpr std::array kStreets = {
    "rue des Lilas"sv,          "avenue Jean-Jaurès"sv,
    "boulevard de l'Hôpital"sv, "place du Général-de-Gaulle"sv,
    "allée Marie-Curie"sv,      "impasse des Peupliers"sv,
    "chemin du Moulin"sv,       "rue de la République"sv,
    "rue Émile-Zola"sv,         "rue de l'Église"sv,
    "cours Lafayette"sv,        "route de Châteaubriant"sv,
    "quai des Bateliers"sv,     "rue du Faubourg-Saint-Antoine"sv,
    "square Édith-Piaf"sv,      "rue d'Alsace-Lorraine"sv,
    "avenue du 8-Mai-1945"sv,   "lieu-dit « Le Bourg »"sv,
};

constexpr std::array kAddressPrefixes = {
    "Bât. C"sv,
    "Résidence Les Tilleuls, appt 24"sv,
    "Escalier B, 3e étage"sv,
    "Chez Mme Benali"sv,
    "Cité « Les Mûriers »"sv,
    "Appt 112"sv,
};

constexpr std::array kClasses = {
    SchoolClass{"CP", 6},       SchoolClass{"CP A", 6},
    SchoolClass{"CE1 A", 7},    SchoolClass{"CE1 B", 7},
    SchoolClass{"CE2", 8},      SchoolClass{"CM1 A", 9},
    SchoolClass{"CM1/CM2", 10}, SchoolClass{"CM2 B", 10},
    SchoolClass{"6e A", 11},    SchoolClass{"6ème 2", 11},
    SchoolClass{"5e B", 12},    SchoolClass{"5a", 11},
    SchoolClass{"4e C", 13},    SchoolClass{"3e Prépa-Métiers", 14},
    SchoolClass{"7b", 13},      SchoolClass{"ULIS", 12},
};

constexpr std::array kRemarks = {
    "PAI : allergie aux arachides"sv,
    "Surnommé \"Jojo\" par ses camarades"sv,
    "Garde alternée ; voir le dossier"sv,
    "Transport scolaire, ligne 12"sv,
    "Dispensé d'EPS jusqu'au 15/11\nCertificat médical fourni"sv,
    "Ne pas remettre l'enfant au père (jugement du 03/02)"sv,
    "Nouvel élève, arrivé de l'école « Les Tilleuls »"sv,
    "Cantine : lundi, mardi, jeudi"sv,
};

}  // namespace

std::span<const NameOrigin> NameOrigins() { return kOrigins; }
std::span<const Place> Places() { return kPlaces; }
std::span<const std::string_view> Streets() { return kStreets; }
std::span<const std::string_view> AddressPrefixes() { return kAddressPrefixes; }
std::span<const SchoolClass> SchoolClasses() { return kClasses; }
std::span<const std::string_view> Remarks() { return kRemarks; }

}  // namespace rollcall::bench
