package io.newshound.classifier.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the classifier: where the taxonomy comes from and how outputs are labelled. */
@ConfigMapping(prefix = "newshound.classifier")
public interface ClassifierConfig {

    /**
     * Version of the classification logic, written into every output next to the taxonomy version. Part of the
     * deterministic event id, so bump it when the engine changes how it scores.
     */
    @WithDefault("0.2.0")
    String version();

    /**
     * Topic that receives consumed records the classifier cannot process (not JSON, missing required fields), written
     * in the same Kafka transaction as the offsets.
     */
    @WithDefault("news.articles.v1.dlq")
    String deadLetterTopic();

    /** Taxonomy settings. */
    TaxonomySource taxonomy();

    /** Who may change the service at runtime. */
    Security security();

    /** Keys of the classifier. */
    interface Security {
        /**
         * The administrator's API key (env {@code NEWSHOUND_CLASSIFIER_SECURITY_ADMIN_KEY}), required to reload the
         * taxonomy. Without it the taxonomy can only change by its watched file or a restart.
         */
        Optional<String> adminKey();
    }

    /** Where the taxonomy is read from. */
    interface TaxonomySource {

        /**
         * External taxonomy YAML file. When set it replaces the bundled {@code taxonomy/taxonomy.yaml} and reloads read
         * it again; when absent the bundled file is used.
         */
        Optional<Path> path();

        /** Poll the external file for changes and reload it when its modification time moves. */
        @WithDefault("true")
        boolean watch();

        /** How often the external file is checked for changes. */
        @WithDefault("10s")
        Duration watchInterval();
    }
}
