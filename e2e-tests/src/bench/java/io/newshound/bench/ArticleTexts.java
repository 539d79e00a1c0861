package io.newshound.bench;

import java.util.Random;
import java.util.UUID;

/** Realistic wire-style articles of 2 to 8 KB, generated deterministically from a seed. */
final class ArticleTexts {

    private static final String[] SENTENCES = {
            "Negotiators from both sides met behind closed doors on Tuesday, officials familiar with the talks said.",
            "The European Union is preparing a new package of sanctions targeting banks and the shadow fleet.",
            "Drone and missile strikes hit power plants and substations overnight, causing emergency blackouts.",
            "A ceasefire along the front line remains out of reach, according to diplomats briefed on the meeting.",
            "Leaders discussed security guarantees modelled on NATO's Article 5 and a possible reassurance force.",
            "Any exchange of territory would need approval by parliament and possibly a referendum, lawyers said.",
            "Both governments confirmed that 150 prisoners of war had returned home in the latest exchange.",
            "Markets reacted calmly, with the euro little changed and oil prices edging up half a percent.",
            "The mayor said repair crews were working around the clock to restore heating to residential blocks.",
            "Analysts cautioned that previous rounds of talks had collapsed within days of being announced.",
            "The foreign ministry declined to comment on the reports, saying negotiations were confidential.",
            "Humanitarian agencies called for safe corridors to reach civilians in the most affected districts."};

    private ArticleTexts() {
    }

    /** @return a JSON article for {@code POST /api/v1/articles} of roughly {@code bytes} bytes of body */
    static String articleJson(Random random, int bytes, String run) {
        StringBuilder body = new StringBuilder(bytes + 200);
        while (body.length() < bytes) {
            if (body.length() > 0) {
                body.append(random.nextInt(5) == 0 ? "\\n\\n" : " ");
            }
            body.append(SENTENCES[random.nextInt(SENTENCES.length)]);
        }
        String id = UUID.randomUUID().toString();
        return "{\"url\":\"https://wire.example.com/world/" + run + "/" + id + "\",\"title\":\"Talks and strikes "
                + id.substring(0, 8) + "\",\"body\":\"" + body + " " + id + "\",\"source\":\"Bench Wire\","
                + "\"language\":\"en\",\"publishedAt\":\"2026-11-25T10:00:00Z\"}";
    }
}
