package io.newshound.alert.delivery.feed;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.newshound.alert.delivery.notification.Notification;
import io.newshound.alert.delivery.notification.NotificationConfig;
import io.newshound.alert.delivery.notification.NotificationReaders;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.platform.problem.ProblemException;

/** The pull feed, for partners without a public webhook endpoint: the same events, fetched with a cursor. */
@Path("/api/v1/feed")
public class FeedResource {

    /** Media type of the Atom form of the feed. */
    public static final String ATOM = "application/atom+xml";

    private final Notifications notifications;
    private final NotificationReaders readers;
    private final NotificationConfig.Feed config;

    public FeedResource(Notifications notifications, NotificationReaders readers, NotificationConfig config) {
        this.notifications = notifications;
        this.readers = readers;
        this.config = config.feed();
    }

    /** Returns the caller's events after {@code cursor}, oldest first (from the oldest kept when absent). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pull feed of alerts as JSON, paged with an opaque cursor")
    public FeedPage json(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @QueryParam("subscriptionId") String subscriptionId,
            @Parameter(description = "admins only") @QueryParam("tenantId") String tenantId) {
        return page(cursor, limit, subscriptionId, tenantId);
    }

    /** The same page as Atom 1.0, with a {@code next} link carrying the cursor. */
    @GET
    @Path("/atom")
    @Produces(ATOM)
    @Operation(summary = "Pull feed of alerts as Atom 1.0")
    public String atom(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @QueryParam("subscriptionId") String subscriptionId, @QueryParam("tenantId") String tenantId,
            @Context UriInfo uri) {
        FeedPage page = page(cursor, limit, subscriptionId, tenantId);
        String self = uri.getRequestUri().toString();
        String next = uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build().toString();
        String tenant = readers.reader(tenantId, subscriptionId).tenantId();
        return AtomFeed.render(tenant, self, next, page);
    }

    private FeedPage page(String cursor, String limit, String subscriptionId, String tenantId) {
        NotificationReaders.Reader reader = readers.reader(tenantId, subscriptionId);
        long after = cursor == null || cursor.isBlank() ? 0 : NotificationReaders.seq("cursor", cursor);
        int n = limit(limit);
        List<Notification> entries = notifications.after(reader.tenantId(), reader.subscriptionId(), after, n);
        List<FeedPage.Item> items = entries.stream().map(e -> new FeedPage.Item(Long.toString(e.seq()), e.type(),
                e.subscriptionId(), e.createdAt(), e.payload())).toList();
        String next = entries.isEmpty() ? Long.toString(after) : Long.toString(entries.get(entries.size() - 1).seq());
        return new FeedPage(items, next);
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return config.defaultLimit();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= config.maxLimit()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + config.maxLimit());
    }
}
