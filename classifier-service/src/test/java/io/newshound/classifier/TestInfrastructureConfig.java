package io.newshound.classifier;

import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real Kafka broker every test of this module runs against (the classifier has no database). */
@QuarkusTestResource(KafkaTestResource.class)
public class TestInfrastructureConfig {
}
