package io.newshound.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

import io.newshound.platform.outbound.TargetGuard;

/**
 * Downloads feed documents over HTTP(S) politely and defensively: conditional GET with the previous fetch's validators,
 * a connect timeout and a deadline for the whole response, a size cap (checked against {@code Content-Length} first and
 * while reading, and again after gzip decompression), and at most {@link FetchSettings#maxRedirects()} redirects, each
 * only to http or https.
 * <p>
 * Every request, each redirect included, goes through the {@link TargetGuard} first: a feed (or a redirect) that points
 * at loopback, link-local or private addresses is refused before anything is sent, and the reason names the rule, not
 * what answered there. The guard's lookup fills the JVM's address cache ({@code networkaddress.cache.ttl}, 30 s by
 * default), from which the HTTP client's own lookup a moment later is answered, so the connection goes to an address
 * that was checked.
 * <p>
 * Thread-safe: one instance (one connection pool) serves all feeds. Never throws for network or server trouble; that is
 * a {@link FetchResult.Failed}.
 */
public final class FeedFetcher {

    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml,"
            + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final FetchSettings settings;
    private final TargetGuard guard;
    private final HttpClient client;

    /**
     * @param settings
     *            timeouts, size cap, redirect limit and User-Agent
     * @param guard
     *            decides which hosts may be fetched from
     */
    public FeedFetcher(FetchSettings settings, TargetGuard guard) {
        this.settings = settings;
        this.guard = guard;
        // redirects are followed by hand, to count them and to refuse non-http targets
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Fetches a feed document.
     *
     * @param url
     *            the feed's URL; must be http or https
     * @param previous
     *            validators of the previous successful fetch, or {@link PreviousFetch#none()}
     * @return the document, {@link FetchResult.NotModified} when the server confirms the previous fetch is current, or
     *         the reason it failed
     */
    public FetchResult fetch(URI url, PreviousFetch previous) {
        if (!isHttp(url)) {
            return FetchResult.Failed.of("only http and https feeds can be fetched, not " + url);
        }
        URI current = url;
        for (int redirects = 0;; redirects++) {
            try {
                guard.resolve(current);
            } catch (TargetGuard.RefusedTarget refused) {
                return FetchResult.Failed.of((redirects == 0 ? "feed URL refused: " : "redirect refused: ")
                        + refused.getMessage());
            }
            HttpResponse<byte[]> response;
            try {
                response = send(current, previous);
            } catch (FetchFailure failure) {
                return FetchResult.Failed.of(failure.getMessage() + " (" + current + ")");
            }
            int status = response.statusCode();
            if (isRedirect(status)) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null || location.isBlank()) {
                    return new FetchResult.Failed("redirect " + status + " without a Location from " + current,
                            OptionalInt.of(status));
                }
                if (redirects >= settings.maxRedirects()) {
                    return new FetchResult.Failed("more than " + settings.maxRedirects() + " redirects, last from "
                            + current, OptionalInt.of(status));
                }
                URI next;
                try {
                    next = current.resolve(new URI(location.strip()));
                } catch (URISyntaxException e) {
                    return new FetchResult.Failed("invalid redirect Location '" + location + "' from " + current,
                            OptionalInt.of(status));
                }
                if (!isHttp(next)) {
                    return new FetchResult.Failed("refused redirect to a non-http(s) URL " + next + " from " + current,
                            OptionalInt.of(status));
                }
                current = next;
                continue;
            }
            if (status == 304) {
                return new FetchResult.NotModified(current);
            }
            if (status < 200 || status > 299) {
                return new FetchResult.Failed("HTTP " + status + " from " + current, OptionalInt.of(status));
            }
            byte[] body;
            try {
                body = decode(response);
            } catch (FetchFailure failure) {
                return FetchResult.Failed.of(failure.getMessage() + " (" + current + ")");
            }
            if (body.length == 0) {
                return new FetchResult.Failed("empty response from " + current, OptionalInt.of(status));
            }
            return new FetchResult.Fetched(body, response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), current,
                    response.headers().firstValue("Content-Type").orElse(null));
        }
    }

    private HttpResponse<byte[]> send(URI url, PreviousFetch previous) throws FetchFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(settings.readTimeout())
                .header("User-Agent", settings.userAgent()).header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip");
        if (previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request.build(), cappedBody());
        try {
            // the request timeout only covers the headers; this deadline covers the body too
            return pending.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new FetchFailure("no complete response within " + settings.readTimeout());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchFailure("interrupted");
        } catch (ExecutionException e) {
            throw describe(e.getCause());
        }
    }

    private static FetchFailure describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FetchFailure failure) {
                return failure;
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new FetchFailure("could not connect in time");
            }
            if (t instanceof HttpTimeoutException) {
                return new FetchFailure("no response in time");
            }
            if (t instanceof ConnectException) {
                return new FetchFailure("connection refused");
            }
        }
        return new FetchFailure("I/O error: " + error);
    }

    private BodyHandler<byte[]> cappedBody() {
        return info -> {
            if (info.statusCode() < 200 || info.statusCode() > 299) {
                return BodySubscribers.replacing(new byte[0]);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new CappedBody(settings.maxBytes(), declared);
        };
    }

    private byte[] decode(HttpResponse<byte[]> response) throws FetchFailure {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").strip()
                .toLowerCase(Locale.ROOT);
        if (encoding.equals("identity") || encoding.isEmpty()) {
            return response.body();
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new FetchFailure("unsupported Content-Encoding " + encoding);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                if (out.size() + n > settings.maxBytes()) {
                    throw new FetchFailure("response larger than " + settings.maxBytes() + " bytes once decompressed");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FetchFailure("corrupt gzip body: " + e.getMessage());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isHttp(URI url) {
        String scheme = url.getScheme();
        return url.isAbsolute() && url.getHost() != null
                && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    /** Collects the body and gives up, cancelling the download, once it grows past the cap. */
    private static final class CappedBody implements BodySubscriber<byte[]> {

        private final long maxBytes;
        private final long declaredLength;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long maxBytes, long declaredLength) {
            this.maxBytes = maxBytes;
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredLength > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new FetchFailure(
                        "response of " + declaredLength + " bytes refused, at most " + maxBytes + " accepted"));
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (out.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(
                            new FetchFailure("response larger than " + maxBytes + " bytes refused"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    /** A fetch failure with a message fit for {@link FetchResult.Failed#reason()}. */
    private static final class FetchFailure extends IOException {

        private static final long serialVersionUID = 1L;

        FetchFailure(String message) {
            super(message);
        }
    }
}
