package io.newshound.classifier.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.newshound.classifier.classification.Classifier;
import io.newshound.classifier.taxonomy.Taxonomy;

/**
 * Ready while a taxonomy with rules is installed: a classifier without rules would publish every article with no topic
 * and nobody would notice. Reports which taxonomy serves, so an operator sees whether a reload took.
 */
@Readiness
@ApplicationScoped
public class TaxonomyReadiness implements HealthCheck {

    private final Classifier classifier;

    public TaxonomyReadiness(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public HealthCheckResponse call() {
        Taxonomy taxonomy = classifier.taxonomy();
        int rules = classifier.ruleCount();
        return HealthCheckResponse.named("taxonomy").status(rules > 0 && !taxonomy.topics().isEmpty())
                .withData("version", taxonomy.version())
                .withData("topics", taxonomy.topics().size())
                .withData("rules", rules)
                .withData("source", classifier.source().external().map(Object::toString).orElse("bundled"))
                .build();
    }
}
