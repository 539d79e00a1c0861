package io.newshound.devkit.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service running as its own process.
 *
 * <p>
 * The service runs under a small shell that holds a pipe from this JVM: when this JVM exits, however it exits, the pipe
 * closes and the shell stops the service. Stopping on purpose closes the same pipe, so the service always gets a
 * graceful SIGTERM first.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Runs the service in the background, then waits for the pipe from this JVM to close (or for Ctrl-C, which reaches
     * the whole process group but which a background job ignores) and stops the service with SIGTERM.
     */
    private static final String SUPERVISOR = "java \"$@\" & child=$!;"
            + " trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' INT TERM HUP;"
            + " cat > /dev/null; kill -TERM $child 2>/dev/null; wait $child";

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code quarkus-run.jar} of a service module.
     *
     * @param name
     *            the module name, e.g. {@code ingest-service}
     * @param appDir
     *            the module's {@code target/quarkus-app} directory
     * @param port
     *            the HTTP port to listen on
     * @param env
     *            environment for the service (Quarkus maps it onto its configuration)
     * @param log
     *            file receiving the service's output
     * @return the starting service; call {@link #awaitReady(Duration)}
     */
    public static ServiceProcess start(String name, Path appDir, int port, Map<String, String> env, Path log) {
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", SUPERVISOR.replace("java ", java + " "), name,
                "-Xmx512m", "-XX:+UseSerialGC", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar",
                jar.toString()));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new ServiceProcess(name, port, log, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** @return the service's base URL */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    /** @return whether the service is still running */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException
     *             with the service's log when it exits or does not get ready in time
     */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
    }

    /** @return the last lines of the service's output */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the service abruptly (SIGKILL), as a crash would; nothing of it gets to clean up. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the service gracefully (SIGTERM), forcibly after 20 seconds. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
