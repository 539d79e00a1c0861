#!/usr/bin/env bash
# Builds the services (tests skipped) and runs the whole pipeline on this machine until Ctrl-C:
# a Kafka broker, ingest-, classifier- and alert-service, a demo webhook receiver and the sample articles.
# PostgreSQL comes from the machine (127.0.0.1:5432 by default; NEWSHOUND_PG_HOST/PORT/USER/PASSWORD override).
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "Building the services (about a minute the first time)..."
./mvnw -q -B -DskipTests -Dformat.skip=true -Dimpsort.skip=true -pl devkit,platform,ingest-service,classifier-service,alert-service -am package
cp="devkit/target/classes:$(cat devkit/target/classes/io/newshound/devkit/kafka/broker.classpath)"
exec java -Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -cp "$cp" io.newshound.devkit.stack.LocalRun --root "$PWD" "$@"
