package io.newshound.classifier.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestProfile(TaxonomyReloadTest.ExternalTaxonomy.class)
class TaxonomyReloadTest {

    static final Path FILE = createFile();
    static final String ADMIN_KEY = "test-admin-key";

    /** Serves the taxonomy from a file the test rewrites; no watching, reloads are explicit. */
    public static class ExternalTaxonomy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newshound.classifier.taxonomy.path", FILE.toString(),
                    "newshound.classifier.taxonomy.watch", "false");
        }
    }

    @Test
    void rejectsAnInvalidTaxonomyAndKeepsServingThePreviousOne() throws IOException {
        String serving = given().get("/api/v1/taxonomy").then().statusCode(200).extract().path("version");
        Files.writeString(FILE, bundled().replace("threshold: 0.5\n    rules:\n      en:",
                "threshold: 7\n    rules:\n      en:"));

        given().header("X-Api-Key", ADMIN_KEY).post("/api/v1/taxonomy/reload")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Taxonomy rejected; the previous taxonomy keeps serving"))
                .body("errors.field", hasItem("topics[0].threshold"));

        given().get("/api/v1/taxonomy").then().statusCode(200).body("version", equalTo(serving));
        given().contentType(ContentType.JSON).body("""
                {"title": "Gaza ceasefire holds", "body": "", "language": "en"}""")
                .post("/api/v1/classify")
                .then().statusCode(200).body("taxonomyVersion", equalTo(serving))
                .body("topics.slug", hasItem("ceasefire"));
    }

    @Test
    void installsAValidTaxonomyAndNamesItsVersionInEveryOutput() throws IOException {
        Files.writeString(FILE, bundled().replace("version: 2026.11.0", "version: 2026.11.1")
                .replace("phrases: [ceasefire, cease-fire,", "phrases: [ceasefire, cease-fire, \"guns silenced\","));

        given().header("X-Api-Key", ADMIN_KEY).post("/api/v1/taxonomy/reload")
                .then().statusCode(200).body("version", equalTo("2026.11.1"));

        given().contentType(ContentType.JSON).body("""
                {"title": "Guns silenced along the front line", "body": "", "language": "en"}""")
                .post("/api/v1/classify")
                .then().statusCode(200)
                .body("taxonomyVersion", equalTo("2026.11.1"))
                .body("topics.slug", hasItem("ceasefire"));
    }

    @Test
    void reloadingNeedsTheAdministratorKey() throws IOException {
        String serving = given().get("/api/v1/taxonomy").then().statusCode(200).extract().path("version");
        Files.writeString(FILE, bundled().replace("version: 2026.11.0", "version: 2026.11.9"));

        given().post("/api/v1/taxonomy/reload")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-Api-Key", "not-the-admin-key").post("/api/v1/taxonomy/reload")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/taxonomy").then().statusCode(200).body("version", equalTo(serving));

        given().header("Authorization", "Bearer " + ADMIN_KEY).post("/api/v1/taxonomy/reload")
                .then().statusCode(200).body("version", equalTo("2026.11.9"));
    }

    static String bundled() {
        try (InputStream in = TaxonomyReloadTest.class.getClassLoader().getResourceAsStream(TaxonomySource.BUNDLED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createFile() {
        try {
            Path file = Files.createTempFile("taxonomy-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, bundled());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
