package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of a secret rotation: the only time the new secret is shown.
 *
 * @param previousSecretExpiresAt
 *            until then every delivery carries signatures with both the new and the previous secret
 */
public record RotatedSecret(UUID endpointId, String secret, Instant previousSecretExpiresAt) {
}
