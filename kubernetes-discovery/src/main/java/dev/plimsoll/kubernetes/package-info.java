/**
 * Kubernetes pod discovery for scraping, like Prometheus' {@code kubernetes_sd} pod role with the
 * {@code prometheus.io/*} annotation convention, each target tagged with the workload that owns it.
 *
 * <p>{@link dev.plimsoll.kubernetes.PodTargetMapper} is the pure part: fabric8 model objects in, a
 * {@link dev.plimsoll.kubernetes.PodDiscoverySnapshot} out (targets, workloads, skipped pods and why), no I/O.
 * {@link dev.plimsoll.kubernetes.KubernetesPodDiscovery} keeps a snapshot current with shared informers on
 * Pods and ReplicaSets. Fabric8 client API only, no framework imports: the collector hands in its
 * Quarkus-managed {@code KubernetesClient}.
 */
package dev.plimsoll.kubernetes;
