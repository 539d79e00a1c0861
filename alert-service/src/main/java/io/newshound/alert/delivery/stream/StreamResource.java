package io.newshound.alert.delivery.stream;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.newshound.alert.delivery.notification.NotificationReaders;

/** The live stream: a tenant's alerts, updates, digests and endpoint notices as server-sent events. */
@Path("/api/v1/stream")
public class StreamResource {

    private final LiveStreams streams;
    private final NotificationReaders readers;

    public StreamResource(LiveStreams streams, NotificationReaders readers) {
        this.streams = streams;
        this.readers = readers;
    }

    /**
     * Streams the caller's notifications. Without a position it starts with what happens next; with
     * {@code Last-Event-ID} (or {@code lastEventId} for clients that cannot set headers) it first replays what followed
     * that event.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live stream of alerts (server-sent events), resumable with Last-Event-ID")
    public void stream(@Context SseEventSink sink, @Context Sse sse,
            @Parameter(description = "id of the last event received") @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("lastEventId") String lastEventIdParam,
            @Parameter(description = "only this subscription's events") @QueryParam("subscriptionId") String subscriptionId,
            @Parameter(description = "admins only: the tenant to stream") @QueryParam("tenantId") String tenantId) {
        NotificationReaders.Reader reader = readers.reader(tenantId, subscriptionId);
        String position = lastEventId != null ? lastEventId : lastEventIdParam;
        long after = position == null
                ? readers.head(reader)
                : NotificationReaders.seq(lastEventId != null ? "Last-Event-ID" : "lastEventId", position);
        UUID subscription = reader.subscriptionId();
        streams.open(reader.tenantId(), subscription, after, sink, sse);
    }
}
