package io.newshound.classifier.classification;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.classifier.config.ClassifierConfig;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomySource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Classifies articles with the current taxonomy and the bundled decision model, and swaps in a new taxonomy on reload
 * (the decision model stays: its features do not depend on the rules; retrain it after changing them, see the README).
 * A taxonomy that does not parse, validate or compile is rejected and the previous one keeps serving.
 */
@Startup
@ApplicationScoped
public class Classifier {

    private final ClassifierConfig config;
    private final TaxonomySource source;
    private final AtomicReference<TaxonomyEngine> engine = new AtomicReference<>();

    public Classifier(ClassifierConfig config, MeterRegistry registry) {
        this.config = config;
        this.source = new TaxonomySource(config.taxonomy().path());
        TaxonomyEngine initial = TaxonomyEngine.compile(source.read());
        engine.set(initial);
        Log.infof("Taxonomy %s loaded with %d rules; decision model %s", initial.taxonomy().version(),
                initial.ruleCount(), initial.model() == null ? "none (rule score decides)" : initial.model().version());
        registry.gauge("newshound.classifier.taxonomy.rules", engine, e -> e.get().ruleCount());
    }

    /**
     * Classifies an article.
     *
     * @param language
     *            declared language, may be null; detected when absent
     */
    public Classification classify(String title, String body, String language) {
        TaxonomyEngine current = engine.get();
        String version = current.taxonomy().version();
        Optional<String> resolved = ArticleLanguage.resolve(language, title, body);
        if (resolved.isEmpty()) {
            return new Classification(language, version, config.version(), List.of());
        }
        return new Classification(resolved.get(), version, config.version(),
                current.classify(title, body, resolved.get()));
    }

    /** @return the taxonomy in use */
    public Taxonomy taxonomy() {
        return engine.get().taxonomy();
    }

    /** @return how many rules the taxonomy in use compiled to */
    public int ruleCount() {
        return engine.get().ruleCount();
    }

    /** @return the version of the classification logic */
    public String classifierVersion() {
        return config.version();
    }

    /**
     * Reads the taxonomy again and installs it.
     *
     * @return the taxonomy now in use
     * @throws io.newshound.classifier.taxonomy.TaxonomyException
     *             when the new taxonomy is rejected; the previous one stays
     */
    public Taxonomy reload() {
        return install(source.read());
    }

    /**
     * Compiles and installs a taxonomy.
     *
     * @throws io.newshound.classifier.taxonomy.TaxonomyException
     *             when it does not compile; the previous one stays
     */
    public Taxonomy install(Taxonomy taxonomy) {
        TaxonomyEngine next = TaxonomyEngine.compile(taxonomy);
        TaxonomyEngine previous = engine.getAndSet(next);
        Log.infof("Taxonomy %s installed with %d rules (was %s)", taxonomy.version(), next.ruleCount(),
                previous == null ? "none" : previous.taxonomy().version());
        return taxonomy;
    }

    /** @return the configured taxonomy source */
    public TaxonomySource source() {
        return source;
    }
}
