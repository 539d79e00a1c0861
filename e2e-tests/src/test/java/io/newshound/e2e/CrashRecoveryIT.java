package io.newshound.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Services die (SIGKILL) while articles keep coming and are started again: every article still raises its alert, and
 * none raises two.
 */
class CrashRecoveryIT {

    private static RunningSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = RunningSystem.start("e2e_crash");
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void classifierAndAlertServiceCrashesLoseNoAlertAndDuplicateNone() throws Exception {
        system.subscribe("/sanctions-desk", "\"name\":\"Sanctions desk\",\"topics\":[\"sanctions\"],\"match\":\"any\"");

        system.stack.crash("classifier-service");
        system.stack.crash("alert-service");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit("EU adopts sanctions package number " + i + " against Russian banks"));
        }
        system.stack.restart("classifier-service");
        system.stack.restart("alert-service");

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> ids.stream().allMatch(id -> system.alertsFor(id) >= 1));
        // alerts go out in pipeline order: once a later article's alert is in, a duplicate would be too
        String marker = submit("US imposes new sanctions on shipping companies");
        await().atMost(Duration.ofSeconds(90)).until(() -> system.alertsFor(marker) >= 1);
        for (String id : ids) {
            assertThat(system.alertsFor(id)).as("alerts for %s", id).isEqualTo(1);
        }
    }

    private static String submit(String title) throws Exception {
        return system.submit("""
                {"url":"https://wire.example.com/markets/%s","title":"%s",
                 "body":"%s. The European Union and the United States widened sanctions, freezing assets of banks.",
                 "source":"Example Wire","language":"en"}""".formatted(UUID.randomUUID(), title, title));
    }
}
