package io.newshound.ingest;

import io.newshound.devkit.quarkus.KafkaTestResource;
import io.newshound.devkit.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against a real Kafka broker and a real PostgreSQL database. */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "newshound_ingest_test"))
public class TestInfrastructureConfig {
}
