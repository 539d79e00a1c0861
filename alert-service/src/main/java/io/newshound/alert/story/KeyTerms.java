package io.newshound.alert.story;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts named-entity-like terms (capitalised words, acronyms, numbers) from an article and reduces each to a
 * script-independent key, so that "Путін", "Putin" and "Путина" all become {@code ptn} and "Аляска" and "Alaska" both
 * become {@code alsk}.
 *
 * <p>
 * The key is a consonant skeleton of the transliterated word: vowels are dropped after the first letter, letters that
 * spell the same sound in the five supported languages are merged (k/c/q, s/z, v/w/f, kh/ch/h/g) and doubled letters
 * collapse. Cyrillic case endings that carry consonants are cut first ("Зеленським" is "Зеленськ"). The skeleton is
 * coarse on purpose: a rare collision costs less than a missed cross-language match, and the scoring weights every key
 * by how rare it is among live stories. Names no skeleton can bring together ("Lüttich" and "Liège", "ФРС" and "Fed")
 * take the key of their entity from the {@link Gazetteer}.
 */
public final class KeyTerms {

    /**
     * A decimal number ("0.75", "5,9", "2,5") or a word. Decimals are read as one token because they are among the most
     * telling terms of a report (a rate, a magnitude, a sum in billions) and are written with a point or a comma
     * depending on the language.
     */
    private static final Pattern TOKEN = Pattern.compile("(\\d+)[.,](\\d{1,2})(?![\\d\\p{L}]|[.,]\\d)|[\\p{L}\\p{N}]+");
    /** Digit groups written "5,000", "5 000", "5.000" or "5'000" all become "5000". */
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d)[\\u00A0\\u202F ,.'’](?=\\d{3}(?!\\d))");

    /** A German word, digits included, for telling where a capitalised word stands. */
    private static final Pattern GERMAN_TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Punctuation that ends a sentence or a title part: the next word is capitalised whatever it is. */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?:;\"„“”«»–]");
    /** Endings of inflected German adjectives and participles: "russischen", "neue", "schwerer", "zweites". */
    private static final Pattern GERMAN_ADJECTIVE_ENDING = Pattern.compile("(e|en|er|es|em)$");
    /** Words before a German noun: articles, contractions, possessives, demonstratives, quantifiers, numerals. */
    private static final Set<String> GERMAN_DETERMINERS = Set.copyOf(WordList.read("german-determiners"));
    /**
     * Countries, regions and organisations that German names with an article ("die Ukraine", "im Jemen", "der Hamas"):
     * names all the same.
     */
    private static final Set<String> GERMAN_NAMES_WITH_ARTICLE = Set.copyOf(WordList.read("german-names-with-article"));
    /** Prepositions and conjunctions that put a German name in place ("in Charkiw", "nach Stuttgart"). */
    private static final Set<String> GERMAN_BEFORE_NAMES = Set.copyOf(WordList.read("german-before-names"));
    /** Lower-case words with an adjective ending that are prepositions, conjunctions or adverbs. */
    private static final Set<String> GERMAN_NOT_ADJECTIVES = Set.copyOf(WordList.read("german-not-adjectives"));

    /** Marks content-word keys, so that they can share a story's term map with names. */
    public static final String CONTENT_PREFIX = "~";
    /** Shortest word read as a content word. */
    static final int MIN_CONTENT_LETTERS = 4;
    /** Letters of the consonant skeleton kept as a content-word key. */
    static final int CONTENT_KEY_LETTERS = 4;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** Inflections that leave a consonant in the skeleton; the first that fits is cut. */
    private static final List<String> LATIN_SUFFIXES = List.of("ing", "ed", "es", "en", "s");
    /** Lower-case words of four letters or more that say nothing about what happened. */
    private static final Set<String> CONTENT_STOPWORDS = Set.copyOf(WordList.read("content-stopwords"));

    /** Cyrillic endings that leave a consonant in the skeleton; longest first. */
    private static final List<String> CYRILLIC_ENDINGS = List.of("ого", "его", "ому", "ему", "ими", "ыми", "ами",
            "ями", "ах", "ях", "ом", "ем", "ім", "им", "ым", "ам", "ям");

    /** Adjectives in -ський/-ский and their case forms; group 1 is what precedes the suffix. */
    private static final Pattern CYRILLIC_ADJECTIVE = Pattern.compile(
            "(\\p{IsCyrillic}{3,}?)ь?к(ий|ій|ого|ому|им|ім|ими|их|а|ої|ою|у|і|е|ая|ой|ую|ое|ие|ом)");

    /** Function words and calendar words that open sentences in capitals; lower-case, per script. */
    private static final Set<String> STOPWORDS = Set.copyOf(WordList.read("stopwords"));

    /**
     * Institutional, title, unit and common news words in the five languages, as keys. Words whose key would collide
     * with a frequent name are left out (German "Rat" has the key of "Rutte", "Teil" that of "Tel Aviv").
     */
    private static final Set<String> GENERIC = genericKeys(WordList.read("generic-words"));

    private KeyTerms() {
    }

    /**
     * The key terms of an article, in order of first appearance (title first). Numbers are kept as {@code #digits} when
     * they have at least two digits.
     */
    public static Set<String> of(String title, String body) {
        return of(title, body, null);
    }

    /**
     * {@link #of(String, String)} for an article in the given language. In German ({@code de}) capitalised words that
     * stand where a common noun stands (after an article, a numeral or an inflected adjective: "der Waldbrand", "vier
     * Menschen", "russischen Angriff") are not read as names: German capitalises every noun, and such words never meet
     * the same development in another language, so as key terms they would only count against it. They are read as
     * content words instead ({@link #contentWords(String, String, String)}).
     */
    public static Set<String> of(String title, String body, String language) {
        Set<String> nouns = commonNouns(title, body, language);
        Set<String> keys = new LinkedHashSet<>();
        collect(title, nouns, keys);
        collect(body, nouns, keys);
        return keys;
    }

    private static void collect(String text, Set<String> nouns, Set<String> keys) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher m = TOKEN.matcher(THOUSANDS.matcher(text).replaceAll(""));
        while (m.find()) {
            if (m.group(1) != null) {
                String decimal = decimal(m.group(1), m.group(2));
                if (decimal != null) {
                    keys.add(decimal);
                }
                String rounded = rounded(m.group(1), m.group(2));
                if (rounded != null) {
                    keys.add(rounded);
                }
            } else if (!nouns.contains(m.group())) {
                keys.addAll(keys(m.group()));
            }
        }
    }

    /**
     * The whole number closest to a decimal of two or more integer digits ("50,2 %" is also {@code #50}, "34.5 %" also
     * {@code #35}), because one outlet writes the exact share or toll and another the rounded one. Small decimals (a
     * rate of 3.75, a magnitude of 5.9) are told apart by their decimals and get no rounded key.
     */
    private static String rounded(String whole, String fraction) {
        String integer = whole.replaceFirst("^0+(?=\\d)", "");
        if (integer.length() < 2 || integer.length() > 9 || fraction.replaceFirst("0+$", "").isEmpty()) {
            return null;
        }
        long value = Long.parseLong(integer) + (fraction.charAt(0) >= '5' ? 1 : 0);
        return "#" + value;
    }

    /**
     * The capitalised tokens of a German text that stand where a common noun stands and never where a name does; empty
     * for other languages. A token after an article, a possessive or demonstrative, a numeral or a lower-case word with
     * an adjective ending stands for a noun ("der Waldbrand", "vier Menschen", "russischen Angriff"); one after a
     * preposition or a conjunction ("in Charkiw", "Israel und Hamas"), after a capitalised word ("Gouverneur
     * Synjehubow") or before one ("Tom Fletcher") for a name. Tokens that open a sentence, are part of a hyphenated
     * compound or follow a verb say nothing; acronyms are always names.
     */
    static Set<String> commonNouns(String title, String body, String language) {
        if (!"de".equals(language)) {
            return Set.of();
        }
        Set<String> nouns = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String text : new String[]{title, body}) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            text = THOUSANDS.matcher(text).replaceAll("");
            List<int[]> spans = new ArrayList<>();
            Matcher m = GERMAN_TOKEN.matcher(text);
            while (m.find()) {
                spans.add(new int[]{m.start(), m.end()});
            }
            for (int i = 0; i < spans.size(); i++) {
                String token = text.substring(spans.get(i)[0], spans.get(i)[1]);
                if (!Character.isUpperCase(token.charAt(0)) || isAcronym(token)
                        || GERMAN_NAMES_WITH_ARTICLE.contains(token)) {
                    continue;
                }
                String before = i == 0 ? "" : text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
                String after = i + 1 == spans.size() ? "." : text.substring(spans.get(i)[1], spans.get(i + 1)[0]);
                if (i == 0 || SENTENCE_BREAK.matcher(before).find() || before.endsWith("-")
                        || after.startsWith("-")) {
                    continue;
                }
                String previous = text.substring(spans.get(i - 1)[0], spans.get(i - 1)[1]);
                boolean nextIsCapitalised = after.isBlank()
                        && Character.isUpperCase(text.charAt(spans.get(i + 1)[0]));
                if (nextIsCapitalised || Character.isUpperCase(previous.charAt(0))
                        || GERMAN_BEFORE_NAMES.contains(previous)) {
                    names.add(token);
                } else if (standsForNoun(previous)) {
                    nouns.add(token);
                }
            }
        }
        nouns.removeAll(names);
        return nouns;
    }

    private static boolean standsForNoun(String previous) {
        if (Character.isDigit(previous.charAt(0))) {
            return true;
        }
        String lower = previous.toLowerCase(Locale.ROOT);
        if (GERMAN_DETERMINERS.contains(lower)) {
            return true;
        }
        return Character.isLowerCase(previous.charAt(0)) && previous.length() >= 4
                && GERMAN_ADJECTIVE_ENDING.matcher(lower).find() && !GERMAN_NOT_ADJECTIVES.contains(lower);
    }

    private static boolean isAcronym(String token) {
        int upper = 0;
        for (int i = 0; i < token.length(); i++) {
            if (Character.isUpperCase(token.charAt(i)) || Character.isDigit(token.charAt(i))) {
                upper++;
            }
        }
        return upper >= 2;
    }

    /**
     * The keys of one token: none when it is not entity-like, one usually, and for a Cyrillic adjective formed from a
     * name ("Харківської", "Чорнобильська") also the keys of the name it is formed from, because Latin scripts say
     * "Kharkiv region" where Ukrainian and Russian say "Kharkivian".
     */
    static List<String> keys(String token) {
        String key = key(token);
        if (key == null) {
            return List.of();
        }
        Matcher adjective = CYRILLIC_ADJECTIVE.matcher(token.toLowerCase(Locale.ROOT));
        if (!adjective.matches()) {
            return List.of(key);
        }
        List<String> keys = new ArrayList<>(3);
        keys.add(key);
        String stem = adjective.group(1);
        for (String name : List.of(stem, stem.endsWith("с") ? stem.substring(0, stem.length() - 1) : stem)) {
            String entity = name.length() >= 3 ? Gazetteer.entity(name) : null;
            String nameKey = entity != null
                    ? (Gazetteer.isActor(entity) ? "" : entityKey(entity))
                    : name.length() >= 3 ? skeleton(Transliteration.toLatin(name)) : "";
            if (nameKey.length() >= 2 && !keys.contains(nameKey)) {
                keys.add(nameKey);
            }
        }
        return keys;
    }

    /**
     * The key of one token, or null when the token is not entity-like. A name listed in the {@link Gazetteer} has the
     * key of its entity ("Lüttich" that of "Liège", "ФРС" that of "Fed"); an acronym entity is its own key ("США" and
     * "USA" are {@code US}), which no skeleton can be since skeletons are lower-case.
     */
    static String key(String token) {
        char first = token.charAt(0);
        if (Character.isDigit(first)) {
            if (token.length() < 2 || !token.chars().allMatch(Character::isDigit)) {
                return null;
            }
            String digits = token.replaceFirst("^0+(?=\\d)", "");
            return digits.length() < 2 ? null : "#" + digits;
        }
        if (!Character.isUpperCase(first) || token.length() < 2) {
            return null;
        }
        String entity = Gazetteer.entity(token);
        if (entity != null) {
            return Gazetteer.isActor(entity) ? null : entityKey(entity);
        }
        return spelledKey(token);
    }

    private static String entityKey(String entity) {
        return Gazetteer.isAcronym(entity) ? entity : spelledKey(entity);
    }

    /** The key of a capitalised token from its spelling alone. */
    private static String spelledKey(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (STOPWORDS.contains(lower)) {
            return null;
        }
        if (Transliteration.isCyrillic(token.charAt(0))) {
            lower = cutCyrillicEnding(lower);
        }
        String skeleton = skeleton(Transliteration.toLatin(lower));
        return skeleton.length() < 2 ? null : skeleton;
    }

    /** "0,75" and "0.75" become {@code #0.75}; "2.50" becomes {@code #2.5}; "4.0" is just 4 and too short to keep. */
    private static String decimal(String whole, String fraction) {
        String integer = whole.replaceFirst("^0+(?=\\d)", "");
        String decimals = fraction.replaceFirst("0+$", "");
        if (decimals.isEmpty()) {
            return integer.length() < 2 ? null : "#" + integer;
        }
        return "#" + integer + "." + decimals;
    }

    /**
     * The content words of an article as keys marked {@link #CONTENT_PREFIX}: lower-case words of at least
     * {@value #MIN_CONTENT_LETTERS} letters that are not function words, reduced to the first
     * {@value #CONTENT_KEY_LETTERS} letters of their consonant skeleton.
     *
     * <p>
     * Names say who and where; these words say what happened: "fined" against "investigation", "women" against "men",
     * "warplanes struck" against "missile hit". The short skeleton merges inflections ("strike", "strikes", "struck")
     * and some cognates across scripts ("кібератака", "cyberattack"), at the price of collisions that the rarity
     * weighting absorbs. Capitalised words are left to {@link #of(String, String)}.
     */
    public static Set<String> contentWords(String title, String body) {
        return contentWords(title, body, null);
    }

    /**
     * {@link #contentWords(String, String)} for an article in the given language; in German the capitalised common
     * nouns that {@link #of(String, String, String)} does not read as names are content words too ("Waldbrand",
     * "Stahlimporte").
     */
    public static Set<String> contentWords(String title, String body, String language) {
        Set<String> nouns = commonNouns(title, body, language);
        Set<String> keys = new LinkedHashSet<>();
        collectContent(title, nouns, keys);
        collectContent(body, nouns, keys);
        return keys;
    }

    /** Whether the key is a content word ({@link #contentWords(String, String)}) rather than a name. */
    public static boolean isContentWord(String key) {
        return key.startsWith(CONTENT_PREFIX);
    }

    /** The content-word key of one lower-case token, or null when the token is too short or a function word. */
    static String contentKey(String token) {
        if (token.length() < MIN_CONTENT_LETTERS || !Character.isLowerCase(token.charAt(0))
                || STOPWORDS.contains(token) || CONTENT_STOPWORDS.contains(token)) {
            return null;
        }
        String word = token;
        if (Transliteration.isCyrillic(word.charAt(0))) {
            word = cutCyrillicEnding(word);
        } else {
            for (String suffix : LATIN_SUFFIXES) {
                if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                    word = word.substring(0, word.length() - suffix.length());
                    break;
                }
            }
        }
        String skeleton = skeleton(Transliteration.toLatin(word));
        if (skeleton.length() < 2) {
            return null;
        }
        return CONTENT_PREFIX + skeleton.substring(0, Math.min(CONTENT_KEY_LETTERS, skeleton.length()));
    }

    private static void collectContent(String text, Set<String> nouns, Set<String> keys) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            String key = contentKey(nouns.contains(word) ? word.toLowerCase(Locale.GERMAN) : word);
            if (key != null) {
                keys.add(key);
            }
        }
    }

    /**
     * Whether the key stands for a generic institutional or news word ("Bank", "Governor", "Prozent", "Президент")
     * rather than a name. Such words are capitalised in titles, in German, and inside names ("Bank of Japan", "Bank of
     * England"), so they look like entities, but two reports sharing them say little about being the same development.
     * Weighting by rarity cannot tell this while few stories are live, hence the fixed list.
     */
    public static boolean isGeneric(String key) {
        return GENERIC.contains(key);
    }

    private static String cutCyrillicEnding(String word) {
        for (String ending : CYRILLIC_ENDINGS) {
            if (word.endsWith(ending) && word.length() - ending.length() >= 3) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    private static Set<String> genericKeys(List<String> words) {
        Set<String> keys = new java.util.HashSet<>();
        for (String word : words) {
            keys.addAll(keys(Character.toUpperCase(word.charAt(0)) + word.substring(1)));
        }
        return Set.copyOf(keys);
    }

    /** The consonant skeleton of a lower-case Latin word. */
    static String skeleton(String latin) {
        String w = latin.replace("tsch", "h")
                .replace("sch", "s")
                // French writes ч as "tch" ("Tchernobyl", "Kamtchatka") where English writes "ch"
                .replace("tch", "h")
                .replace("kh", "h")
                .replace("ch", "h")
                .replace("ph", "f")
                .replace("sh", "s")
                .replace("zh", "s")
                .replace("ts", "s")
                .replace("tz", "s")
                .replace("ck", "k")
                .replace("qu", "k")
                .replace("x", "ks");
        StringBuilder out = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c >= 'a' && c <= 'z')) {
                continue;
            }
            char mapped = switch (c) {
                case 'a', 'e', 'i', 'o', 'u', 'y', 'j' -> out.length() == 0 ? 'a' : 0;
                case 'c', 'q' -> 'k';
                // Russian and Ukrainian write a foreign h as г ("Гамбург", "Гаага"), which reads as g
                case 'g' -> 'h';
                case 'z' -> 's';
                case 'w', 'f' -> 'v';
                default -> c;
            };
            if (mapped == 0) {
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) == mapped) {
                continue;
            }
            out.append(mapped);
        }
        return out.toString();
    }
}
