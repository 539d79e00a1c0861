package io.newshound.classifier.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Derives the id of an {@code article.classified.v1} event as a name-based (version 5, SHA-1) UUID of the source event
 * id, the taxonomy version and the classifier version, so classifying the same input again yields the same id and
 * downstream consumers drop the duplicate.
 */
public final class ClassifiedEventId {

    /** Namespace of classified-event ids (a fixed random UUID). */
    static final UUID NAMESPACE = UUID.fromString("6c1f4d0e-3b7a-4e59-9a55-2f0d8c3e7b14");

    private ClassifiedEventId() {
    }

    /**
     * @return the deterministic event id for this input and classification setup
     */
    public static UUID of(String sourceEventId, String taxonomyVersion, String classifierVersion) {
        String name = sourceEventId + "|" + taxonomyVersion + "|" + classifierVersion;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bb.getLong(), bb.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
