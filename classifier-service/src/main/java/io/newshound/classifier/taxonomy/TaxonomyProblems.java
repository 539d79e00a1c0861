package io.newshound.classifier.taxonomy;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newshound.platform.problem.Problem;

/** A rejected taxonomy is answered with every violation named; the previous taxonomy keeps serving. */
public class TaxonomyProblems {

    static final String INVALID_TAXONOMY = "https://newshound.io/problems/invalid-taxonomy";

    @ServerExceptionMapper
    public Response invalidTaxonomy(TaxonomyException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new Problem(INVALID_TAXONOMY, "Taxonomy rejected; the previous taxonomy keeps serving", 422,
                        e.getMessage(), uri.getPath(), errors))
                .build();
    }
}
