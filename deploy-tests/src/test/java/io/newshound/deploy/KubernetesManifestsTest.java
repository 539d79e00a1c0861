package io.newshound.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest under {@code deploy/k8s} parses as a Kubernetes object, and each overlay, rendered by
 * {@code kubectl kustomize}, agrees with the services' code: ports, probe paths, the environment variables they read,
 * their topics, consumer groups, Kafka permissions and what may reach the internet.
 */
class KubernetesManifestsTest {

    static final String KUBECTL = "install kubectl (1.21 or later, with kustomize v4+) to render the overlays";
    static final Map<String, ServiceFacts> SERVICES = new HashMap<>();

    @BeforeAll
    static void readTheServices() {
        ServiceFacts.SERVICES.forEach(s -> SERVICES.put(s, ServiceFacts.of(s)));
    }

    static Manifests render(String overlay) {
        return Manifests.parse(Repository.succeed(KUBECTL, "kubectl", "kustomize", "deploy/k8s/overlays/" + overlay));
    }

    @Test
    void everyManifestFileParsesWithTheKubernetesModel() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repository.path("deploy/k8s"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path file : files) {
            Manifests m = Manifests.parse(Files.readString(file));
            assertThat(m.objects).as(file.toString()).isNotEmpty();
            for (HasMetadata o : m.objects) {
                assertThat(o.getMetadata().getName()).as("%s in %s", o.getKind(), file).isNotBlank();
                if (o.getApiVersion().startsWith("apps/") || o.getApiVersion().equals("v1")
                        || o.getApiVersion().startsWith("policy/")
                        || o.getApiVersion().startsWith("networking.k8s.io/")) {
                    assertThat(o).as("built-in %s in %s is read as its model class", o.getKind(), file)
                            .isNotInstanceOf(GenericKubernetesResource.class);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void deploymentsListenProbeAndReadWhatTheServicesDo(String overlay) {
        Manifests m = render(overlay);
        for (ServiceFacts service : SERVICES.values()) {
            Deployment d = m.one(Deployment.class, service.name());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getPorts()).as(service.name()).singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(service.port()))
                    .satisfies(p -> assertThat(p.getName()).isEqualTo("http"));
            assertProbe(c.getStartupProbe(), "/q/health/started");
            assertProbe(c.getReadinessProbe(), "/q/health/ready");
            assertProbe(c.getLivenessProbe(), "/q/health/live");
            assertThat(c.getResources().getRequests()).as(service.name()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(service.name()).containsKey("memory");

            Set<String> env = environment(m, c);
            assertThat(env).as("%s: variables the service does not read", service.name())
                    .allSatisfy(e -> assertThat(service.reads(e)).as(e).isTrue());
            assertThat(env).as("%s: required variables", service.name())
                    .containsAll(ServiceFacts.REQUIRED_ENV.get(service.name()));

            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
            Service s = m.one(Service.class, service.name());
            assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector());
            ServicePort port = s.getSpec().getPorts().get(0);
            assertThat(port.getPort()).isEqualTo(service.port());
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            PodDisruptionBudget pdb = m.one(PodDisruptionBudget.class, service.name());
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyReferencedSecretAndConfigMapExistsOrIsMadeByAnOperator(String overlay) {
        Manifests m = render(overlay);
        Map<String, Set<String>> secrets = new HashMap<>();
        m.all(Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), keys(s)));
        // Strimzi's User Operator writes a Secret per KafkaUser, CloudNativePG one per Cluster ("<name>-app")
        m.custom("KafkaUser").forEach(u -> secrets.put(u.getMetadata().getName(), Set.of("password",
                "sasl.jaas.config")));
        m.custom("Cluster").forEach(c -> secrets.put(c.getMetadata().getName() + "-app", Set.of("username",
                "password", "jdbc-uri", "uri", "host", "port", "dbname")));
        if (overlay.equals("production")) {
            // created by the operator before the first apply (deploy/README.md), never committed
            secrets.put("newshound-admin-keys", Set.of("ingest", "alert", "classifier"));
        }
        Map<String, Set<String>> configMaps = new HashMap<>();
        m.all(ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData().keySet()));

        for (Deployment d : m.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        var ref = e.getValueFrom().getSecretKeyRef();
                        assertThat(secrets.get(ref.getName())).as("secret %s for %s", ref.getName(), e.getName())
                                .isNotNull().contains(ref.getKey());
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = e.getValueFrom().getConfigMapKeyRef();
                        assertThat(configMaps.get(ref.getName())).as("config map %s", ref.getName()).isNotNull()
                                .contains(ref.getKey());
                    }
                }
                for (EnvFromSource from : c.getEnvFrom()) {
                    assertThat(configMaps).containsKey(from.getConfigMapRef().getName());
                }
            }
        }
        for (GenericKubernetesResource auth : m.custom("TriggerAuthentication")) {
            List<Map<String, String>> refs = Manifests.at(auth, "spec", "secretTargetRef");
            refs.forEach(r -> assertThat(secrets.get(r.get("name"))).as("secret %s", r.get("name")).isNotNull()
                    .contains(r.get("key")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void kafkaHasATopicForEveryTopicTheServicesUseAndRoomForItsReplicas(String overlay) {
        Manifests m = render(overlay);
        Set<String> used = new TreeSet<>();
        SERVICES.values().forEach(s -> used.addAll(s.topics()));
        Map<String, GenericKubernetesResource> topics = new HashMap<>();
        m.custom("KafkaTopic").forEach(t -> topics.put(Manifests.at(t, "spec", "topicName"), t));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(used);

        int brokers = m.custom("KafkaNodePool").stream()
                .filter(p -> Manifests.<List<String>>at(p, "spec", "roles").contains("broker"))
                .mapToInt(p -> Manifests.<Integer>at(p, "spec", "replicas")).sum();
        assertThat(brokers).isPositive();
        GenericKubernetesResource kafka = m.custom("Kafka").get(0);
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        Map<String, Object> brokerConfig = Manifests.at(kafka, "spec", "kafka", "config");
        assertThat(((Number) brokerConfig.get("transaction.state.log.replication.factor")).intValue())
                .as("the classifier's transactions need the transaction log").isLessThanOrEqualTo(brokers);
        assertThat(((Number) brokerConfig.get("offsets.topic.replication.factor")).intValue())
                .isLessThanOrEqualTo(brokers);
        for (var topic : topics.entrySet()) {
            GenericKubernetesResource t = topic.getValue();
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            int replicas = Manifests.<Integer>at(t, "spec", "replicas");
            assertThat(replicas).as(topic.getKey()).isBetween(1, brokers);
            assertThat(Manifests.<Integer>at(t, "spec", "partitions")).as(topic.getKey()).isPositive();
            Map<String, Object> config = Manifests.at(t, "spec", "config");
            assertThat(config).as(topic.getKey()).containsKey("retention.ms");
            assertThat(((Number) config.get("min.insync.replicas")).intValue()).isLessThanOrEqualTo(replicas);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void eachServicesKafkaUserMayDoWhatItDoesAndNoMore(String overlay) {
        Manifests m = render(overlay);
        for (ServiceFacts service : SERVICES.values()) {
            GenericKubernetesResource user = m.custom("KafkaUser").stream()
                    .filter(u -> u.getMetadata().getName().equals(service.name())).findFirst().orElseThrow();
            Set<String> granted = new TreeSet<>();
            List<Map<String, Object>> acls = Manifests.at(user, "spec", "authorization", "acls");
            for (Map<String, Object> acl : acls) {
                @SuppressWarnings("unchecked")
                Map<String, String> resource = (Map<String, String>) acl.get("resource");
                @SuppressWarnings("unchecked")
                List<String> operations = (List<String>) acl.get("operations");
                operations.forEach(op -> granted.add(resource.get("type") + ":" + resource.get("name") + ":" + op));
            }
            Set<String> needed = new TreeSet<>();
            service.consumedTopics().forEach(t -> needed.add("topic:" + t + ":Read"));
            service.consumerGroups().forEach(g -> needed.add("group:" + g + ":Read"));
            service.producedTopics().forEach(t -> needed.add("topic:" + t + ":Write"));
            service.deadLetterTopics().forEach(t -> needed.add("topic:" + t + ":Write"));
            assertThat(granted).as(service.name()).containsAll(needed);
            assertThat(granted.stream().filter(g -> g.endsWith(":Read") || g.endsWith(":Write"))
                    .filter(g -> !g.startsWith("transactionalId:")).toList()).as("%s: nothing more", service.name())
                    .containsExactlyInAnyOrderElementsOf(needed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void consumersScaleOnTheLagOfTheirRealConsumerGroup(String overlay) {
        Manifests m = render(overlay);
        String bootstrap = m.one(ConfigMap.class, "newshound-config").getData().get("KAFKA_BOOTSTRAP_SERVERS");
        for (String name : List.of("classifier-service", "alert-service")) {
            ServiceFacts service = SERVICES.get(name);
            GenericKubernetesResource scaled = m.custom("ScaledObject").stream()
                    .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertThat(Manifests.<String>at(scaled, "spec", "scaleTargetRef", "name")).isEqualTo(name);
            List<Map<String, Object>> triggers = Manifests.at(scaled, "spec", "triggers");
            assertThat(triggers).singleElement().satisfies(t -> {
                assertThat(t.get("type")).isEqualTo("kafka");
                @SuppressWarnings("unchecked")
                Map<String, String> meta = (Map<String, String>) t.get("metadata");
                assertThat(meta.get("consumerGroup")).isIn(service.consumerGroups());
                assertThat(meta.get("topic")).isIn(service.consumedTopics());
                assertThat(meta.get("bootstrapServers")).isEqualTo(bootstrap);
            });
            int partitions = m.custom("KafkaTopic").stream()
                    .filter(t -> service.consumedTopics().contains(Manifests.<String>at(t, "spec", "topicName")))
                    .mapToInt(t -> Manifests.<Integer>at(t, "spec", "partitions")).min().orElseThrow();
            assertThat(Manifests.<Integer>at(scaled, "spec", "maxReplicaCount")).isLessThanOrEqualTo(partitions);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void onlyServicesThatCallOutReachTheInternetAndEveryPodIsDeniedByDefault(String overlay) {
        Manifests m = render(overlay);
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        Set<String> withInternet = new HashSet<>();
        for (Deployment d : m.all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> labels.entrySet()
                            .containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .toList();
            assertThat(selecting).as(d.getMetadata().getName())
                    .anySatisfy(p -> assertThat(p.getSpec().getEgress()).isNullOrEmpty())
                    .anySatisfy(p -> assertThat(p.getSpec().getIngress()).isNullOrEmpty());
            List<NetworkPolicyEgressRule> egress = new ArrayList<>();
            selecting
                    .forEach(p -> egress.addAll(p.getSpec().getEgress() == null ? List.of() : p.getSpec().getEgress()));
            if (egress.stream().anyMatch(r -> r.getTo().stream().anyMatch(t -> t.getIpBlock() != null))) {
                withInternet.add(d.getMetadata().getName());
            }
        }
        // webhook receivers (alert-service) and the feeds ingest-service polls are on the internet; nothing else
        assertThat(withInternet).containsExactlyInAnyOrder("alert-service", "ingest-service");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static Set<String> environment(Manifests m, Container c) {
        Set<String> names = new TreeSet<>();
        c.getEnv().forEach(e -> names.add(e.getName()));
        for (EnvFromSource from : c.getEnvFrom()) {
            names.addAll(m.one(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet());
        }
        return names;
    }

    private static Set<String> keys(Secret s) {
        Set<String> keys = new HashSet<>();
        if (s.getData() != null) {
            keys.addAll(s.getData().keySet());
        }
        if (s.getStringData() != null) {
            keys.addAll(s.getStringData().keySet());
        }
        return keys;
    }
}
