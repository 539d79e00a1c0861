package io.newshound.alert.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A word list of {@link KeyTerms}, read from {@code words/<name>.txt} next to this class: words separated by white
 * space, {@code #} starting a comment line (each language's words under a heading).
 */
final class WordList {

    private WordList() {
    }

    /** @return the words of the list, in file order */
    static List<String> read(String name) {
        String resource = "words/" + name + ".txt";
        InputStream in = WordList.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the class path");
        }
        List<String> words = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.addAll(List.of(line.split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " unreadable", e);
        }
        return words;
    }
}
