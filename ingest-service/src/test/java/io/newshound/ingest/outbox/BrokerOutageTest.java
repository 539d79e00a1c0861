package io.newshound.ingest.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newshound.devkit.kafka.KafkaBroker;
import io.newshound.devkit.kafka.TopicProbe;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.newshound.devkit.quarkus.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.newshound.ingest.Api.article;
import static io.newshound.ingest.Api.uniqueUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The broker dies and comes back: articles accepted meanwhile are published once it is back, none lost. */
@QuarkusTest
class BrokerOutageTest {

    @Test
    void articlesAcceptedWhileTheBrokerIsDownArePublishedWhenItReturns() {
        assumeTrue(TestInfrastructure.current() == TestInfrastructure.LOCAL, "needs the killable local broker");
        KafkaBroker broker = KafkaTestResource.localBroker();
        List<String> ids = new ArrayList<>();
        broker.kill();
        try {
            for (int i = 0; i < 3; i++) {
                ids.add(api().contentType(ContentType.JSON)
                        .body(article(uniqueUrl(), "Accepted during an outage " + i, "Kafka is down."))
                        .post("/api/v1/articles").then().statusCode(201).extract().path("id"));
            }
        } finally {
            broker.restart();
        }
        try (TopicProbe topic = TopicProbe.on(broker.bootstrapServers(), "news.articles.v1")) {
            for (String id : ids) {
                assertThat(topic.awaitKey(id, Duration.ofSeconds(120)).value()).contains("Accepted during an outage");
            }
        }
    }
}
