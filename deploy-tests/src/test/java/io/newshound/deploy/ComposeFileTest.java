package io.newshound.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code docker-compose.yml} is valid for docker-compose 1.29 (which also rejects what Compose v2 accepts only
 * as extensions, like a top-level {@code name}), with and without the observability profile, sets the admin keys from
 * {@code .env.example}, and mounts only files that exist.
 */
class ComposeFileTest {

    static final String COMPOSE = "install docker-compose (apt-get install -y docker-compose)";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void validatesWithDockerComposeWithAndWithoutTheObservabilityProfile() {
        Repository.succeed(COMPOSE, "docker-compose", "--env-file", ".env.example", "config", "-q");
        Repository.succeed(COMPOSE, "docker-compose", "--env-file", ".env.example", "--profile", "observability",
                "config", "-q");
    }

    @Test
    void refusesToStartWithoutTheAdminKeys() throws IOException {
        Path empty = Files.createTempFile("empty", ".env");
        try {
            Repository.Run run = Repository.run(COMPOSE, "docker-compose", "--env-file", empty.toString(), "config",
                    "-q");
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("NEWSHOUND_INGEST_SECURITY_ADMIN_KEY").contains(".env.example");
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void rendersTheAdminKeysOfEnvExampleAndHealthChecksWithoutCurl() throws IOException {
        JsonNode config = YAML.readTree(
                Repository.succeed(COMPOSE, "docker-compose", "--env-file", ".env.example", "config"));
        JsonNode services = config.path("services");
        assertThat(services.path("ingest-service").path("environment").path("NEWSHOUND_INGEST_SECURITY_ADMIN_KEY")
                .asText()).isEqualTo("change-me-ingest-admin-key");
        assertThat(services.path("alert-service").path("environment").path("NEWSHOUND_ALERT_SECURITY_ADMIN_KEY")
                .asText()).isEqualTo("change-me-alert-admin-key");
        for (String service : ServiceFacts.SERVICES) {
            List<String> test = new ArrayList<>();
            services.path(service).path("healthcheck").path("test").forEach(t -> test.add(t.asText()));
            // the image's base (ubi9 openjdk runtime) guarantees bash (its run script needs it), not curl
            assertThat(test).as(service).startsWith("CMD", "bash").noneMatch(t -> t.contains("curl"))
                    .anyMatch(t -> t.contains("/q/health/ready"));
        }
    }

    @Test
    void mountsOnlyFilesThatExist() throws IOException {
        JsonNode compose = YAML.readTree(Repository.read("docker-compose.yml"));
        assertThat(compose.has("name")).as("docker-compose 1.29 rejects a top-level name").isFalse();
        List<String> sources = new ArrayList<>();
        compose.path("services").forEach(s -> s.path("volumes").forEach(v -> sources.add(v.asText().split(":")[0])));
        assertThat(sources).isNotEmpty()
                .allSatisfy(s -> assertThat(Repository.path(s.replaceFirst("^\\./", ""))).exists());
        assertThat(Repository.read("deploy/docker/Dockerfile.jvm")).contains("ubi9/openjdk-17-runtime");
    }
}
