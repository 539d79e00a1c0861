package io.newshound.alert.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a report says its development happened (a city, a region, a plant, a port) and what it hit (a power plant, a
 * port, an apartment block), read from its title, or from its first sentence when the title names neither.
 *
 * <p>
 * Two strikes the same night reported by one outlet share a topic, a source, the attacker and most of their wording;
 * only the site and the target tell them apart. {@link #contradicts(EventSites)} says when two reports name different
 * sites and neither so much as mentions the other's: then they are two developments, however much else they share.
 * Places are compared by the key {@link KeyTerms} gives their names, so "Kharkiv", "Харкові" and "Charkiw" meet; the
 * places and the words for targets come from {@code event-sites.txt} next to this class.
 */
final class EventSites {

    private static final String RESOURCE = "event-sites.txt";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?:\\s|$)");

    /** Letters of a name, transliterated, that a word must begin with besides having its key. */
    private static final int PREFIX = 3;

    /** The names of places by their key. */
    private static final Map<String, List<PlaceName>> PLACES = new HashMap<>();
    /** Phrases naming a kind of target, by the first letter of their first word ('*' for those matching inside it). */
    private static final Map<Character, List<TargetPhrase>> TARGETS = new HashMap<>();

    private static final EventSites NONE = new EventSites(Set.of(), Set.of(), Set.of(), Set.of());

    static {
        InputStream in = EventSites.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String section = "";
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("## ")) {
                    section = line.substring(3).strip();
                    continue;
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("[|,]");
                String entity = parts[0].strip();
                for (int i = section.equals("Targets") ? 1 : 0; i < parts.length; i++) {
                    String name = parts[i].strip();
                    if (section.equals("Places")) {
                        addPlace(name, entity);
                    } else if (section.equals("Targets")) {
                        TargetPhrase phrase = new TargetPhrase(entity, List.of(name.split("\\s+")));
                        TARGETS.computeIfAbsent(phrase.patterns().get(0).charAt(0), c -> new ArrayList<>()).add(phrase);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Set<String> sitePlaces;
    private final Set<String> siteTargets;
    private final Set<String> mentionedPlaces;
    private final Set<String> mentionedTargets;

    private EventSites(Set<String> sitePlaces, Set<String> siteTargets, Set<String> mentionedPlaces,
            Set<String> mentionedTargets) {
        this.sitePlaces = sitePlaces;
        this.siteTargets = siteTargets;
        this.mentionedPlaces = mentionedPlaces;
        this.mentionedTargets = mentionedTargets;
    }

    /**
     * A name's longest word stands for it: "Kryvyi Rih" is known by "Kryvyi", "Ivano-Frankivsk" by "Frankivsk". A word
     * names the place when it has the key of that word and begins with the same letters: consonant skeletons are short,
     * and "Ryazan" and "Russian", "Rzeszow" and "RSF" have one skeleton each.
     */
    private static void addPlace(String name, String entity) {
        String longest = "";
        Matcher words = WORD.matcher(name);
        while (words.find()) {
            if (words.group().length() > longest.length()) {
                longest = words.group();
            }
        }
        for (String key : KeyTerms.keys(longest)) {
            PLACES.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new PlaceName(prefix(longest), entity));
        }
    }

    private static String prefix(String word) {
        String latin = Transliteration.toLatin(word);
        return latin.length() > PREFIX ? latin.substring(0, PREFIX) : latin;
    }

    /** The place a capitalised word names, or null. */
    private static String place(String word, String key) {
        List<PlaceName> names = PLACES.get(key);
        if (names == null) {
            return null;
        }
        String prefix = prefix(word);
        for (PlaceName name : names) {
            if (name.prefix().equals(prefix)) {
                return name.entity();
            }
        }
        return null;
    }

    /**
     * The sites an article names: in its title, or in its body's first sentence when the title names no place and no
     * target; and every place and target its title and body mention.
     */
    static EventSites ofArticle(String title, String body) {
        List<String> titleWords = words(title);
        List<String> bodyWords = words(body == null ? "" : body);
        Set<String> places = places(titleWords);
        Set<String> targets = targets(titleWords);
        if (places.isEmpty() && targets.isEmpty()) {
            List<String> lead = words(leadSentence(body == null ? "" : body));
            places = places(lead);
            targets = targets(lead);
        }
        Set<String> mentionedPlaces = new TreeSet<>(places(titleWords));
        mentionedPlaces.addAll(places(bodyWords));
        Set<String> mentionedTargets = new TreeSet<>(targets(titleWords));
        mentionedTargets.addAll(targets(bodyWords));
        return new EventSites(places, targets, mentionedPlaces, mentionedTargets);
    }

    /**
     * The sites of a story: those its headline names, and the places among its key terms as mentions. Targets the
     * story's other articles mention are not known here, so only the headline's count.
     */
    static EventSites ofStory(String headline, Collection<String> keyTerms) {
        return ofHeadline(headline).withKeyTerms(keyTerms);
    }

    /** The sites a story's headline names; the part of {@link #ofStory} that never changes, for caching. */
    static EventSites ofHeadline(String headline) {
        List<String> words = words(headline == null ? "" : headline);
        Set<String> places = places(words);
        Set<String> targets = targets(words);
        return places.isEmpty() && targets.isEmpty() ? NONE : new EventSites(places, targets, places, targets);
    }

    /** A report that names no site. */
    static EventSites none() {
        return NONE;
    }

    /** Whether a report names any site at all; one that names none can neither contradict nor agree. */
    boolean isKnown() {
        return !sitePlaces.isEmpty() || !siteTargets.isEmpty();
    }

    /** These headline sites, with the places among a story's key terms as mentions. */
    EventSites withKeyTerms(Collection<String> keyTerms) {
        if (!isKnown()) {
            return NONE;
        }
        Set<String> mentioned = new TreeSet<>(sitePlaces);
        for (String term : keyTerms) {
            // a key term is a skeleton without its word: it mentions a place when that is the only place with it
            List<PlaceName> names = PLACES.get(term);
            if (names != null && names.stream().map(PlaceName::entity).distinct().count() == 1) {
                mentioned.add(names.get(0).entity());
            }
        }
        return new EventSites(sitePlaces, siteTargets, mentioned, siteTargets);
    }

    /**
     * Whether two reports are of different developments by where they happened or what they hit: both name sites (of
     * the same sort: places, or targets), the sites differ, and neither report mentions the other's anywhere. A rewrite
     * or translation names the same place; a follow-up repeats it; a report of several places hit at once mentions them
     * all.
     */
    boolean contradicts(EventSites other) {
        return differ(sitePlaces, other.sitePlaces, mentionedPlaces, other.mentionedPlaces)
                || differ(siteTargets, other.siteTargets, mentionedTargets, other.mentionedTargets);
    }

    /**
     * Whether two reports name the same site in full: a place in common and a kind of target in common ("ТЕЦ у Харкові"
     * and "Kharkiv thermal power plant").
     */
    boolean agrees(EventSites other) {
        return !Collections.disjoint(sitePlaces, other.sitePlaces)
                && !Collections.disjoint(siteTargets, other.siteTargets);
    }

    private static boolean differ(Set<String> sites, Set<String> otherSites, Set<String> mentioned,
            Set<String> otherMentioned) {
        return !sites.isEmpty() && !otherSites.isEmpty() && Collections.disjoint(sites, otherMentioned)
                && Collections.disjoint(otherSites, mentioned);
    }

    /** Places named as sites, by their first listed name. */
    Set<String> places() {
        return sitePlaces;
    }

    /** Kinds of target named as sites. */
    Set<String> targets() {
        return siteTargets;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static String leadSentence(String body) {
        Matcher end = SENTENCE_END.matcher(body);
        return end.find() ? body.substring(0, end.start()) : body;
    }

    private static Set<String> places(List<String> words) {
        Set<String> places = new TreeSet<>();
        for (String word : words) {
            if (!Character.isUpperCase(word.charAt(0)) || Gazetteer.isCapitals(word)) {
                continue;
            }
            for (String key : KeyTerms.keys(word)) {
                String place = place(word, key);
                if (place != null) {
                    places.add(place);
                }
            }
        }
        return places;
    }

    private static Set<String> targets(List<String> words) {
        if (words.isEmpty()) {
            return Set.of();
        }
        List<String> lower = new ArrayList<>(words.size());
        words.forEach(word -> lower.add(word.toLowerCase(Locale.ROOT)));
        Set<String> kinds = new TreeSet<>();
        List<TargetPhrase> inner = TARGETS.getOrDefault('*', List.of());
        for (int start = 0; start < lower.size(); start++) {
            // only phrases whose first word can match here: those beginning with this word's letter, and compounds
            for (List<TargetPhrase> phrases : List.of(TARGETS.getOrDefault(lower.get(start).charAt(0), List.of()),
                    inner)) {
                for (TargetPhrase phrase : phrases) {
                    if (!kinds.contains(phrase.kind()) && phrase.occursAt(lower, start)) {
                        kinds.add(phrase.kind());
                    }
                }
            }
        }
        return kinds;
    }

    /** One name of a place: the letters it begins with, and the place. */
    private record PlaceName(String prefix, String entity) {
    }

    /** A phrase naming a kind of target: its words match consecutive words of a text. */
    private record TargetPhrase(String kind, List<String> patterns) {

        boolean occursAt(List<String> words, int start) {
            if (start + patterns.size() > words.size()) {
                return false;
            }
            for (int i = 0; i < patterns.size(); i++) {
                if (!matches(patterns.get(i), words.get(start + i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean matches(String pattern, String word) {
            boolean open = pattern.endsWith("*");
            boolean inner = open && pattern.startsWith("*") && pattern.length() > 2;
            if (inner) {
                return word.contains(pattern.substring(1, pattern.length() - 1));
            }
            if (open) {
                return word.startsWith(pattern.substring(0, pattern.length() - 1));
            }
            return word.equals(pattern) || word.equals(pattern + "s");
        }
    }
}
