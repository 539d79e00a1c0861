package io.newshound.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Subscriptions as newsrooms and partners write them: 60% one or two topics, 25% topics narrowed by a keyword query,
 * 15% a keyword query alone; a third limited to one or two languages; a small share with a webhook.
 */
final class SubscriptionMix {

    static final List<String> TOPICS = List.of("ceasefire", "sanctions", "land-swap", "security-guarantees",
            "peace-talks", "prisoner-exchange", "energy-strikes");
    private static final String[] LANGUAGES = {"en", "uk", "ru", "de", "fr"};
    /** Names, places and phrases desks watch, in the five languages. */
    private static final String[] TERMS = {"Kyiv", "Kharkiv", "Odesa", "Zaporizhzhia", "Zelensky", "Putin", "Trump",
            "Gaza", "Hamas", "Sudan", "Khartoum", "Iran", "Tehran", "Pyongyang", "Damascus", "NATO", "Brussels",
            "\"price cap\"", "\"shadow fleet\"", "\"power plant\"", "refinery", "hostages", "\"prisoners of war\"",
            "\"Article 5\"", "\"coalition of the willing\"", "Gazprom", "Rosneft", "Donbas", "Crimea", "Istanbul",
            "Київ", "Харків", "Зеленський", "Путин", "Киев", "Waffenruhe", "Sanktionen", "Kraftwerk",
            "cessez-le-feu", "otages", "Genève", "Riyadh", "Alaska", "Witkoff", "Erdogan"};
    private static final String[] EXCLUSIONS = {"football", "\"press release\"", "tennis", "transfer", "tariff"};

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param webhookUrl
     *            the URL to give this subscription, or null for none (stream, feed and digest only)
     * @return the body of {@code POST /api/v1/subscriptions}
     */
    ObjectNode subscription(Random random, int index, String webhookUrl) {
        ObjectNode s = json.createObjectNode();
        s.put("name", "bench subscription " + index);
        double kind = random.nextDouble();
        if (kind < 0.85) {
            ArrayNode topics = s.putArray("topics");
            topicsOf(random).forEach(topics::add);
        }
        if (kind >= 0.60) {
            s.put("query", query(random));
        }
        if (random.nextInt(3) == 0) {
            ArrayNode languages = s.putArray("languages");
            Set<String> chosen = new LinkedHashSet<>();
            int n = 1 + random.nextInt(2);
            while (chosen.size() < n) {
                chosen.add(LANGUAGES[random.nextInt(LANGUAGES.length)]);
            }
            chosen.forEach(languages::add);
        }
        if (webhookUrl != null) {
            s.put("webhookUrl", webhookUrl);
        }
        return s;
    }

    private static List<String> topicsOf(Random random) {
        List<String> shuffled = new ArrayList<>(TOPICS);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, 1 + (random.nextInt(3) == 0 ? 1 : 0));
    }

    private static String query(Random random) {
        String a = TERMS[random.nextInt(TERMS.length)];
        String b = TERMS[random.nextInt(TERMS.length)];
        return switch (random.nextInt(5)) {
            case 0 -> a;
            case 1 -> a + " OR " + b;
            case 2 -> "(" + a + " OR " + b + ") " + TERMS[random.nextInt(TERMS.length)];
            case 3 -> a + " -" + EXCLUSIONS[random.nextInt(EXCLUSIONS.length)];
            default -> a + " " + b;
        };
    }
}
