package io.newshound.classifier.classification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.newshound.classifier.config.ClassifierConfig;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomyException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Reloads an external taxonomy file when it changes (polling its modification time, which also works on mounted config
 * maps where file events are unreliable). A rejected file is logged and the current taxonomy stays.
 */
@ApplicationScoped
public class TaxonomyWatcher {

    private final Classifier classifier;
    private final ClassifierConfig config;
    private ScheduledExecutorService executor;
    private volatile FileTime lastSeen;

    public TaxonomyWatcher(Classifier classifier, ClassifierConfig config) {
        this.classifier = classifier;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.taxonomy().path().isEmpty() || !config.taxonomy().watch()) {
            return;
        }
        Path path = config.taxonomy().path().get();
        lastSeen = modified(path);
        long every = config.taxonomy().watchInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taxonomy-watcher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> check(path), every, every, TimeUnit.MILLISECONDS);
        Log.infof("Watching taxonomy file %s every %d ms", path, every);
    }

    void check(Path path) {
        FileTime now = modified(path);
        if (now == null || now.equals(lastSeen)) {
            return;
        }
        lastSeen = now;
        try {
            Taxonomy t = classifier.reload();
            Log.infof("Taxonomy file %s changed; now serving %s", path, t.version());
        } catch (TaxonomyException e) {
            Log.errorf("Taxonomy file %s changed but was rejected, keeping %s: %s", path,
                    classifier.taxonomy().version(), e.violations());
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
