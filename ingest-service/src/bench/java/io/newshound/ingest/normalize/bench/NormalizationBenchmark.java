package io.newshound.ingest.normalize.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

import org.jsoup.Jsoup;

import io.newshound.ingest.normalize.CanonicalUrl;
import io.newshound.ingest.normalize.ContentFingerprint;
import io.newshound.ingest.normalize.HtmlText;
import io.newshound.ingest.normalize.LanguageGuess;
import io.newshound.ingest.normalize.PublishedTime;

/**
 * Measures single-thread normalisation throughput on synthetic 2-8 KB HTML articles (paragraphs, links, emphasis,
 * navigation, scripts, entities; English, German and Ukrainian). Prints numbers, asserts nothing.
 * <p>
 * Run: {@code ./mvnw -q -pl ingest-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.newshound.ingest.normalize.bench.NormalizationBenchmark [-Dexec.args="<seconds per stage>"]}
 */
public final class NormalizationBenchmark {

    private static final String[] EN = ("the government said on friday that talks on security guarantees would"
            + " continue next week while officials in kyiv and washington declined to comment on the details of a"
            + " ceasefire proposal markets rose sharply after the announcement").split(" ");
    private static final String[] DE = ("die bundesregierung hat am freitag neue sicherheitsgarantien angekündigt"
            + " während die gespräche über einen waffenstillstand in der nächsten woche fortgesetzt werden sollen")
            .split(" ");
    private static final String[] UK = ("уряд заявив у пʼятницю що переговори щодо гарантій безпеки тривають"
            + " але домовленості про перемирʼя поки немає посадовці відмовилися коментувати деталі").split(" ");
    private static final String[] DATES = {"Sat, 15 Aug 2026 17:58:00 GMT", "2026-08-15T20:58:00+03:00",
            "Sat, 15 Aug 26 12:58 EST", "August 15, 2026 1:58 PM EDT"};

    private NormalizationBenchmark() {
    }

    /**
     * @param args
     *            optional: seconds to measure each stage (default 3)
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Random random = new Random(42);
        List<String> html = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            html.add(article(random, i));
            urls.add("HTTPS://News.Example.COM:443/world/2026/08/15/../15/story-" + i
                    + "?utm_source=rss&utm_medium=feed&id=" + i + "&b=2&a=1#comments");
        }
        List<String> texts = html.stream().map(HtmlText::toText).toList();
        long htmlBytes = html.stream().mapToLong(h -> h.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("corpus: %d articles, %.1f KB average HTML, %.1f KB average text%n", html.size(),
                htmlBytes / 1024.0 / html.size(),
                texts.stream().mapToLong(String::length).sum() / 1024.0 / texts.size());

        PublishedTime times = new PublishedTime();
        LanguageGuess languages = new LanguageGuess();
        long start = System.nanoTime();
        languages.languageOf(texts.get(0));
        System.out.printf("language detector first use (model loading): %d ms%n",
                (System.nanoTime() - start) / 1_000_000);

        measure("baseline: Jsoup.parse(html).text()", seconds, html, htmlBytes, h -> Jsoup.parse(h).text().length());
        measure("HtmlText.toText", seconds, html, htmlBytes, h -> HtmlText.toText(h).length());
        measure("HtmlText.normalize (on text)", seconds, texts, 0, t -> HtmlText.normalize(t).length());
        measure("ContentFingerprint.of", seconds, texts, 0, t -> ContentFingerprint.of("Title", t).hex().length());
        measure("CanonicalUrl.of", seconds, urls, 0, u -> CanonicalUrl.of(u).value().length());
        measure("PublishedTime.parse", seconds, List.of(DATES), 0, d -> times.parse(d).getNano());
        measure("LanguageGuess.languageOf", seconds, texts, 0, t -> languages.languageOf(t).length());
        measure("whole article (all of the above)", seconds, html, htmlBytes, h -> {
            String text = HtmlText.toText(h);
            return ContentFingerprint.of("Title", text).hex().length() + CanonicalUrl.of(urls.get(h.length() % 500))
                    .value().length() + times.parse(DATES[h.length() % 4]).getNano()
                    + languages.languageOf(text).length();
        });
    }

    private static void measure(String name, double seconds, List<String> inputs, long inputBytes,
            ToIntFunction<String> stage) {
        long sink = 0;
        long warmUpUntil = System.nanoTime() + (long) (seconds * 0.5e9);
        for (int i = 0; System.nanoTime() < warmUpUntil; i++) {
            sink += stage.applyAsInt(inputs.get(i % inputs.size()));
        }
        long operations = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 50; i++) {
                sink += stage.applyAsInt(inputs.get((int) (operations++ % inputs.size())));
            }
            now = System.nanoTime();
        } while (now < end);
        double elapsed = (now - start) / 1e9;
        double perSecond = operations / elapsed;
        String throughput = inputBytes == 0
                ? ""
                : String.format(", %.1f MB/s", perSecond * inputBytes / inputs.size() / 1e6);
        System.out.printf("%-34s %,12.0f ops/s  %9.2f us/op%s   (sink %d)%n", name, perSecond, 1e6 / perSecond,
                throughput, sink % 10);
    }

    private static String article(Random random, int n) {
        String[] words = switch (n % 3) {
            case 0 -> EN;
            case 1 -> DE;
            default -> UK;
        };
        int target = 2048 + random.nextInt(6144);
        StringBuilder html = new StringBuilder("<html><head><title>Story ").append(n).append("</title>")
                .append("<style>body{font-family:serif}</style><script>window.dataLayer=[];</script></head><body>")
                .append("<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav><article><h1>");
        appendWords(html, words, random, 8);
        html.append("</h1>");
        while (html.length() < target) {
            html.append("<p>");
            int sentences = 2 + random.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                appendWords(html, words, random, 8 + random.nextInt(14));
                html.append(random.nextInt(5) == 0 ? " &mdash; <a href=\"/x\">more</a>&nbsp;" : ". ");
                if (random.nextInt(4) == 0) {
                    html.append("<strong>");
                    appendWords(html, words, random, 3);
                    html.append("</strong> ");
                }
            }
            html.append("</p>\n");
        }
        return html.append("</article><footer>&copy; Example</footer></body></html>").toString();
    }

    private static void appendWords(StringBuilder out, String[] words, Random random, int count) {
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
    }
}
