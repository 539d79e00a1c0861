package io.newshound.ingest.config;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.newshound.ingest.normalize.LanguageGuess;
import io.newshound.platform.outbound.TargetGuard;
import io.quarkus.arc.DefaultBean;

/** Shared building blocks: the clock the service reads time from (tests may replace it) and the language detector. */
public class SharedBeans {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Which hosts feeds may be registered at and fetched from: public addresses, plus the configured exceptions. */
    @Produces
    @ApplicationScoped
    TargetGuard feedTargets(IngestConfig config) {
        return TargetGuard.withSystemDns(config.feeds().allowedHosts().orElse(Set.of()));
    }

    /** The detector loads its language models on first use, once per service. */
    @Produces
    @ApplicationScoped
    LanguageGuess languageGuess() {
        return new LanguageGuess();
    }
}
