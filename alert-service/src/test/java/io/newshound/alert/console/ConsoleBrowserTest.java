package io.newshound.alert.console;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.Api;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.devkit.browser.ConsoleBrowser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A newsroom desk in a real headless Chromium: signs in, sets up a subscription with a keyword query and previews it,
 * watches an alert arrive live from the real broker, reads its evidence, replays its delivery and signs out; and a
 * second desk cannot open the first one's pages. Screenshots go to {@code target/console-screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    @Test
    void aDeskSetsUpAnAlertWatchesItArriveReadsWhyAndReplaysItsDelivery() {
        Api.Tenant desk = Api.newTenant("newsroom", null);
        Api.Tenant other = Api.newTenant("rival", null);
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ObjectNode earlier = article(marker);
        ClassifiedArticles.publish(earlier);
        await().atMost(PATIENCE).until(() -> stored(earlier));

        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn(desk.key());
            browser.find("#empty-feed");

            browser.go("/console/subscriptions/new");
            browser.find("#name").sendKeys("Guarantees " + marker);
            browser.driver.findElement(By.id("topic-security-guarantees")).click();
            browser.driver.findElement(By.id("query")).sendKeys(marker);
            browser.driver.findElement(By.id("webhookUrl")).sendKeys(receiver.url());
            browser.driver.findElement(By.id("preview-button")).click();
            WebElement preview = browser.find("#preview");
            assertThat(preview.findElements(By.cssSelector(".headline mark"))).extracting(WebElement::getText)
                    .contains(marker);
            assertThat(browser.driver.findElement(By.id("topic-security-guarantees")).isSelected()).isTrue();
            browser.scrollTo(preview);
            browser.screenshot("subscription-preview");
            browser.driver.findElement(By.id("save-button")).click();
            assertThat(browser.find("#secret").getText()).startsWith("whsec_");

            browser.go("/console/feed");
            browser.wait.until(d -> "Live".equals(d.findElement(By.id("live-status")).getText()));
            ObjectNode breaking = article(marker);
            ClassifiedArticles.publish(breaking);
            // an item shows the story's headline, and the newest article's when that differs (the article may have
            // joined a story of an earlier run with the same wording)
            WebElement alert = browser.wait.withTimeout(PATIENCE).until(d -> d
                    .findElements(By.cssSelector("#alerts li.alert-item.fresh")).stream()
                    .filter(a -> a.getText().contains(marker)).findFirst()
                    .map(a -> a.findElement(By.cssSelector("a.headline"))).orElse(null));
            browser.screenshot("live-feed");

            alert.click();
            browser.find("article.thread");
            List<String> marked = browser.driver.findElements(By.cssSelector(".article .headline mark")).stream()
                    .map(WebElement::getText).toList();
            assertThat(marked).contains(marker, "Article 5", "security guarantees");
            assertThat(browser.driver.findElements(By.cssSelector(".evidence mark"))).isNotEmpty();
            assertThat(browser.driver.findElement(By.cssSelector(".facts")).getText()).contains("CAMEO");
            String thread = browser.path();
            browser.screenshot("alert-thread");
            browser.driver.findElement(By.id("mute-button")).click();
            assertThat(browser.find("#muted-state").getText()).isEqualTo("Muted");

            browser.driver.findElement(By.linkText("Deliveries of this subscription")).click();
            String deliveries = browser.path();
            await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
            browser.wait.withTimeout(PATIENCE).until(d -> {
                d.navigate().refresh();
                return !d.findElements(By.cssSelector("#deliveries .state.delivered")).isEmpty();
            });
            browser.driver.findElement(By.cssSelector("#deliveries button.replay")).click();
            assertThat(browser.find("#notice").getText()).isEqualTo("1 delivery scheduled again.");
            await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
            assertThat(receiver.requests().get(1).header("webhook-id"))
                    .isEqualTo(receiver.requests().get(0).header("webhook-id"));
            browser.screenshot("deliveries");

            browser.go("/console/subscriptions");
            browser.screenshot("subscriptions");
            browser.driver.findElement(By.id("sign-out")).click();
            browser.wait.until(d -> browser.path().equals("/console/login"));
            browser.go("/console/feed");
            assertThat(browser.path()).isEqualTo("/console/login");

            browser.signIn(other.key());
            browser.go(thread);
            assertThat(browser.find("h1").getText()).isEqualTo("Not found");
            browser.go(deliveries);
            assertThat(browser.find("h1").getText()).isEqualTo("Not found");
            browser.go("/console/subscriptions");
            assertThat(browser.find("main").getText()).doesNotContain(marker);
        }
    }

    /**
     * The golden sample with the marker in its headline (so its evidence offsets still fit), a fresh id, and published
     * now: other tests publish the golden sample at its own date, and an article of this test within 48 hours of those
     * would join their story and make its headline theirs.
     */
    private static ObjectNode article(String marker) {
        ObjectNode event = ClassifiedArticles.sample("security-guarantees", "peace-talks");
        ObjectNode article = event.with("article");
        article.put("title", article.get("title").asText() + " " + marker);
        article.put("url", article.get("url").asText() + "-" + event.get("articleId").asText());
        article.put("publishedAt", java.time.Instant.now().toString());
        return event;
    }

    private boolean stored(ObjectNode event) {
        return QuarkusTransaction.requiringNew().call(() -> !em
                .createNativeQuery("select 1 from story_article where article_id = ?1")
                .setParameter(1, UUID.fromString(event.get("articleId").asText())).getResultList().isEmpty());
    }
}
