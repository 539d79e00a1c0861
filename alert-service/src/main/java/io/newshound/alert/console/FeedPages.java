package io.newshound.alert.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newshound.alert.delivery.notification.NotificationReaders;
import io.newshound.alert.delivery.stream.LiveStreams;
import io.newshound.alert.subscription.SubscriptionService;
import io.newshound.alert.tenant.TenantService;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The live feed: the newest alerts rendered on the server, then the same tenant's notification stream over server-sent
 * events, authenticated by the session cookie (an {@code EventSource} cannot send an API key). The stream starts after
 * the last entry the page was rendered with and resumes from {@code Last-Event-ID} after a reconnect, so nothing falls
 * between the two.
 */
@Path(ConsoleSessionMechanism.PATH)
public class FeedPages {

    /** How many alerts the page shows before live ones arrive. */
    static final int SHOWN = 50;

    private final ConsoleUser user;
    private final NotificationReaders readers;
    private final LiveStreams streams;
    private final FeedQueries feed;
    private final SubscriptionService subscriptions;
    private final TenantService tenants;
    private final TopicCatalogue catalogue;
    private final ErrorPages errors;
    private final Template page;

    public FeedPages(ConsoleUser user, NotificationReaders readers, LiveStreams streams, FeedQueries feed,
            SubscriptionService subscriptions, TenantService tenants, TopicCatalogue catalogue, ErrorPages errors,
            @Location("console/feed.html") Template page) {
        this.user = user;
        this.readers = readers;
        this.streams = streams;
        this.feed = feed;
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.catalogue = catalogue;
        this.errors = errors;
        this.page = page;
    }

    /** A choice of a filter. */
    public record Option(String value, String label, boolean selected) {
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return errors.problem(e, headers, uri);
    }

    @GET
    @Path("/feed")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance feed(@QueryParam("tenant") String tenant, @QueryParam("subscription") String subscription,
            @QueryParam("topic") String topic, @QueryParam("language") String language) {
        ConsoleUser.View me = user.require();
        NotificationReaders.Reader reader = readers.reader(blankToNull(tenant), blankToNull(subscription));
        FeedQueries.Recent recent = feed.recent(reader, blankToNull(topic), blankToNull(language), SHOWN);
        StringBuilder stream = new StringBuilder(ConsoleSessionMechanism.PATH + "/stream?lastEventId="
                + recent.after());
        if (!reader.tenantId().equals(me.tenantId())) {
            stream.append("&tenant=").append(reader.tenantId());
        }
        if (reader.subscriptionId() != null) {
            stream.append("&subscription=").append(reader.subscriptionId());
        }
        String sub = reader.subscriptionId() == null ? "" : reader.subscriptionId().toString();
        String t = blankToNull(topic) == null ? "" : topic.strip();
        return page.data("user", me).data("items", recent.items()).data("stream", stream.toString())
                .data("tenants", me.admin()
                        ? tenants.list().stream().map(v -> new Option(v.id(), v.name() + " (" + v.id() + ")",
                                v.id().equals(reader.tenantId()))).toList()
                        : List.of())
                .data("subscriptions", subscriptions.list().stream()
                        .filter(v -> v.tenantId().equals(reader.tenantId()))
                        .map(v -> new Option(v.id().toString(), v.name(), v.id().toString().equals(sub))).toList())
                .data("topics", catalogue.all().stream().map(v -> new Option(v.slug(), v.label(), v.slug().equals(t)))
                        .toList())
                .data("topic", t).data("language", blankToNull(language) == null ? "" : language.strip());
    }

    /**
     * The signed-in tenant's notifications as server-sent events (an admin may name a tenant). Events carry the webhook
     * body of each alert revision; their ids are positions in the tenant's log.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("lastEventId") String lastEventIdParam, @QueryParam("tenant") String tenant,
            @QueryParam("subscription") String subscription) {
        if (user.session().isEmpty()) {
            // an EventSource cannot follow a redirect to the sign-in form; it gets a status that ends it
            throw new ProblemException(401, "Unauthorized", "Sign in to the console first.");
        }
        NotificationReaders.Reader reader = readers.reader(blankToNull(tenant), blankToNull(subscription));
        boolean resumed = lastEventId != null && !lastEventId.isBlank();
        String position = resumed ? lastEventId : lastEventIdParam;
        long after = position == null || position.isBlank()
                ? readers.head(reader)
                : NotificationReaders.seq(resumed ? "Last-Event-ID" : "lastEventId", position);
        streams.open(reader.tenantId(), reader.subscriptionId(), after, sink, sse);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
