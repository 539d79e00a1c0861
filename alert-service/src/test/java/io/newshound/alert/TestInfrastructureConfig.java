package io.newshound.alert;

import io.newshound.devkit.quarkus.KafkaTestResource;
import io.newshound.devkit.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real broker and PostgreSQL database every test of this module runs against. */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "newshound_alert_test"))
public class TestInfrastructureConfig {
}
