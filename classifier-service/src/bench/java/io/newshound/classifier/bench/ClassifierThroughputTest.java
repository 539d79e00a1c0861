package io.newshound.classifier.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link ClassifierThroughput} through the build, so that it works from a fresh clone:
 * {@code -Dnewshound.bench=SECONDS} per measurement. Skipped unless asked for; it prints numbers and asserts nothing
 * about speed.
 */
@EnabledIfSystemProperty(named = "newshound.bench", matches = "\\d+")
class ClassifierThroughputTest {

    @Test
    void printsThroughputAndMemory() throws Exception {
        ClassifierThroughput.main(new String[]{System.getProperty("newshound.bench")});
    }
}
