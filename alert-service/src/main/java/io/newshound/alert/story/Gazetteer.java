package io.newshound.alert.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Well-known names that the five supported languages spell too differently for a consonant skeleton to match: exonyms
 * ("Lüttich" and "Liège", "Russland" and "Russia"), and acronyms across scripts ("ФРС" and "Fed", "ЕС" and "EU"). Each
 * name leads to the first name of its entity, read from {@code gazetteer.txt} next to this class.
 */
final class Gazetteer {

    private static final String RESOURCE = "gazetteer.txt";
    /** Russian and Ukrainian case endings with a consonant: "Мюнхеном", "Римом", "Афинах". */
    private static final Pattern CYRILLIC_CASE_ENDING = Pattern.compile("(?:[аеёоуыэияюіїє]{1,2}[мх]|ми)$");
    /** Vowels and soft signs that end a Russian or Ukrainian name in most of its cases: "Валенсия", "Валенсии". */
    private static final Pattern CYRILLIC_VOWEL_ENDING = Pattern.compile("[аеёоуыэияюіїєйь]+$");
    /** Shortest stem a Cyrillic name is cut to: "Крым" stays "крым". */
    private static final int MIN_STEM = 3;

    private static final Map<String, String> ACRONYMS = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Set<String> ACTORS = new HashSet<>();

    static {
        InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean actors = false;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("## ")) {
                    actors = line.startsWith("## Actors");
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] names = line.split("[|,]");
                String entity = names[0].strip();
                if (actors) {
                    ACTORS.add(entity);
                }
                for (String name : names) {
                    add(name.strip(), entity);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Gazetteer() {
    }

    private static void add(String name, String entity) {
        boolean acronym = isCapitals(name);
        String previous = acronym ? ACRONYMS.put(name, entity) : NAMES.put(form(name), entity);
        if (previous != null && !previous.equals(entity)) {
            throw new IllegalStateException(RESOURCE + ": " + name + " names both " + previous + " and " + entity);
        }
    }

    /**
     * The first name of the entity a token names ("Lüttich", "Liege" and "Льежа" give "Liège", "США" gives "US"), or
     * null when the token is no name listed here. A token in capitals is looked up as an acronym first.
     */
    static String entity(String token) {
        if (isCapitals(token)) {
            String entity = ACRONYMS.get(token);
            if (entity != null) {
                return entity;
            }
        }
        String form = form(token);
        String entity = NAMES.get(form);
        if (entity == null && form.length() > 4 && form.endsWith("s") && !Transliteration.isCyrillic(token.charAt(0))) {
            // the German genitive: "Liguriens", "Russlands"
            entity = NAMES.get(form.substring(0, form.length() - 1));
        }
        return entity;
    }

    /**
     * Whether the entity takes part in too many unrelated developments to tell them apart ("EU", "UN", "Kremlin"): two
     * reports sharing it are no more likely the same development, and across languages it would meet every report of
     * the same actor.
     */
    static boolean isActor(String entity) {
        return ACTORS.contains(entity);
    }

    /** Whether the entity is an acronym, which is its own key. */
    static boolean isAcronym(String entity) {
        return isCapitals(entity);
    }

    /** Lower case without diacritics; a Cyrillic name cut to the stem its case forms share. */
    private static String form(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('ё', 'е');
        if (!name.isEmpty() && Transliteration.isCyrillic(name.charAt(0))) {
            String stem = cut(CYRILLIC_CASE_ENDING, lower);
            return cut(CYRILLIC_VOWEL_ENDING, stem);
        }
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) > 127) {
                return Transliteration.toLatin(lower);
            }
        }
        // most names are plain ASCII: no diacritics to strip
        return lower;
    }

    private static String cut(Pattern ending, String word) {
        String cut = ending.matcher(word).replaceFirst("");
        return cut.length() >= MIN_STEM ? cut : word;
    }

    /** Whether every letter of a token of two or more letters is a capital ("US", "США"). */
    static boolean isCapitals(String token) {
        if (token.length() < 2) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isUpperCase(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
