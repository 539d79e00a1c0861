package io.newshound.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.newshound.devkit.browser.ConsoleBrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console of the packaged system in a real headless Chromium: an article posted to ingest-service's API is
 * classified, matched and appears on the desk's live feed by itself, and its thread shows the evidence.
 */
class ConsoleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static RunningSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = RunningSystem.start("console");
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anArticlePostedToIngestAppearsLiveOnTheDesksFeedWithItsEvidence() throws Exception {
        String key = system.newTenantKey("night-desk");
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String alerts = system.stack.service("alert-service").url();

        try (ConsoleBrowser browser = ConsoleBrowser.open(URI.create(alerts + "/").toURL())) {
            browser.signIn(key);
            browser.go("/console/subscriptions/new");
            browser.find("#name").sendKeys("Guarantees " + marker);
            browser.driver.findElement(By.id("topic-security-guarantees")).click();
            browser.driver.findElement(By.id("query")).sendKeys(marker);
            browser.driver.findElement(By.id("webhookUrl")).sendKeys(system.receiver.url("/night-desk"));
            browser.driver.findElement(By.id("save-button")).click();
            system.receiver.verifyWith(browser.find("#secret").getText());

            browser.go("/console/feed");
            browser.wait.until(d -> "Live".equals(d.findElement(By.id("live-status")).getText()));
            Instant published = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
            String articleId = system
                    .submit("""
                            {"url":"https://wire.example.com/world/alaska-summit-%s",
                             "title":"Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit %s",
                             "body":"Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit; no ceasefire yet.",
                             "source":"Example Wire","language":"en","publishedAt":"%s"}"""
                            .formatted(UUID.randomUUID(), marker, published));

            // an item shows the story's headline, and the newest article's when that differs (the article may have
            // joined a story of an earlier run with the same wording)
            WebElement alert = browser.wait.withTimeout(PATIENCE).until(d -> d
                    .findElements(By.cssSelector("#alerts li.alert-item.fresh")).stream()
                    .filter(a -> a.getText().contains(marker)).findFirst()
                    .map(a -> a.findElement(By.cssSelector("a.headline"))).orElse(null));
            browser.screenshot("e2e-live-feed");
            alert.click();
            browser.find("article.thread");
            List<String> marked = browser.driver.findElements(By.cssSelector(".article .headline mark")).stream()
                    .map(WebElement::getText).toList();
            assertThat(marked).contains(marker);
            assertThat(browser.driver.findElements(By.cssSelector(".evidence mark"))).extracting(WebElement::getText)
                    .anyMatch(t -> t.equalsIgnoreCase("security guarantees"));
            browser.screenshot("e2e-alert-thread");
            await().atMost(PATIENCE).until(() -> system.alertsFor(articleId) == 1);

            browser.driver.findElement(By.id("sign-out")).click();
            browser.wait.until(d -> browser.path().equals("/console/login"));
        }
    }
}
