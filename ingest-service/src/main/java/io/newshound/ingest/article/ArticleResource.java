package io.newshound.ingest.article;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.ingest.access.Role;
import io.newshound.ingest.idempotency.IdempotencyKeys;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/** Newsrooms submit articles here; each accepted one enters the pipeline once. */
@Path("/api/v1/articles")
@Tag(name = "Articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private static final int MAX_PAGE = 500;

    private final ArticleService articles;
    private final ArticleBatches batches;
    private final IdempotencyKeys idempotency;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public ArticleResource(ArticleService articles, ArticleBatches batches, IdempotencyKeys idempotency,
            ObjectMapper json, SecurityIdentity caller) {
        this.articles = articles;
        this.batches = batches;
        this.idempotency = idempotency;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Submit one article", description = "201 for a new article, 200 for a duplicate or an update "
            + "of an article already received (same URL, changed text: published again as its next revision). With an "
            + "Idempotency-Key header, a retried request gets the first answer back (header Idempotent-Replayed: "
            + "true) and changes nothing; the same key with a different body is refused with 422.")
    public Response submit(@Valid @NotNull ArticleSubmission submission,
            @HeaderParam("Idempotency-Key") String idempotencyKey) throws JsonProcessingException {
        if (idempotencyKey == null) {
            return answer(articles.submit(submission));
        }
        String scope = caller.getPrincipal().getName();
        var replay = idempotency.begin(scope, idempotencyKey, json.writeValueAsString(submission));
        if (replay.isPresent()) {
            Response.ResponseBuilder r = Response.status(replay.get().status()).entity(replay.get().body())
                    .type(MediaType.APPLICATION_JSON).header("Idempotent-Replayed", "true");
            if (replay.get().status() == 201) {
                r.location(location(json.readTree(replay.get().body()).path("id").asText()));
            }
            return r.build();
        }
        ArticleReceipt receipt;
        try {
            receipt = articles.submit(submission);
        } catch (RuntimeException e) {
            idempotency.abandon(scope, idempotencyKey);
            throw e;
        }
        Response response = answer(receipt);
        idempotency.complete(scope, idempotencyKey, response.getStatus(), json.writeValueAsString(receipt));
        return response;
    }

    private static Response answer(ArticleReceipt receipt) {
        if (receipt.outcome() == ArticleReceipt.Outcome.created) {
            return Response.created(location(receipt.id().toString())).entity(receipt).build();
        }
        return Response.ok(receipt).build();
    }

    private static URI location(String id) {
        return URI.create("/api/v1/articles/" + id);
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.INGEST)
    @Operation(summary = "Submit a batch of articles", description = "Each article is accepted, recognised as a "
            + "duplicate or rejected on its own. With an Idempotency-Key header, a retried request gets the first "
            + "answer back (header Idempotent-Replayed: true) and changes nothing.")
    public Response submitBatch(@NotNull BatchSubmission batch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) throws JsonProcessingException {
        if (idempotencyKey == null) {
            return Response.ok(batches.submit(batch)).build();
        }
        String scope = caller.getPrincipal().getName();
        var replay = idempotency.begin(scope, idempotencyKey, json.writeValueAsString(batch));
        if (replay.isPresent()) {
            return Response.status(replay.get().status()).entity(replay.get().body())
                    .type(MediaType.APPLICATION_JSON).header("Idempotent-Replayed", "true").build();
        }
        BatchReceipt receipt;
        try {
            receipt = batches.submit(batch);
        } catch (RuntimeException e) {
            idempotency.abandon(scope, idempotencyKey);
            throw e;
        }
        idempotency.complete(scope, idempotencyKey, 200, json.writeValueAsString(receipt));
        return Response.ok(receipt).build();
    }

    @GET
    @RolesAllowed({Role.READ, Role.INGEST})
    @Operation(summary = "List received articles, newest first", description = "Filters combine; pass nextCursor "
            + "from a page as cursor to get the next one.")
    public ArticlePage list(@QueryParam("source") String source, @QueryParam("language") String language,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Parameter(description = "page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) String limit) {
        return articles.list(new ArticleFilter(source, language, instant("since", since), instant("until", until)),
                cursor, pageSize(limit));
    }

    /**
     * Parsed here rather than by JAX-RS, which answers a query parameter it cannot convert with 404 as if the resource
     * did not exist.
     */
    private static int pageSize(String value) {
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + MAX_PAGE);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalidField("limit", "must be from 1 to " + MAX_PAGE);
        }
        return limit;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.READ, Role.INGEST})
    @Operation(summary = "Read an article at its latest revision")
    public ArticleView get(@PathParam("id") UUID id) {
        return articles.find(id).orElseThrow(() -> ProblemException.notFound("Article", id));
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw ProblemException.invalidField(name, "must be an ISO-8601 instant such as 2026-11-26T08:00:00Z");
        }
    }
}
