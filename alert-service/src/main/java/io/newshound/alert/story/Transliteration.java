package io.newshound.alert.story;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic Cyrillic to Latin transliteration (Ukrainian and Russian letters in one table), followed by
 * lower-casing and removal of diacritics, so that names written in different scripts can be compared.
 */
public final class Transliteration {

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(Map.entry('а', "a"), Map.entry('б', "b"),
            Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('ґ', "g"), Map.entry('д', "d"), Map.entry('е', "e"),
            Map.entry('ё', "yo"), Map.entry('є', "ye"), Map.entry('ж', "zh"), Map.entry('з', "z"),
            Map.entry('и', "i"), Map.entry('і', "i"), Map.entry('ї', "yi"), Map.entry('й', "y"), Map.entry('к', "k"),
            Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"), Map.entry('п', "p"),
            Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"), Map.entry('ф', "f"),
            Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ш', "sh"),
            Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"),
            Map.entry('ю', "yu"), Map.entry('я', "ya"), Map.entry('\'', ""), Map.entry('’', ""));

    private Transliteration() {
    }

    /**
     * Lower-cases the text, writes Cyrillic letters in Latin and strips diacritics ("Київ" becomes "kyiv", "Zürich"
     * becomes "zurich"). Characters outside both scripts pass through lower-cased.
     */
    public static String toLatin(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() + 8);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String latin = CYRILLIC.get(c);
            out.append(latin != null ? latin : String.valueOf(c));
        }
        String decomposed = Normalizer.normalize(out, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }

    /** Whether the character is a Cyrillic letter. */
    public static boolean isCyrillic(char c) {
        return Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC;
    }
}
