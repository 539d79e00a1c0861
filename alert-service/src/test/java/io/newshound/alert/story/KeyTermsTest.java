package io.newshound.alert.story;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTermsTest {

    @Test
    void writesANameTheSameInCyrillicAndLatin() {
        assertThat(KeyTerms.key("Путін")).isEqualTo(KeyTerms.key("Putin")).isEqualTo(KeyTerms.key("Путин"));
        assertThat(KeyTerms.key("Аляска")).isEqualTo(KeyTerms.key("Alaska"));
        assertThat(KeyTerms.key("Харків")).isEqualTo(KeyTerms.key("Kharkiv")).isEqualTo(KeyTerms.key("Charkiw"));
        assertThat(KeyTerms.key("Зеленський")).isEqualTo(KeyTerms.key("Zelensky"))
                .isEqualTo(KeyTerms.key("Selenskyj"));
    }

    @Test
    void cutsCyrillicCaseEndings() {
        assertThat(KeyTerms.key("Путіним")).isEqualTo(KeyTerms.key("Putin"));
        assertThat(KeyTerms.key("Зеленського")).isEqualTo(KeyTerms.key("Zelensky"));
        assertThat(KeyTerms.key("Аляски")).isEqualTo(KeyTerms.key("Alaska"));
    }

    @Test
    void findsThePlaceBehindACyrillicAdjective() {
        assertThat(KeyTerms.keys("Чорнобильської")).contains(KeyTerms.key("Chernobyl"));
        assertThat(KeyTerms.keys("Харківська")).contains(KeyTerms.key("Kharkiv"));
        assertThat(KeyTerms.keys("Одеської")).contains(KeyTerms.key("Odesa"));
    }

    @Test
    void readsDigitGroupsTheSameInEveryLanguage() {
        assertThat(KeyTerms.of("340,000 without power", "")).containsExactly("#340000");
        assertThat(KeyTerms.of("340 000 sans électricité", "")).containsExactly("#340000");
        // German capitalises nouns, so "Strom" is a key term too
        assertThat(KeyTerms.of("340.000 ohne Strom", "")).containsExactly("#340000", KeyTerms.key("Strom"));
    }

    @Test
    void ignoresFunctionWordsAndLowerCaseWords() {
        assertThat(KeyTerms.of("The talks in Anchorage", "after the summit")).containsExactly(
                KeyTerms.key("Anchorage"));
        assertThat(KeyTerms.of("Die Gespräche", "")).containsExactly(KeyTerms.key("Gespräche"));
    }

    @Test
    void readsADecimalTheSameWithAPointOrAComma() {
        assertThat(KeyTerms.of("Magnitude 5.9 earthquake shakes Crete", "")).contains("#5.9");
        assertThat(KeyTerms.of("Grèce : séisme de magnitude 5,9 au large de la Crète", "")).contains("#5.9");
        assertThat(KeyTerms.of("У берегов Крита произошло землетрясение магнитудой 5,9", "")).contains("#5.9");
        assertThat(KeyTerms.of("Bank of Japan erhöht Leitzins auf 0,75 Prozent", "")).contains("#0.75");
        assertThat(KeyTerms.of("Britain pledges 2.50 billion", "")).contains("#2.5");
    }

    @Test
    void alsoReadsALargeDecimalAsTheWholeNumberOtherOutletsRoundItTo() {
        assertThat(KeyTerms.of("Partidul Acțiune și Solidaritate отримала 50,2 % голосів", "")).contains("#50.2",
                "#50");
        assertThat(KeyTerms.of("ANO won 34.5% of the vote", "")).contains("#34.5", "#35");
        // a rate or a magnitude is told apart by its decimals
        assertThat(KeyTerms.of("The Fed cut to a range of 3.75% to 4%", "")).contains("#3.75").doesNotContain("#4");
    }

    @Test
    void readsGermanCommonNounsAsContentWordsNotNames() {
        String title = "Waldbrand in Portugal: Feuerwehrleute bringen Front bei Arganil unter Kontrolle";
        String body = "Nach vier Tagen haben die Feuerwehrleute den Waldbrand bei Arganil in Mittelportugal unter "
                + "Kontrolle gebracht. Die Flammen hatten rund 15.000 Hektar vernichtet.";

        assertThat(KeyTerms.of(title, body, "de")).contains(KeyTerms.key("Portugal"), KeyTerms.key("Arganil"),
                "#15000").doesNotContain(KeyTerms.key("Waldbrand"), KeyTerms.key("Feuerwehrleute"),
                        KeyTerms.key("Tagen"));
        assertThat(KeyTerms.contentWords(title, body, "de")).contains(KeyTerms.contentKey("waldbrand"),
                KeyTerms.contentKey("feuerwehrleute"));
        // without the language every capitalised word stays a name
        assertThat(KeyTerms.of(title, body)).contains(KeyTerms.key("Waldbrand"));
    }

    @Test
    void keepsGermanNamesAfterPrepositionsTitlesAndArticlesOfCountries() {
        String body = "Die USA haben den Hafen Hodeida im Jemen bombardiert. Bürgermeister Vitali Klitschko sprach "
                + "von drei Toten; Kiew und die Ukraine meldeten weitere Angriffe nach Stuttgart. Die Lage bleibe "
                + "angespannt, warnte Tom Fletcher. Vermittler im Gaza-Krieg ist Katar.";

        assertThat(KeyTerms.of("", body, "de")).contains(KeyTerms.key("USA"), KeyTerms.key("Hodeida"),
                KeyTerms.key("Jemen"), KeyTerms.key("Vitali"), KeyTerms.key("Klitschko"), KeyTerms.key("Kiew"),
                KeyTerms.key("Ukraine"), KeyTerms.key("Stuttgart"), KeyTerms.key("Tom"), KeyTerms.key("Fletcher"),
                KeyTerms.key("Gaza"), KeyTerms.key("Katar")).doesNotContain(KeyTerms.key("Toten"),
                        KeyTerms.key("Angriffe"));
    }

    @Test
    void keepsASentenceFullStopAfterANumberOutOfTheDecimal() {
        assertThat(KeyTerms.of("The highest level since 1995. Governor Kazuo Ueda spoke", ""))
                .contains("#1995", KeyTerms.key("Kazuo"));
    }

    @Test
    void writesAForeignHTheWayRussianAndUkrainianDo() {
        assertThat(KeyTerms.key("Гамбург")).isEqualTo(KeyTerms.key("Hamburg"));
        assertThat(KeyTerms.key("Гаага")).isEqualTo(KeyTerms.key("Haag"));
        assertThat(KeyTerms.key("Гельсінкі")).isEqualTo(KeyTerms.key("Helsinki"));
    }

    @Test
    void marksInstitutionalWordsAsGenericInEveryLanguage() {
        for (String word : List.of("Bank", "Banque", "Банк", "Governor", "Gouverneur", "Президент", "Prozent",
                "Leitzins", "Millionen", "Regierung", "Gouvernement")) {
            assertThat(KeyTerms.isGeneric(KeyTerms.key(word))).as(word).isTrue();
        }
    }

    @Test
    void neverMarksANameAsGeneric() {
        for (String word : List.of("Japan", "England", "Crete", "Rutte", "Turkey", "Rhein", "Wien", "Texas", "Mosul",
                "Ueda", "Bailey", "Lagarde")) {
            assertThat(KeyTerms.isGeneric(KeyTerms.key(word))).as(word).isFalse();
        }
    }

    @Test
    void writesTheFrenchTchLikeTheEnglishCh() {
        assertThat(KeyTerms.key("Tchernobyl")).isEqualTo(KeyTerms.key("Chernobyl"))
                .isEqualTo(KeyTerms.key("Чорнобиль"));
        assertThat(KeyTerms.key("Kamtchatka")).isEqualTo(KeyTerms.key("Kamchatka")).isEqualTo(KeyTerms.key("Камчатка"));
    }

    @Test
    void readsWhatHappenedFromLowerCaseWordsAcrossInflections() {
        assertThat(KeyTerms.contentKey("fines")).isEqualTo(KeyTerms.contentKey("fined"));
        assertThat(KeyTerms.contentKey("strikes")).isEqualTo(KeyTerms.contentKey("struck"))
                .isEqualTo(KeyTerms.contentKey("strike"));
        assertThat(KeyTerms.contentKey("investigation")).isNotEqualTo(KeyTerms.contentKey("fined"));
        assertThat(KeyTerms.contentKey("women")).isNotEqualTo(KeyTerms.contentKey("men"));
    }

    @Test
    void matchesACognateAcrossScriptsAsAContentWord() {
        assertThat(KeyTerms.contentKey("cyberattack")).isEqualTo(KeyTerms.contentKey("кібератаки"))
                .isEqualTo(KeyTerms.contentKey("кибератаки"));
    }

    @Test
    void leavesNamesAndFunctionWordsOutOfTheContentWords() {
        assertThat(KeyTerms.contentWords("EU fines Meta 200 million euros over pay-or-consent model",
                "The European Commission said on Tuesday that it would appeal.")).containsExactly(
                        KeyTerms.contentKey("fines"), KeyTerms.contentKey("million"), KeyTerms.contentKey("euros"),
                        KeyTerms.contentKey("consent"), KeyTerms.contentKey("model"), KeyTerms.contentKey("appeal"));
        assertThat(KeyTerms.contentWords("EU fines Meta", "")).allMatch(KeyTerms::isContentWord);
    }

    @Test
    void readsAGermanExonymAsTheNameOtherLanguagesUse() {
        Set<String> german = KeyTerms.of("Lüttich: Drohne legt Frachtflughafen zweimal lahm",
                "Der belgische Frachtflughafen Lüttich hat in der Nacht zum Freitag zweimal den Luftraum gesperrt.",
                "de");
        Set<String> english = KeyTerms.of("Belgium's Liege airport twice closed overnight by drone",
                "Liege airport, Belgium's main cargo hub, closed its airspace twice overnight.", "en");
        Set<String> french = KeyTerms.of("Liège : l'aéroport fermé deux fois dans la nuit",
                "L'aéroport de Liège a fermé son espace aérien à deux reprises.", "fr");

        assertThat(german).contains(KeyTerms.key("Liège"));
        assertThat(english).contains(KeyTerms.key("Liège"));
        assertThat(french).contains(KeyTerms.key("Liège"));
        assertThat(KeyTerms.of("USA verhängen Sanktionen gegen Russland", "", "de")).contains(KeyTerms.key("Russia"));
    }

    @Test
    void readsAGermanNameInTheGenitive() {
        assertThat(
                KeyTerms.of("Unwetter in Ligurien", "Starkregen hat in Genua und Teilen Liguriens Straßen überflutet.",
                        "de"))
                .contains(KeyTerms.key("Liguria"), KeyTerms.key("Genoa"));
    }

    @Test
    void readsACyrillicNameInAnyCaseFormAsItsLatinName() {
        assertThat(KeyTerms.of("Наводнение в Валенсии: трое погибших",
                "В испанском регионе Валенсия после ливней произошли внезапные паводки.")).contains(
                        KeyTerms.key("Valencia"));
        assertThat(KeyTerms.key("Валенсией")).isEqualTo(KeyTerms.key("Valencia"));
        assertThat(KeyTerms.key("Мюнхеном")).isEqualTo(KeyTerms.key("Munich")).isEqualTo(KeyTerms.key("München"));
        assertThat(KeyTerms.key("Крыму")).isEqualTo(KeyTerms.key("Крим")).isEqualTo(KeyTerms.key("Crimea"));
    }

    @Test
    void readsAnAcronymTheSameInEveryScript() {
        Set<String> russian = KeyTerms.of("ФРС снизила ставку до 3,75–4 %",
                "Федеральная резервная система США снизила базовую ставку.");
        Set<String> english = KeyTerms.of("Fed cuts rates by quarter point",
                "The Federal Reserve lowered its benchmark rate to a range of 3.75%-4%.");

        assertThat(russian).contains(KeyTerms.key("Fed"), "#3.75");
        assertThat(english).contains(KeyTerms.key("Fed"), "#3.75");
        assertThat(KeyTerms.key("США")).isEqualTo(KeyTerms.key("USA")).isEqualTo("US");
    }

    @Test
    void readsUsInCapitalsAsANameAndInLowerCaseAsAPronoun() {
        assertThat(KeyTerms.of("US sanctions Rosneft and Lukoil, Russia's largest oil companies", "")).contains("US",
                KeyTerms.key("Rosneft"));
        assertThat(KeyTerms.of("Us and them", "")).doesNotContain("US");
        assertThat(KeyTerms.key("WHO")).isNotNull();
        assertThat(KeyTerms.key("Who")).isNull();
    }

    @Test
    void leavesOutActorsOfManyDevelopmentsInEveryScript() {
        assertThat(KeyTerms.of("EU fines Meta 200 million euros", "")).containsExactly(KeyTerms.key("Meta"), "#200");
        assertThat(KeyTerms.of("ЕС оштрафовал Meta на 200 миллионов евро", "")).containsExactly(KeyTerms.key("Meta"),
                "#200");
        // "ЕС" no longer reads like "USA"
        assertThat(KeyTerms.of("ЕС", "")).doesNotContain(KeyTerms.key("USA"));
        assertThat(KeyTerms.of("NATO allies meet in Vilnius", "")).containsExactly(KeyTerms.key("Vilnius"));
        assertThat(KeyTerms.of("Саммит НАТО в Вильнюсе", "")).containsExactly(KeyTerms.key("Саммит"),
                KeyTerms.key("Vilnius"));
    }
}
