package io.newshound.alert.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.matching.MatchedTerm;
import io.newshound.alert.thread.AlertDetail;
import io.newshound.alert.thread.AlertQueries;
import io.newshound.alert.thread.MutedStories;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * An alert's thread: the story, each revision with its articles, each matched topic with its score, evidence and
 * CAMEO/GDELT codes, the keyword query's hits marked in the headlines; and muting the story for the subscription.
 */
@Path(ConsoleSessionMechanism.PATH + "/alerts/{id}")
public class ThreadPages {

    private final ConsoleUser user;
    private final AlertQueries alerts;
    private final MutedStories muted;
    private final TopicCatalogue catalogue;
    private final MatchedTerms matchedTerms;
    private final ErrorPages errors;
    private final Template page;

    public ThreadPages(ConsoleUser user, AlertQueries alerts, MutedStories muted, TopicCatalogue catalogue,
            MatchedTerms matchedTerms, ErrorPages errors, @Location("console/thread.html") Template page) {
        this.user = user;
        this.alerts = alerts;
        this.muted = muted;
        this.catalogue = catalogue;
        this.matchedTerms = matchedTerms;
        this.errors = errors;
        this.page = page;
    }

    /** An article of the thread, its headline cut for highlighting. */
    public record ArticleRow(UUID id, List<Highlights.Piece> title, String url, String source, String language,
            String publishedAt, List<TopicRow> topics, List<String> bodyHits) {
    }

    /** A topic that made the subscription want the article. */
    public record TopicRow(String slug, String label, String score, List<String> cameo, List<String> gdeltThemes,
            List<EvidenceRow> evidence) {
    }

    /** Where a topic rule hit: the snippet with the rule's words marked. */
    public record EvidenceRow(String rule, String field, List<Highlights.Piece> text) {
    }

    /** One revision of the alert. */
    public record RevisionRow(int revision, String type, String at, List<String> newTopics, List<String> newSources,
            List<String> newLanguages, List<ArticleRow> articles) {
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return errors.problem(e, headers, uri);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance thread(@PathParam("id") UUID id) {
        ConsoleUser.View me = user.require();
        AlertDetail detail = alerts.get(id);
        Map<UUID, List<MatchedTerm>> terms = matchedTerms.byArticle(id);
        List<RevisionRow> revisions = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (AlertDetail.Revision r : detail.revisions()) {
            List<ArticleRow> rows = r.articles().stream().map(a -> row(a, terms.getOrDefault(a.id(), List.of())))
                    .toList();
            rows.forEach(a -> a.topics().forEach(t -> codes.addAll(t.cameo())));
            revisions.add(new RevisionRow(r.revision(), r.type(), String.valueOf(r.createdAt()),
                    r.changes() == null ? List.of() : List.copyOf(r.changes().newTopics()),
                    r.changes() == null ? List.of() : List.copyOf(r.changes().newSources()),
                    r.changes() == null ? List.of() : List.copyOf(r.changes().newLanguages()), rows));
        }
        List<ArticleRow> waiting = detail.waiting().stream()
                .map(a -> row(a, terms.getOrDefault(a.id(), List.of()))).toList();
        boolean isMuted = detail.story() != null && muted.list(detail.alert().subscriptionId()).stream()
                .anyMatch(m -> m.storyId().equals(detail.story().id()));
        return page.data("user", me).data("alert", detail.alert()).data("story", detail.story())
                .data("revisions", revisions).data("waiting", waiting).data("muted", isMuted)
                .data("cameo", List.copyOf(codes));
    }

    @POST
    @Path("/mute")
    @Operation(hidden = true)
    public Response mute(@PathParam("id") UUID id, @RestForm("_csrf") String csrf,
            @RestForm("unmute") String unmute) {
        user.requireForm(csrf);
        AlertDetail detail = alerts.get(id);
        if (detail.story() == null) {
            throw ProblemException.conflict("This alert was raised before stories existed; there is no story to mute.");
        }
        if (unmute != null) {
            muted.unmute(detail.alert().subscriptionId(), detail.story().id());
        } else {
            muted.mute(detail.alert().subscriptionId(), detail.story().id());
        }
        return Response.seeOther(URI.create(ConsoleSessionMechanism.PATH + "/alerts/" + id)).build();
    }

    private ArticleRow row(AlertDetail.Article a, List<MatchedTerm> hits) {
        String title = a.title() == null ? "" : a.title();
        List<Highlights.Span> spans = new ArrayList<>();
        List<String> bodyHits = new ArrayList<>();
        for (MatchedTerm t : hits) {
            if ("title".equals(t.field())) {
                spans.add(new Highlights.Span(t.start(), t.end()));
            } else {
                bodyHits.add(t.text());
            }
        }
        List<TopicRow> topics = new ArrayList<>();
        for (ArticleClassified.Topic t : a.topics()) {
            List<EvidenceRow> evidence = new ArrayList<>();
            for (ArticleClassified.Evidence e : t.evidence() == null
                    ? List.<ArticleClassified.Evidence>of()
                    : t.evidence()) {
                if ("title".equals(e.field()) && e.end() <= title.length()) {
                    spans.add(new Highlights.Span(e.start(), e.end()));
                }
                evidence.add(new EvidenceRow(e.ruleId(), e.field(), Highlights.words(e.snippet(), e.terms())));
            }
            var known = catalogue.get(t.slug());
            topics.add(new TopicRow(t.slug(), known.map(TopicCatalogue.Topic::label).orElse(t.label()),
                    String.format(Locale.ROOT, "%.2f", t.score()),
                    known.map(TopicCatalogue.Topic::cameo).orElse(List.of()),
                    known.map(TopicCatalogue.Topic::gdeltThemes).orElse(List.of()), evidence));
        }
        String url = a.url() != null && (a.url().startsWith("https://") || a.url().startsWith("http://"))
                ? a.url()
                : null;
        return new ArticleRow(a.id(), Highlights.of(title, spans), url, a.source(), a.language(),
                String.valueOf(a.publishedAt()), topics, bodyHits);
    }
}
