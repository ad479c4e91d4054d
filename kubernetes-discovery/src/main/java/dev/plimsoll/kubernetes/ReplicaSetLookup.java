package dev.plimsoll.kubernetes;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a ReplicaSet by namespace and name, so a pod's Deployment is resolved without a GET per pod. Backed by an
 * informer's store in {@link KubernetesPodDiscovery}, by a collection in tests.
 */
@FunctionalInterface
public interface ReplicaSetLookup {

  Optional<ReplicaSet> find(String namespace, String name);

  /** Knows no ReplicaSet: Deployment-owned pods then resolve through their {@code pod-template-hash} label alone. */
  static ReplicaSetLookup none() {
    return (namespace, name) -> Optional.empty();
  }

  /** Looks up in a fixed collection. */
  static ReplicaSetLookup of(Collection<ReplicaSet> replicaSets) {
    Map<String, ReplicaSet> byKey = new HashMap<>();
    for (ReplicaSet rs : replicaSets) {
      byKey.put(rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName(), rs);
    }
    return (namespace, name) -> Optional.ofNullable(byKey.get(namespace + "/" + name));
  }
}
