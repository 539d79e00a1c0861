package io.newshound.classifier.classification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** Classifies an article on demand and explains the result, without publishing anything. */
@Path("/api/v1/classify")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClassifyResource {

    private final Classifier classifier;

    public ClassifyResource(Classifier classifier) {
        this.classifier = classifier;
    }

    @POST
    @Operation(summary = "Classify an article and show the evidence for each topic")
    public Classification classify(
            @NotNull(message = "a JSON body with title and body is required") @Valid ClassifyRequest request) {
        return classifier.classify(request.title(), request.body(), request.language());
    }
}
