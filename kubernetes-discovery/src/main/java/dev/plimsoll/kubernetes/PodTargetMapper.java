package dev.plimsoll.kubernetes;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.kubernetes.SkippedPod.Reason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns pods into scrape targets, the way Prometheus' {@code kubernetes_sd} pod role plus the usual
 * {@code prometheus.io/*} relabelling would, and tags each target with its workload. No I/O, no clock: the same
 * pods and ReplicaSets always give the same snapshot.
 *
 * <p>A pod is a target when it is annotated {@code prometheus.io/scrape: "true"}, is not being deleted, is in phase
 * {@code Running} with condition {@code Ready=True}, and has a pod IP. Annotated pods that miss one of these, or
 * whose port, scheme or workload cannot be worked out, are listed as {@link SkippedPod}s; pods without the
 * annotation are not mentioned at all.
 *
 * <p>The workload is {@code plimsoll.dev/workload} when set, else found through controller owner references:
 * Pod -> ReplicaSet -> its controller (a Deployment, or e.g. an Argo Rollout) gives that controller; a ReplicaSet
 * without a controller gives the ReplicaSet; any other controller (StatefulSet, DaemonSet, Job, ...) gives itself;
 * no controller gives {@code Pod/<name>}.
 */
public final class PodTargetMapper {

  static final String PLATFORM = "kubernetes";
  static final String DEFAULT_PATH = "/metrics";
  static final String DEFAULT_SCHEME = "http";
  /** Set by the Deployment controller on its ReplicaSets' pods; the ReplicaSet is named {@code <deployment>-<hash>}. */
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private PodTargetMapper() {}

  /** Maps every pod; the snapshot's lists are sorted by namespace, then pod name. */
  public static PodDiscoverySnapshot map(Collection<Pod> pods, ReplicaSetLookup replicaSets) {
    List<Pod> ordered = new ArrayList<>(pods);
    ordered.sort(Comparator.comparing((Pod p) -> nullToEmpty(p.getMetadata().getNamespace()))
        .thenComparing(p -> nullToEmpty(p.getMetadata().getName())));
    List<ScrapeTarget> targets = new ArrayList<>();
    List<SkippedPod> skipped = new ArrayList<>();
    List<IgnoredAnnotation> ignored = new ArrayList<>();
    for (Pod pod : ordered) {
      switch (map(pod, replicaSets)) {
        case Outcome.NotCandidate ignoredPod -> { }
        case Outcome.Skipped s -> skipped.add(s.pod());
        case Outcome.Target t -> {
          targets.add(t.target());
          ignored.addAll(t.ignoredAnnotations());
        }
      }
    }
    Map<WorkloadId, Integer> counts = new TreeMap<>(Comparator.comparing(WorkloadId::toString));
    for (ScrapeTarget target : targets) {
      counts.merge(target.workload(), 1, Integer::sum);
    }
    return new PodDiscoverySnapshot(targets, counts, skipped, ignored);
  }

  /** What became of one pod. */
  public sealed interface Outcome {
    /** Not annotated {@code prometheus.io/scrape: "true"}: not a candidate, not reported. */
    record NotCandidate() implements Outcome {}

    record Skipped(SkippedPod pod) implements Outcome {}

    record Target(ScrapeTarget target, List<IgnoredAnnotation> ignoredAnnotations) implements Outcome {}
  }

  /** Maps one pod. */
  public static Outcome map(Pod pod, ReplicaSetLookup replicaSets) {
    ObjectMeta meta = pod.getMetadata();
    String namespace = meta.getNamespace();
    String name = meta.getName();
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    if (!"true".equalsIgnoreCase(strip(annotations.get(PodAnnotations.SCRAPE)))) {
      return new Outcome.NotCandidate();
    }
    if (meta.getDeletionTimestamp() != null) {
      return skip(pod, Reason.TERMINATING, "being deleted since " + meta.getDeletionTimestamp());
    }
    var status = pod.getStatus();
    String phase = status == null ? null : status.getPhase();
    if (!"Running".equals(phase)) {
      return skip(pod, Reason.NOT_RUNNING, "phase is " + (phase == null ? "unknown" : phase));
    }
    if (!isReady(pod)) {
      return skip(pod, Reason.NOT_READY, "condition Ready is not True");
    }
    String podIp = status.getPodIP();
    if (podIp == null || podIp.isBlank()) {
      return skip(pod, Reason.NO_POD_IP, "no status.podIP");
    }

    WorkloadId workload;
    String workloadAnnotation = strip(annotations.get(PodAnnotations.WORKLOAD));
    if (workloadAnnotation != null) {
      try {
        workload = WorkloadId.parse(workloadAnnotation);
      } catch (IllegalArgumentException e) {
        return skip(pod, Reason.INVALID_WORKLOAD, PodAnnotations.WORKLOAD + ": " + e.getMessage());
      }
    } else {
      workload = workloadOf(pod, replicaSets);
    }

    String scheme = strip(annotations.get(PodAnnotations.SCHEME));
    scheme = scheme == null ? DEFAULT_SCHEME : scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return skip(pod, Reason.INVALID_SCHEME, PodAnnotations.SCHEME + " '" + annotations.get(PodAnnotations.SCHEME) + "' is not http or https");
    }

    PortChoice port;
    String portAnnotation = strip(annotations.get(PodAnnotations.PORT));
    List<DeclaredPort> declared = declaredTcpPorts(pod);
    if (portAnnotation != null) {
      Optional<PortChoice> chosen = portFromAnnotation(portAnnotation, declared);
      if (chosen.isEmpty()) {
        return skip(pod, Reason.INVALID_PORT, PodAnnotations.PORT + " '" + portAnnotation
            + "' is neither a port number (1-65535) nor the name of a declared container port");
      }
      port = chosen.get();
    } else if (declared.size() == 1) {
      port = new PortChoice(declared.get(0).port(), declared.get(0).container());
    } else if (declared.isEmpty()) {
      return skip(pod, Reason.NO_PORT, "no " + PodAnnotations.PORT + " annotation and no declared TCP container port");
    } else {
      List<String> listed = declared.stream().map(d -> d.container() + "/" + d.port()).toList();
      return skip(pod, Reason.AMBIGUOUS_PORT, declared.size() + " declared ports " + listed + "; set " + PodAnnotations.PORT);
    }

    String path = strip(annotations.get(PodAnnotations.PATH));
    if (path == null) {
      path = DEFAULT_PATH;
    } else if (!path.startsWith("/")) {
      path = "/" + path;
    }
    String host = podIp.indexOf(':') >= 0 ? "[" + podIp + "]" : podIp;
    String url = scheme + "://" + host + ":" + port.port() + path;

    Map<String, String> labels = new TreeMap<>();
    labels.put("namespace", namespace);
    labels.put("pod", name);
    if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
      labels.put("node", pod.getSpec().getNodeName());
    }
    labels.put("pod_ip", podIp);
    if (port.container() != null) {
      labels.put("container", port.container());
    }
    if (meta.getLabels() != null) {
      // sorted so that two labels sanitising to the same name resolve the same way every time
      new TreeMap<>(meta.getLabels()).forEach((k, v) -> labels.put("pod_label_" + sanitizeLabelName(k), v));
    }

    List<IgnoredAnnotation> ignored = new ArrayList<>();
    Duration interval = positiveDuration(pod, annotations, PodAnnotations.SCRAPE_INTERVAL, ignored);
    Duration timeout = positiveDuration(pod, annotations, PodAnnotations.SCRAPE_TIMEOUT, ignored);
    if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
      ignored.add(new IgnoredAnnotation(namespace, name, PodAnnotations.SCRAPE_TIMEOUT, annotations.get(PodAnnotations.SCRAPE_TIMEOUT),
          "longer than " + PodAnnotations.SCRAPE_INTERVAL + " " + annotations.get(PodAnnotations.SCRAPE_INTERVAL)));
      timeout = null;
    }
    return new Outcome.Target(new ScrapeTarget(url, workload, name, labels, interval, timeout), ignored);
  }

  /**
   * The workload that owns a pod, found through controller owner references (the annotation is not read here).
   */
  public static WorkloadId workloadOf(Pod pod, ReplicaSetLookup replicaSets) {
    String namespace = pod.getMetadata().getNamespace();
    Optional<OwnerReference> controller = controllerOf(pod);
    if (controller.isEmpty()) {
      return new WorkloadId(PLATFORM, namespace, "Pod", pod.getMetadata().getName());
    }
    OwnerReference owner = controller.get();
    if (!"ReplicaSet".equals(owner.getKind())) {
      return new WorkloadId(PLATFORM, namespace, owner.getKind(), owner.getName());
    }
    Optional<ReplicaSet> replicaSet = replicaSets.find(namespace, owner.getName());
    if (replicaSet.isPresent()) {
      return controllerOf(replicaSet.get())
          .map(rsOwner -> new WorkloadId(PLATFORM, namespace, rsOwner.getKind(), rsOwner.getName()))
          .orElseGet(() -> new WorkloadId(PLATFORM, namespace, "ReplicaSet", owner.getName()));
    }
    // Not (yet) in the cache, e.g. a pod event that raced its ReplicaSet's: the Deployment controller names its
    // ReplicaSets <deployment>-<pod-template-hash> and puts the hash on their pods, so the Deployment is known anyway.
    String hash = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(POD_TEMPLATE_HASH);
    String suffix = "-" + hash;
    if (hash != null && !hash.isEmpty() && owner.getName().endsWith(suffix) && owner.getName().length() > suffix.length()) {
      return new WorkloadId(PLATFORM, namespace, "Deployment", owner.getName().substring(0, owner.getName().length() - suffix.length()));
    }
    return new WorkloadId(PLATFORM, namespace, "ReplicaSet", owner.getName());
  }

  /** Replaces every character outside {@code [a-zA-Z0-9_]} with {@code _}, as Prometheus does for meta labels. */
  public static String sanitizeLabelName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  private static Optional<OwnerReference> controllerOf(HasMetadata resource) {
    List<OwnerReference> refs = resource.getMetadata().getOwnerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  private static boolean isReady(Pod pod) {
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions != null && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private record DeclaredPort(String container, String name, int port) {}

  private record PortChoice(int port, String container) {}

  /** TCP ports of the regular containers, in declaration order (init containers are not scraped). */
  private static List<DeclaredPort> declaredTcpPorts(Pod pod) {
    List<DeclaredPort> ports = new ArrayList<>();
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return ports;
    }
    for (Container container : pod.getSpec().getContainers()) {
      if (container.getPorts() == null) {
        continue;
      }
      for (ContainerPort p : container.getPorts()) {
        boolean tcp = p.getProtocol() == null || p.getProtocol().equalsIgnoreCase("TCP");
        if (tcp && p.getContainerPort() != null) {
          ports.add(new DeclaredPort(container.getName(), p.getName(), p.getContainerPort()));
        }
      }
    }
    return ports;
  }

  private static Optional<PortChoice> portFromAnnotation(String value, List<DeclaredPort> declared) {
    if (value.chars().allMatch(Character::isDigit)) {
      int port;
      try {
        port = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (port < 1 || port > 65535) {
        return Optional.empty();
      }
      String container = declared.stream().filter(d -> d.port() == port).map(DeclaredPort::container).findFirst().orElse(null);
      return Optional.of(new PortChoice(port, container));
    }
    return declared.stream().filter(d -> value.equals(d.name())).findFirst().map(d -> new PortChoice(d.port(), d.container()));
  }

  private static Duration positiveDuration(Pod pod, Map<String, String> annotations, String annotation, List<IgnoredAnnotation> ignored) {
    String value = annotations.get(annotation);
    if (value == null) {
      return null;
    }
    try {
      Duration d = GoDurations.parse(value.strip());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be longer than zero");
      }
      return d;
    } catch (IllegalArgumentException e) {
      ignored.add(new IgnoredAnnotation(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), annotation, value, e.getMessage()));
      return null;
    }
  }

  private static Outcome skip(Pod pod, Reason reason, String detail) {
    return new Outcome.Skipped(new SkippedPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), reason, detail));
  }

  private static String strip(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    return s.isEmpty() ? null : s;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
