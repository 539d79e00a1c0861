package io.newshound.alert.story;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GazetteerTest {

    @Test
    void givesEveryListedNameTheKeyOfItsEntity() throws IOException {
        List<String[]> entries = entries();

        assertThat(entries).hasSizeBetween(50, 300);
        for (String[] names : entries) {
            String entity = names[0].strip();
            String key = KeyTerms.key(entity);
            if (Gazetteer.isActor(entity)) {
                assertThat(key).as(entity).isNull();
            } else {
                // a key of one letter would be dropped, and with it every name of the entity
                assertThat(key).as(entity).isNotNull().hasSizeGreaterThanOrEqualTo(2);
            }
            for (String name : names) {
                assertThat(KeyTerms.key(name.strip())).as(name).isEqualTo(key);
            }
        }
    }

    @Test
    void readsAcronymsOnlyInCapitals() {
        assertThat(Gazetteer.entity("USA")).isEqualTo("US");
        assertThat(Gazetteer.entity("Usa")).isNull();
        assertThat(Gazetteer.entity("ФРС")).isEqualTo("Fed");
        assertThat(Gazetteer.entity("Фрс")).isNull();
    }

    @Test
    void leavesShortCyrillicNamesWhole() {
        // "Крым" is not cut to "кр", so it does not meet whatever else starts with those letters
        assertThat(Gazetteer.entity("Крым")).isEqualTo("Crimea");
        assertThat(Gazetteer.entity("Крымом")).isEqualTo("Crimea");
        assertThat(Gazetteer.entity("Кран")).isNull();
    }

    private static List<String[]> entries() throws IOException {
        try (InputStream in = Gazetteer.class.getResourceAsStream("gazetteer.txt")) {
            assertThat(in).isNotNull();
            List<String[]> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.split("[|,]"));
                }
            }
            return entries;
        }
    }
}
