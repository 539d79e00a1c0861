package io.newshound.classifier.classification;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newshound.classifier.access.AdminIdentityProvider;
import io.newshound.classifier.taxonomy.Taxonomy;

/** Shows the taxonomy in use and reloads it. */
@Path("/api/v1/taxonomy")
@Produces(MediaType.APPLICATION_JSON)
public class TaxonomyResource {

    private final Classifier classifier;

    public TaxonomyResource(Classifier classifier) {
        this.classifier = classifier;
    }

    /** Summary of a taxonomy: its version and its topics. */
    public record TaxonomySummary(String version, List<TopicSummary> topics) {
        static TaxonomySummary of(Taxonomy t) {
            return new TaxonomySummary(t.version(),
                    t.topics().stream().map(topic -> new TopicSummary(topic.slug(), topic.label(),
                            topic.thresholdOrDefault(), topic.cameo(), topic.gdeltThemes(),
                            topic.rules().keySet().stream().sorted().toList())).toList());
        }
    }

    /** A topic of the summary. */
    public record TopicSummary(String slug, String label, double threshold, List<String> cameo,
            List<String> gdeltThemes, List<String> languages) {
    }

    @GET
    @Operation(summary = "The taxonomy in use")
    public TaxonomySummary current() {
        return TaxonomySummary.of(classifier.taxonomy());
    }

    @POST
    @Path("/reload")
    @RolesAllowed(AdminIdentityProvider.ADMIN)
    @Operation(summary = "Read the taxonomy again; an invalid one is rejected and the current one keeps serving", description = "Needs the administrator key (X-Api-Key or Authorization: Bearer).")
    public TaxonomySummary reload() {
        return TaxonomySummary.of(classifier.reload());
    }
}
