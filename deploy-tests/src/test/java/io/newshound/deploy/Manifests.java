package io.newshound.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** A set of Kubernetes objects read with fabric8's model: typed for built-in kinds, generic for custom resources. */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** Reads a stream of YAML documents (a file, or the output of {@code kubectl kustomize}). */
    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        for (String line : (yaml + "\n---").split("\n")) {
            if (line.equals("---")) {
                if (!doc.toString().lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                    objects.add(Objects.requireNonNull(SERIALIZATION.unmarshal(doc.toString(), HasMetadata.class)));
                }
                doc.setLength(0);
            } else {
                doc.append(line).append('\n');
            }
        }
        return new Manifests(objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** @return the custom resources of one kind */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    List<GenericKubernetesResource> custom(String kind, Predicate<GenericKubernetesResource> filter) {
        return custom(kind).stream().filter(filter).toList();
    }

    /** Reads a path of nested maps and lists in a custom resource ("spec", "kafka", "config"). */
    @SuppressWarnings("unchecked")
    static <T> T at(GenericKubernetesResource r, String... path) {
        Object node = r.getAdditionalProperties();
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return (T) node;
    }
}
