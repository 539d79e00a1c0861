package io.newshound.ingest.article;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.newshound.platform.problem.ProblemException;

/** Newsrooms submit articles here; each accepted one enters the pipeline once. */
@Path("/api/v1/articles")
@Tag(name = "Articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private final ArticleService articles;

    public ArticleResource(ArticleService articles) {
        this.articles = articles;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one article", description = "201 for a new article, 200 for a duplicate or an update "
            + "of an article already received (same URL, changed text: published again as its next revision).")
    public Response submit(@Valid @NotNull ArticleSubmission submission) {
        ArticleReceipt receipt = articles.submit(submission);
        if (receipt.outcome() == ArticleReceipt.Outcome.created) {
            return Response.created(URI.create("/api/v1/articles/" + receipt.id())).entity(receipt).build();
        }
        return Response.ok(receipt).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an article at its latest revision")
    public ArticleView get(@PathParam("id") UUID id) {
        return articles.find(id).orElseThrow(() -> ProblemException.notFound("Article", id));
    }
}
