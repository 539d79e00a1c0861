package io.newshound.classifier.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The naive baseline the classifier is measured against: a topic is raised when the article contains any of a few
 * obvious keywords of it (lower-cased substrings, so stems catch their inflections).
 */
final class KeywordBaseline {

    private static final Map<String, Map<String, List<String>>> KEYWORDS = Map.of(
            "en", Map.of(
                    "ceasefire", List.of("ceasefire", "cease-fire", "truce"),
                    "sanctions", List.of("sanction"),
                    "land-swap", List.of("land swap", "territorial concession", "cede territory", "swap territor",
                            "territory swap", "cede"),
                    "security-guarantees", List.of("security guarantee", "article 5"),
                    "peace-talks", List.of("peace talks", "peace plan", "peace deal", "negotiations", "summit"),
                    "prisoner-exchange", List.of("prisoner exchange", "prisoner swap", "exchange of prisoners",
                            "swap of prisoners", "prisoners of war"),
                    "energy-strikes", List.of("energy infrastructure", "power plant", "power grid", "substation",
                            "refinery", "blackout")),
            "de", Map.of(
                    "ceasefire", List.of("waffenruhe", "waffenstillstand", "feuerpause"),
                    "sanctions", List.of("sanktion"),
                    "land-swap",
                    List.of("gebietsabtretung", "gebietstausch", "gebiete abtreten", "territoriale zugeständnis"),
                    "security-guarantees", List.of("sicherheitsgarantie", "artikel 5"),
                    "peace-talks", List.of("friedensgespräch", "friedensverhandlung", "friedensplan", "gipfel"),
                    "prisoner-exchange", List.of("gefangenenaustausch", "kriegsgefangen"),
                    "energy-strikes", List.of("energieinfrastruktur", "kraftwerk", "stromnetz", "umspannwerk",
                            "raffinerie")),
            "fr", Map.of(
                    "ceasefire", List.of("cessez-le-feu", "trêve"),
                    "sanctions", List.of("sanction"),
                    "land-swap", List.of("échange de territoires", "concessions territoriales", "céder"),
                    "security-guarantees", List.of("garanties de sécurité", "article 5"),
                    "peace-talks", List.of("pourparlers", "négociations de paix", "plan de paix", "sommet"),
                    "prisoner-exchange", List.of("échange de prisonniers", "prisonniers de guerre"),
                    "energy-strikes", List.of("infrastructures énergétiques", "centrale", "réseau électrique",
                            "raffinerie")),
            "ru", Map.of(
                    "ceasefire", List.of("перемири", "прекращение огня", "прекращении огня"),
                    "sanctions", List.of("санкци"),
                    "land-swap", List.of("обмен территори", "территориальн уступк"),
                    "security-guarantees", List.of("гарантии безопасности", "гарантий безопасности", "статья 5",
                            "статьи 5"),
                    "peace-talks", List.of("мирные переговоры", "переговор", "саммит", "мирный план"),
                    "prisoner-exchange", List.of("обмен пленными", "обмен военнопленными", "военнопленн"),
                    "energy-strikes", List.of("энергетической инфраструктур", "электростанци", "энергосистем", "нпз",
                            "подстанци")),
            "uk", Map.of(
                    "ceasefire", List.of("перемир", "припинення вогню"),
                    "sanctions", List.of("санкці"),
                    "land-swap", List.of("обмін територі", "територіальн поступк"),
                    "security-guarantees", List.of("гарантії безпеки", "гарантій безпеки", "стаття 5", "статті 5"),
                    "peace-talks", List.of("мирні переговори", "переговор", "саміт", "мирний план"),
                    "prisoner-exchange", List.of("обмін полоненими", "військовополонен"),
                    "energy-strikes", List.of("енергетичної інфраструктур", "електростанці", "енергосистем",
                            "підстанці", "нпз")));

    private KeywordBaseline() {
    }

    /** @return the topics whose keywords the article contains */
    static Set<String> topics(LabelledArticle a) {
        String text = (a.title() + "\n" + a.body()).toLowerCase(Locale.ROOT);
        Set<String> topics = new LinkedHashSet<>();
        KEYWORDS.getOrDefault(a.language(), Map.of()).forEach((slug, words) -> {
            if (words.stream().anyMatch(text::contains)) {
                topics.add(slug);
            }
        });
        return topics;
    }
}
