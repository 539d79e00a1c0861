package io.newshound.alert.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long processed event ids are remembered. */
@ConfigMapping(prefix = "newshound.inbox")
public interface InboxConfig {

    /**
     * Event ids older than this are forgotten. Redelivery after that is still harmless (an article joins its story and
     * each alert thread once); keep it longer than any replay of the dead-letter topic you expect.
     */
    @WithDefault("30d")
    Duration retention();
}
