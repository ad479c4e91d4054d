package dev.plimsoll.kubernetes;

import dev.plimsoll.kubernetes.KubernetesDiscoveryException.Failure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scrape targets from Kubernetes pods, kept current by shared informers on Pods and ReplicaSets (the latter to
 * resolve Deployment owners without a GET per pod). Mapping rules: {@link PodTargetMapper}.
 *
 * <pre>{@code
 * var discovery = new KubernetesPodDiscovery(client, List.of("llm"), "app.kubernetes.io/part-of=inference", Duration.ofSeconds(10));
 * discovery.addListener(() -> scraper.retarget(discovery.current().targets()));
 * discovery.start();          // waits at most the sync timeout; throws KubernetesDiscoveryException on failure
 * ...
 * boolean ready = discovery.isWatching();
 * discovery.close();
 * }</pre>
 *
 * <p>Thread-safe. Informer events are coalesced onto one daemon thread, which recomputes the snapshot from the
 * informers' caches and calls the listeners when it changed. Errors after a successful start (a dropped watch, a
 * revoked permission) are retried by the informers and reported through {@link #isWatching()} and
 * {@link #lastError()}; they never throw into the caller.
 */
public final class KubernetesPodDiscovery implements AutoCloseable {

  /** How long {@link #start()} waits for the initial list of pods and ReplicaSets by default. */
  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(10);

  static final String RBAC_HINT = "the service account needs get, list and watch on pods (API group \"\") and replicasets (API group \"apps\")";

  private static final int PROBE_TIMEOUT_MILLIS = 1_000;

  private static final System.Logger LOG = System.getLogger(KubernetesPodDiscovery.class.getName());

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final String labelSelector;
  private final Duration syncTimeout;

  private final Object lifecycle = new Object();
  private volatile List<Watched<?>> watched = List.of(); // replaced, never mutated; written under lifecycle
  private volatile Map<String, SharedIndexInformer<ReplicaSet>> replicaSetInformers = Map.of(); // key "" = all namespaces
  private volatile boolean started;
  private volatile boolean closed;
  private volatile boolean startFailed; // only read by the exception handlers of the current start attempt
  private volatile PodDiscoverySnapshot current = PodDiscoverySnapshot.empty();
  private volatile KubernetesDiscoveryException lastError;

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean refreshPending = new AtomicBoolean();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "plimsoll-kubernetes-discovery");
    t.setDaemon(true);
    return t;
  });

  /** One informer and what it watches, for messages. */
  private record Watched<T extends HasMetadata>(String resource, String namespace, SharedIndexInformer<T> informer) {
    String scope() {
      return resource + (namespace == null ? " in all namespaces" : " in namespace " + namespace);
    }
  }

  /**
   * @param client        a configured client; not closed by {@link #close()} (the caller owns it)
   * @param namespaces    namespaces to watch; empty for all namespaces (which needs cluster-wide RBAC)
   * @param labelSelector optional pod label selector, e.g. {@code app.kubernetes.io/part-of=inference}; null or blank for all pods
   * @param syncTimeout   how long {@link #start()} waits for the initial list; {@link #DEFAULT_SYNC_TIMEOUT} is a sane value
   */
  public KubernetesPodDiscovery(KubernetesClient client, List<String> namespaces, String labelSelector, Duration syncTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespaces = namespaces.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    this.labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
    if (syncTimeout.isNegative() || syncTimeout.isZero()) {
      throw new IllegalArgumentException("syncTimeout must be positive, got " + syncTimeout);
    }
    this.syncTimeout = syncTimeout;
  }

  /** Same, waiting {@link #DEFAULT_SYNC_TIMEOUT} for the initial list. */
  public KubernetesPodDiscovery(KubernetesClient client, List<String> namespaces, String labelSelector) {
    this(client, namespaces, labelSelector, DEFAULT_SYNC_TIMEOUT);
  }

  /**
   * Starts the informers and waits, at most the sync timeout, for their initial list and watch; then
   * {@link #current()} holds the first snapshot and the listeners have been called once. Does nothing if already
   * started. After a failure, calling again retries with fresh informers.
   *
   * <p>Bounded: returns or throws within the sync timeout, plus at most one second for a TCP probe that tells an
   * unreachable API server from a slow one when the timeout passed without any error.
   *
   * @throws KubernetesDiscoveryException {@code FORBIDDEN}/{@code UNAUTHORIZED} at once on a 403/401 (the message
   *                                      names the missing permission); {@code UNREACHABLE} or {@code TIMEOUT} when
   *                                      the informers did not sync within the timeout (other errors are retried
   *                                      until then, and the last one is in the message). Also kept as
   *                                      {@link #lastError()}.
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("discovery is closed");
      }
      if (started) {
        return;
      }
      stopInformers();
      startFailed = false;
      Map<String, SharedIndexInformer<ReplicaSet>> rsInformers = new HashMap<>();
      List<Watched<?>> informers = new ArrayList<>();
      List<String> scopes = namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces;
      for (String ns : scopes) {
        FilterWatchListDeletable<Pod, PodList, PodResource> pods = ns == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(ns);
        if (labelSelector != null) {
          pods = pods.withLabelSelector(labelSelector);
        }
        var podWatch = new Watched<>("pods", ns, pods.runnableInformer(0));
        podWatch.informer().addEventHandler(handler(false));
        podWatch.informer().exceptionHandler((isStarted, t) -> onInformerError(podWatch, isStarted, t));
        informers.add(podWatch);

        FilterWatchListDeletable<ReplicaSet, ReplicaSetList, RollableScalableResource<ReplicaSet>> replicaSets =
            ns == null ? client.apps().replicaSets().inAnyNamespace() : client.apps().replicaSets().inNamespace(ns);
        var rsWatch = new Watched<>("replicasets", ns, replicaSets.runnableInformer(0));
        rsWatch.informer().addEventHandler(handler(true));
        rsWatch.informer().exceptionHandler((isStarted, t) -> onInformerError(rsWatch, isStarted, t));
        informers.add(rsWatch);
        rsInformers.put(ns == null ? "" : ns, rsWatch.informer());
      }
      watched = List.copyOf(informers);
      replicaSetInformers = Map.copyOf(rsInformers);

      List<CompletableFuture<Void>> syncs = new ArrayList<>();
      for (Watched<?> w : watched) {
        syncs.add(w.informer().start().toCompletableFuture());
      }
      KubernetesDiscoveryException failure = awaitSync(syncs);
      if (failure != null) {
        stopInformers();
        lastError = failure;
        throw failure;
      }
      started = true;
      lastError = null;
      LOG.log(System.Logger.Level.INFO, "watching pods and replicasets in {0}{1}", namespaces.isEmpty() ? "all namespaces" : namespaces,
          labelSelector == null ? "" : " (pods matching " + labelSelector + ")");
    }
    // the first snapshot, on the refresher thread like every later one, so listeners never run concurrently
    try {
      refreshPending.set(true);
      refresher.submit(() -> refresh(true)).get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "first snapshot not ready when start() returned", e);
    }
  }

  /** The latest snapshot; empty before {@link #start()} succeeded. Never null, immutable. */
  public PodDiscoverySnapshot current() {
    return current;
  }

  /**
   * Calls {@code listener} after every change of {@link #current()}, on the discovery's own thread (one call at a
   * time). It should return quickly; what it throws is logged and ignored.
   */
  public void addListener(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  /** True once started and while every informer has a live watch: the snapshot is current. For a readiness check. */
  public boolean isWatching() {
    if (!started || closed) {
      return false;
    }
    List<Watched<?>> informers = watched;
    return !informers.isEmpty() && informers.stream().allMatch(w -> w.informer().isWatching());
  }

  /**
   * The most recent failure: of {@link #start()}, or of a list/watch after it (which the informers retry). Cleared by
   * a successful {@link #start()} only, so read it together with {@link #isWatching()}.
   */
  public Optional<KubernetesDiscoveryException> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Stops the informers and the discovery thread. The client stays open. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      started = false;
      stopInformers();
    }
    refresher.shutdownNow();
  }

  @Override
  public String toString() {
    return "KubernetesPodDiscovery[namespaces=" + (namespaces.isEmpty() ? "all" : namespaces) + ", labelSelector=" + labelSelector + "]";
  }

  // --- internals ---

  private <T extends HasMetadata> ResourceEventHandler<T> handler(boolean replicaSets) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        requestRefresh();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        // ReplicaSets change status on every scale; only their owners matter here
        if (!replicaSets || !Objects.equals(oldObj.getMetadata().getOwnerReferences(), newObj.getMetadata().getOwnerReferences())) {
          requestRefresh();
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        requestRefresh();
      }
    };
  }

  /**
   * Before the first sync: a 401/403 fails the start at once (retrying will not grant a permission); anything else is
   * remembered for the timeout message and retried. After: remembered and retried.
   */
  private boolean onInformerError(Watched<?> w, boolean isStarted, Throwable t) {
    KubernetesDiscoveryException error = translate(w, t);
    lastError = error;
    if (!isStarted && (error.failure() == Failure.FORBIDDEN || error.failure() == Failure.UNAUTHORIZED)) {
      return false;
    }
    if (started) {
      LOG.log(System.Logger.Level.WARNING, "{0}; retrying", error.getMessage());
    }
    return !startFailed && !closed;
  }

  private KubernetesDiscoveryException awaitSync(List<CompletableFuture<Void>> syncs) {
    CompletableFuture<Void> all = CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
    try {
      all.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      startFailed = true;
      return new KubernetesDiscoveryException(Failure.OTHER, "interrupted while waiting for the initial list of pods and replicasets", e);
    } catch (ExecutionException e) {
      startFailed = true;
      for (int i = 0; i < syncs.size(); i++) {
        CompletableFuture<Void> f = syncs.get(i);
        if (f.isCompletedExceptionally()) {
          Throwable cause = f.handle((v, t) -> t).join();
          return translate(watched.get(i), cause);
        }
      }
      return translate(watched.get(0), e.getCause());
    } catch (TimeoutException e) {
      startFailed = true;
      List<String> pending = new ArrayList<>();
      for (int i = 0; i < syncs.size(); i++) {
        if (!syncs.get(i).isDone()) {
          pending.add(watched.get(i).scope());
        }
      }
      KubernetesDiscoveryException last = lastError;
      String message = "initial list of " + String.join(", ", pending) + " did not complete within " + syncTimeout.toMillis()
          + " ms from the Kubernetes API server at " + client.getMasterUrl();
      if (last != null) {
        return new KubernetesDiscoveryException(last.failure() == Failure.UNREACHABLE ? Failure.UNREACHABLE : Failure.TIMEOUT,
            message + "; last error: " + last.getMessage(), last);
      }
      // The client retries failed requests with its own backoff, so a refused connection may not have surfaced yet:
      // one direct connection attempt tells "unreachable" from "slow".
      String unreachable = probeConnection(client.getMasterUrl());
      if (unreachable != null) {
        return new KubernetesDiscoveryException(Failure.UNREACHABLE, message + ": cannot reach it (" + unreachable + ")", e);
      }
      return new KubernetesDiscoveryException(Failure.TIMEOUT, message + " (it accepts connections but did not answer in time)", e);
    }
  }

  /** Null if a TCP connection to the API server's host and port opens within a second, else what went wrong. */
  static String probeConnection(URL url) {
    int port = url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), port), PROBE_TIMEOUT_MILLIS);
      return null;
    } catch (SocketTimeoutException e) {
      return "no TCP connection to " + url.getHost() + ":" + port + " within " + PROBE_TIMEOUT_MILLIS + " ms";
    } catch (IOException | IllegalArgumentException e) {
      return "TCP connection to " + url.getHost() + ":" + port + " failed: " + e;
    }
  }

  private KubernetesDiscoveryException translate(Watched<?> w, Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof KubernetesDiscoveryException k) {
        return k;
      }
      if (c instanceof KubernetesClientException k && k.getCode() > 0) {
        String said = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
        return switch (k.getCode()) {
          case 403 -> new KubernetesDiscoveryException(Failure.FORBIDDEN,
              "forbidden to list/watch " + w.scope() + ": " + RBAC_HINT + " (API server said: " + said + ")", t);
          case 401 -> new KubernetesDiscoveryException(Failure.UNAUTHORIZED,
              "unauthorized to list/watch " + w.scope() + ": the API server at " + client.getMasterUrl() + " refused the credentials (" + said + ")", t);
          default -> new KubernetesDiscoveryException(Failure.OTHER,
              "listing/watching " + w.scope() + " failed with HTTP " + k.getCode() + ": " + said, t);
        };
      }
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException) {
        return new KubernetesDiscoveryException(Failure.UNREACHABLE,
            "cannot reach the Kubernetes API server at " + client.getMasterUrl() + " to list/watch " + w.scope() + ": " + c, t);
      }
    }
    return new KubernetesDiscoveryException(Failure.OTHER, "listing/watching " + w.scope() + " failed: " + t, t);
  }

  private void stopInformers() {
    for (Watched<?> w : watched) {
      try {
        w.informer().stop();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "stopping informer for " + w.scope(), e);
      }
    }
    watched = List.of();
    replicaSetInformers = Map.of();
  }

  private void requestRefresh() {
    if (started && refreshPending.compareAndSet(false, true)) {
      try {
        refresher.execute(() -> refresh(false));
      } catch (RejectedExecutionException closing) {
        refreshPending.set(false);
      }
    }
  }

  /** On the refresher thread only; {@code force} calls the listeners even if nothing changed (the first snapshot). */
  private void refresh(boolean force) {
    refreshPending.set(false); // events from now on schedule another pass
    if (!started || closed) {
      return;
    }
    List<Pod> pods = new ArrayList<>();
    for (Watched<?> w : watched) {
      if (w.resource().equals("pods")) {
        for (Object o : w.informer().getStore().list()) {
          pods.add((Pod) o);
        }
      }
    }
    Map<String, SharedIndexInformer<ReplicaSet>> rs = replicaSetInformers;
    ReplicaSetLookup lookup = (namespace, name) -> {
      SharedIndexInformer<ReplicaSet> informer = rs.getOrDefault(namespace, rs.get(""));
      return informer == null ? Optional.empty() : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    };
    PodDiscoverySnapshot next = PodTargetMapper.map(pods, lookup);
    if (!force && next.equals(current)) {
      return;
    }
    current = next;
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "discovery listener failed", e);
      }
    }
  }
}
