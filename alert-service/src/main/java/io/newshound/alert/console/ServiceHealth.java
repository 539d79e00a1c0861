package io.newshound.alert.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks the other services for their health ({@code /q/health}) all at once, each with the configured timeout, so one
 * service that hangs costs the operations page that timeout and no more.
 */
@ApplicationScoped
public class ServiceHealth {

    private final ConsoleConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public ServiceHealth(ConsoleConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.healthTimeout()).build();
    }

    /**
     * A service's answer.
     *
     * @param status
     *            {@code UP}, {@code DOWN} or {@code unreachable}
     * @param checks
     *            "name: status" of each health check it reported
     */
    public record Status(String name, String url, String status, List<String> checks) {
    }

    /** @return the configured services' health, in name order */
    public List<Status> check() {
        List<CompletableFuture<Status>> pending = new ArrayList<>();
        for (Map.Entry<String, String> service : new java.util.TreeMap<>(config.services()).entrySet()) {
            String base = service.getValue().replaceAll("/+$", "");
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/q/health")).timeout(config.healthTimeout())
                    .GET().build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> read(service.getKey(), base, r.body()))
                    .exceptionally(e -> new Status(service.getKey(), base, "unreachable", List.of())));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private Status read(String name, String base, String body) {
        try {
            JsonNode root = mapper.readTree(body);
            List<String> checks = new ArrayList<>();
            for (JsonNode c : root.path("checks")) {
                checks.add(c.path("name").asText() + ": " + c.path("status").asText());
            }
            return new Status(name, base, root.path("status").asText("unknown"), checks);
        } catch (java.io.IOException e) {
            return new Status(name, base, "unreadable answer", List.of());
        }
    }
}
