package io.newshound.alert.intake;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A database hiccup while storing an event is retried; the record does not end on the dead-letter topic. */
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

    private long failures() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select case when is_called then last_value else 0 end from outage_failures")
                .getSingleResult()).longValue());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }
}
