package io.newshound.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * What a service's code says about how it is deployed, read from its {@code application.properties} and its
 * {@code @ConfigMapping} interfaces: its HTTP port, the environment variables it reads, the topics it consumes and
 * produces, its consumer groups and dead-letter topics.
 */
record ServiceFacts(String name, int port, Set<String> configProperties, Set<String> expressionVariables,
        Set<String> consumedTopics, Set<String> consumerGroups, Set<String> producedTopics,
        Set<String> deadLetterTopics, boolean hasDatabase) {

    /** Environment variables a deployment must set (secrets and endpoints; everything else has a default). */
    static final Map<String, Set<String>> REQUIRED_ENV = Map.of(
            "ingest-service", Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "NEWSHOUND_INGEST_SECURITY_ADMIN_KEY"),
            "classifier-service", Set.of("KAFKA_BOOTSTRAP_SERVERS"),
            "alert-service", Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "NEWSHOUND_ALERT_SECURITY_ADMIN_KEY"));

    /** The background dependency checks every service runs (from the platform module). */
    private static final String HEALTH = "io.newshound.platform.health.HealthConfig";

    /** The configuration interfaces of each service. */
    private static final Map<String, List<String>> MAPPINGS = Map.of(
            "ingest-service", List.of("io.newshound.ingest.config.IngestConfig", HEALTH),
            "classifier-service", List.of("io.newshound.classifier.config.ClassifierConfig", HEALTH),
            "alert-service",
            List.of("io.newshound.alert.config.SecurityConfig", "io.newshound.alert.config.StoryConfig",
                    "io.newshound.alert.config.MatchingConfig", "io.newshound.alert.config.WebhookConfig",
                    "io.newshound.alert.config.InboxConfig",
                    "io.newshound.alert.delivery.notification.NotificationConfig",
                    "io.newshound.alert.health.DeliveryWorkerReadiness$Settings",
                    "io.newshound.alert.intake.IntakeLag$LagConfig", "io.newshound.alert.console.ConsoleConfig",
                    HEALTH));

    /** The topic the ingest outbox writes (rows carry it; no channel names it). */
    private static final String INGEST_OUTBOX_TOPIC = "io.newshound.ingest.event.ArticleIngested";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::[^}]*)?}");
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    static final List<String> SERVICES = List.of("ingest-service", "classifier-service", "alert-service");

    static ServiceFacts of(String service) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(Repository.read(service + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        Set<String> consumed = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> produced = new TreeSet<>();
        Set<String> deadLetters = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            Matcher vars = EXPRESSION.matcher(value);
            while (vars.find()) {
                variables.add(vars.group(1));
            }
            if (key.startsWith("%")) {
                continue; // profile-only settings: not what a deployment runs with
            }
            names.add(key);
            Matcher channel = CHANNEL.matcher(key);
            if (channel.matches()) {
                String attribute = channel.group(3);
                boolean incoming = channel.group(1).equals("incoming");
                String resolved = value.trim();
                if (attribute.equals("topic")) {
                    (incoming ? consumed : produced).add(resolved);
                } else if (attribute.equals("group.id")) {
                    groups.add(resolved);
                } else if (attribute.equals("dead-letter-queue.topic")) {
                    deadLetters.add(resolved);
                }
            }
        }
        for (String mapping : MAPPINGS.get(service)) {
            Class<?> type = load(mapping);
            ConfigMapping m = type.getAnnotation(ConfigMapping.class);
            if (m == null) {
                throw new IllegalStateException(mapping + " has no @ConfigMapping (annotations not loadable?)");
            }
            collect(type, m.prefix(), names, deadLetters);
        }
        if (service.equals("ingest-service")) {
            try {
                produced.add((String) load(INGEST_OUTBOX_TOPIC).getField("TOPIC").get(null));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ServiceFacts(service, Integer.parseInt(props.getProperty("quarkus.http.port")), names, variables,
                consumed, groups, produced, deadLetters, props.containsKey("quarkus.datasource.db-kind"));
    }

    /** @return every topic the service touches */
    Set<String> topics() {
        Set<String> all = new TreeSet<>(consumedTopics);
        all.addAll(producedTopics);
        all.addAll(deadLetterTopics);
        return all;
    }

    /**
     * @return whether the service reads this environment variable: it names one of its configuration properties (the
     *         way SmallRye Config maps names), appears in an expression in its properties, is a Kafka client setting
     *         (every {@code kafka.*} property reaches the service's Kafka clients), or sets its datasource
     */
    boolean reads(String env) {
        if (expressionVariables.contains(env)) {
            return true;
        }
        if (configProperties.stream().anyMatch(p -> envName(p).equals(env))) {
            return true;
        }
        if (env.startsWith("KAFKA_")) {
            String setting = env.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            return ProducerConfig.configNames().contains(setting) || ConsumerConfig.configNames().contains(setting)
                    || AdminClientConfig.configNames().contains(setting);
        }
        // the datasource's credentials are Quarkus properties the services leave to the deployment
        return hasDatabase && Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD").contains(env);
    }

    /**
     * SmallRye Config's environment name of a property: upper case, everything but letters and digits an underscore.
     */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void collect(Class<?> type, String prefix, Set<String> names, Set<String> deadLetters) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.isAnnotationPresent(WithName.class)
                    ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String property = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            Class<?> group = groupType(method.getGenericReturnType());
            if (group != null) {
                collect(group, property, names, deadLetters);
            } else {
                names.add(property);
                WithDefault d = method.getAnnotation(WithDefault.class);
                if (d != null && name.equals("dead-letter-topic")) {
                    deadLetters.add(d.value());
                }
            }
        }
    }

    /** @return the nested configuration group a method returns, or null for a value */
    private static Class<?> groupType(Type returned) {
        Type t = returned;
        if (t instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            t = p.getActualTypeArguments()[0];
        }
        return t instanceof Class<?> c && c.isInterface() && c.getName().startsWith("io.newshound.") ? c : null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
