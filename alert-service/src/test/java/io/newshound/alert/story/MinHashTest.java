package io.newshound.alert.story;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MinHashTest {

    private static final String WIRE = "Sudan's army and the paramilitary Rapid Support Forces agreed a seven-day "
            + "humanitarian truce at talks in Jeddah, Saudi Arabia and the United States said on Monday. The truce "
            + "is meant to let food reach El Fasher, which the RSF has besieged for months.";
    private static final String REWRITE = "Sudan's army and the paramilitary Rapid Support Forces agreed a seven-day "
            + "humanitarian truce at talks in Jeddah, Saudi Arabia and the United States said on Monday. The truce "
            + "should let food convoys reach El Fasher, besieged by the RSF for months.";
    private static final String OTHER = "Volkswagen will close its Osnabrück factory at the end of 2027, the "
            + "carmaker said in Wolfsburg, affecting about 2,300 workers.";

    private final MinHash minHash = new MinHash(16, 4, 3);

    @Test
    void estimatesNearDuplicatesAsSimilarAndUnrelatedTextsAsNot() {
        assertThat(MinHash.similarity(minHash.signature(WIRE), minHash.signature(WIRE))).isEqualTo(1.0);
        assertThat(MinHash.similarity(minHash.signature(WIRE), minHash.signature(REWRITE))).isGreaterThan(0.5);
        assertThat(MinHash.similarity(minHash.signature(WIRE), minHash.signature(OTHER))).isLessThan(0.1);
    }

    @Test
    void putsNearDuplicatesIntoACommonBucket() {
        long[] wire = minHash.bandKeys(minHash.signature(WIRE));
        long[] rewrite = minHash.bandKeys(minHash.signature(REWRITE));
        long[] other = minHash.bandKeys(minHash.signature(OTHER));
        assertThat(wire).containsAnyOf(rewrite);
        assertThat(wire).doesNotContain(other);
    }

    @Test
    void givesTheSameSignatureOnEveryInstance() {
        assertThat(new MinHash(16, 4, 3).signature(WIRE)).isEqualTo(minHash.signature(WIRE));
    }
}
