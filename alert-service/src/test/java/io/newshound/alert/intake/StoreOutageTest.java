package io.newshound.alert.intake;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database hiccup while storing a batch is retried; the records do not end on the dead-letter topic. A record that
 * can never be stored goes there alone, and the rest of its batch is stored.
 */
@QuarkusTest
class StoreOutageTest extends WithWebhookReceiver {

    @Inject
    EntityManager em;

    @BeforeEach
    void setUp() throws Exception {
        // fails inserts of the events listed in outage_event; counts failures in a sequence (not rolled back)
        sql("create table if not exists outage_event (event_id uuid primary key)");
        sql("create sequence if not exists outage_failures");
        sql("""
                create or replace function outage_fail() returns trigger language plpgsql as $$
                begin
                  if exists (select 1 from outage_event where event_id = new.event_id) then
                    perform nextval('outage_failures');
                    raise exception 'simulated outage';
                  end if;
                  return new;
                end $$""");
        sql("drop trigger if exists outage_fail on inbox");
        sql("create trigger outage_fail before insert on inbox for each row execute function outage_fail()");
    }

    @AfterEach
    void tearDown() {
        sql("drop trigger if exists outage_fail on inbox");
        sql("drop function if exists outage_fail()");
        sql("drop table if exists outage_event");
        sql("drop sequence if exists outage_failures");
    }

    @Test
    void retriesStoringAnEventUntilTheDatabaseIsBack() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode event = ClassifiedArticles.sample(slug);
        UUID eventId = UUID.fromString(event.get("eventId").asText());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into outage_event values (?1)")
                .setParameter(1, eventId).executeUpdate());
        long failuresBefore = failures();

        ClassifiedArticles.publish(event);

        await().atMost(Duration.ofSeconds(60)).until(() -> failures() > failuresBefore);
        sql("delete from outage_event");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == 1);
        assertThat(receiver.requests().get(0).body()).contains(event.get("articleId").asText());
    }

    @Test
    void deadLettersOnlyTheRecordThatCannotBeStoredAndStoresItsBatchMates() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode before = ClassifiedArticles.sample(slug);
        ObjectNode poison = ClassifiedArticles.sample(slug);
        ObjectNode after = ClassifiedArticles.sample(slug);
        // readable, but storing it fails every time
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into outage_event values (?1)")
                .setParameter(1, UUID.fromString(poison.get("eventId").asText())).executeUpdate());

        // one key, one partition, published together: normally one poll
        ClassifiedArticles.publish(before.get("articleId").asText(), before.toString(), poison.toString(),
                after.toString());

        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.requests()).extracting(r -> r.body())
                .anySatisfy(body -> assertThat(body).contains(before.get("articleId").asText()))
                .anySatisfy(body -> assertThat(body).contains(after.get("articleId").asText()))
                .noneSatisfy(body -> assertThat(body).contains(poison.get("articleId").asText()));
        try (KafkaConsumer<String, String> dlq = deadLetterConsumer()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (r.value().contains(poison.get("eventId").asText())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private static KafkaConsumer<String, String> deadLetterConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(ClassifiedArticles.TOPIC + ".dlq"));
        return c;
    }

    private long failures() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select case when is_called then last_value else 0 end from outage_failures")
                .getSingleResult()).longValue());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }
}
