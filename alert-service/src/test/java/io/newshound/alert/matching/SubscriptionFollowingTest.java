package io.newshound.alert.matching;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.config.MatchingConfig;
import io.newshound.alert.event.ArticleClassified;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every replica's matcher follows committed subscription changes within a second, one subscription at a time: the
 * application's own matcher and a second one standing for another replica on the same database.
 */
@QuarkusTest
class SubscriptionFollowingTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;
    @Inject
    MatchingConfig config;
    @Inject
    IndexedSubscriptionMatcher matcher;
    @Inject
    EntityManager em;

    private IndexedSubscriptionMatcher otherReplica;

    @BeforeEach
    void startAnotherReplica() {
        otherReplica = new IndexedSubscriptionMatcher(dataSource, config, new SimpleMeterRegistry());
        otherReplica.start();
    }

    @AfterEach
    void stopTheOtherReplica() {
        otherReplica.stop();
    }

    @Test
    void anotherReplicaFollowsCreateChangeAndDeleteWithinASecond() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("sanctions");
        ArticleClassified article = article(slug);
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "followed", "topics", List.of(slug), "webhookUrl", "http://127.0.0.1:9/h"))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
        // the replica that made the change applies it before answering
        assertThat(matchedIds(matcher, article)).contains(id);
        await().atMost(WITHIN_A_SECOND).until(() -> matchedIds(otherReplica, article).contains(id));

        given().contentType(ContentType.JSON).body(Map.of("paused", true)).patch("/api/v1/subscriptions/" + id)
                .then().statusCode(200);
        assertThat(matchedIds(matcher, article)).doesNotContain(id);
        await().atMost(WITHIN_A_SECOND).until(() -> !matchedIds(otherReplica, article).contains(id));

        given().contentType(ContentType.JSON).body(Map.of("paused", false)).patch("/api/v1/subscriptions/" + id)
                .then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).until(() -> matchedIds(otherReplica, article).contains(id));

        given().delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        assertThat(matchedIds(matcher, article)).doesNotContain(id);
        await().atMost(WITHIN_A_SECOND).until(() -> !matchedIds(otherReplica, article).contains(id));
    }

    @Test
    void aChangeCommittedByAnotherReplicaReachesThisOneWithinASecond() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("prisoner-exchange");
        ArticleClassified article = article(slug);
        UUID id = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        // what another replica's create commits: the rows and the change record, in one transaction
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into webhook_endpoint (id, url, secret) values (?1, 'http://127.0.0.1:9/h',"
                    + " 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')").setParameter(1, endpoint).executeUpdate();
            em.createNativeQuery("insert into subscription (id, name, topics, match_mode, endpoint_id)"
                    + " values (?1, 'written elsewhere', cast(?2 as text[]), 'any', ?3)").setParameter(1, id)
                    .setParameter(2, "{" + slug + "}").setParameter(3, endpoint).executeUpdate();
            em.createNativeQuery("insert into subscription_change (subscription_id) values (?1)").setParameter(1, id)
                    .executeUpdate();
        });

        await().atMost(WITHIN_A_SECOND).until(() -> matchedIds(matcher, article).contains(id.toString()));

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update subscription set deleted_at = now() where id = ?1").setParameter(1, id)
                    .executeUpdate();
            em.createNativeQuery("insert into subscription_change (subscription_id) values (?1)").setParameter(1, id)
                    .executeUpdate();
        });
        await().atMost(WITHIN_A_SECOND).until(() -> !matchedIds(matcher, article).contains(id.toString()));
    }

    @Test
    void aReplicaStartingLaterLoadsEverySubscriptionAndThenOnlyFollowsChanges() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("energy-strikes");
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "before start", "topics", List.of(slug), "webhookUrl", "http://127.0.0.1:9/h"))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
        IndexedSubscriptionMatcher late = new IndexedSubscriptionMatcher(dataSource, config,
                new SimpleMeterRegistry());
        late.start();
        try {
            assertThat(matchedIds(late, article(slug))).contains(id);
        } finally {
            late.stop();
        }
    }

    private static List<String> matchedIds(IndexedSubscriptionMatcher m, ArticleClassified article) {
        return m.match(article).stream().map(s -> s.subscriptionId().toString()).toList();
    }

    private static ArticleClassified article(String slug) throws Exception {
        return JSON.findAndRegisterModules().treeToValue(ClassifiedArticles.sample(slug), ArticleClassified.class);
    }
}
