package io.newshound.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The checkout these tests read, and the command-line tools they run against its files. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command printed, and how it ended. */
    record Run(int exitCode, String output) {
    }

    /**
     * Runs a tool installed on the machine, in the checkout's root; fails the test with what to install when the tool
     * is missing.
     */
    static Run run(String installHint, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (!onPath(cmd.get(0))) {
            fail("'%s' is not installed; %s", cmd.get(0), installHint);
        }
        try {
            Path out = Files.createTempFile("newshound-tool", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile());
                // the files alone decide: no setting of the machine running the tests leaks into a tool's view
                builder.environment().keySet().removeIf(k -> k.startsWith("NEWSHOUND_"));
                Process p = builder.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("%s did not finish in 120 s", String.join(" ", cmd));
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tool and expects it to succeed; returns what it printed. */
    static String succeed(String installHint, String... command) {
        Run run = run(installHint, command);
        assertThat(run.exitCode()).as("%s:%n%s", String.join(" ", command), run.output()).isZero();
        return run.output();
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
