package dev.plimsoll.scaler.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.scaler.config.ScalerConfig;
import dev.plimsoll.scaler.crd.Conditions.Condition;
import dev.plimsoll.scaler.policy.PolicyDocument;
import dev.plimsoll.scaler.policy.PolicyEntity;
import dev.plimsoll.scaler.policy.PolicyRepository;
import dev.plimsoll.scaler.policy.PolicyStore;
import dev.plimsoll.scaler.web.FieldErrorsException;
import dev.plimsoll.scaler.web.ProblemException;
import dev.plimsoll.web.problem.JsonProblems;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps a policy for each {@code ScalingPolicy} resource (plimsoll.dev/v1alpha1) when
 * {@code scaler.kubernetes.policies} is on: its spec is the policy document (without workload; the policy scales its
 * {@code scaleTargetRef} in the resource's namespace), validated and stored as the REST API stores one (source
 * {@code kubernetes}; the REST API refuses to change it). The outcome is written to the resource's status: condition
 * {@code Ready} (reason {@code Accepted}, or {@code InvalidSpec} / {@code UnknownWorkload} / {@code Conflict} with
 * every reason), {@code observedGeneration}, {@code policyId}, {@code policyVersion}, {@code workload}. A deleted
 * resource deletes its policy; policies of resources deleted while the scaler was down go at start.
 */
@ApplicationScoped
public class ScalingPolicyWatcher {
  private static final Logger LOG = Logger.getLogger(ScalingPolicyWatcher.class);

  private final ScalerConfig config;
  private final Instance<KubernetesClient> client;
  private final PolicyStore store;
  private final PolicyRepository policies;
  private final ObjectMapper mapper;
  private final Clock clock;
  private volatile SharedIndexInformer<GenericKubernetesResource> informer;
  private volatile boolean stopped;

  public ScalingPolicyWatcher(ScalerConfig config, Instance<KubernetesClient> client, PolicyStore store, PolicyRepository policies,
      ObjectMapper mapper, Clock clock) {
    this.config = config;
    this.client = client;
    this.store = store;
    this.policies = policies;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The outcome of applying one resource. */
  record Outcome(boolean ready, String reason, String message, PolicyEntity policy) {}

  void start(@Observes StartupEvent event) {
    if (!config.kubernetes().policies()) {
      return;
    }
    Thread.ofVirtual().name("scalingpolicy-watcher").start(this::run);
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (informer != null) {
      informer.close();
    }
  }

  /** Whether the informer has listed the resources (tests and diagnostics). */
  public boolean synced() {
    return informer != null && informer.hasSynced();
  }

  private void run() {
    while (!stopped) {
      try {
        informer = client.get().genericKubernetesResources(ScalingPolicies.CONTEXT).inAnyNamespace().inform(new Handler(), 0);
        LOG.infof("watching ScalingPolicy resources (%d found)", informer.getStore().list().size());
        sweep(informer.getStore().list().stream().map(ScalingPolicies::ref).collect(Collectors.toSet()));
        return;
      } catch (RuntimeException e) {
        LOG.errorf("cannot watch ScalingPolicy resources (is the CRD deploy/k8s/base/scalingpolicy-crd.yaml installed?): %s; retrying in 30 s",
            e.getMessage());
        sleep(30_000);
      }
    }
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource r) {
      apply(r);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      // Our own status writes come back as updates: only a changed spec (or a missing verdict) is applied again.
      if (Objects.equals(ScalingPolicies.spec(before), ScalingPolicies.spec(after)) && ScalingPolicies.hasReady(after)) {
        return;
      }
      apply(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
      remove(ScalingPolicies.ref(r));
    }
  }

  /** Applies one resource: stores its policy (or says why not) and writes the verdict to its status. */
  void apply(GenericKubernetesResource r) {
    String ref = ScalingPolicies.ref(r);
    Outcome outcome;
    try {
      outcome = VertxContextSupport.subscribeAndAwait(() -> upsert(r, ref));
    } catch (Throwable e) {
      LOG.errorf(e, "ScalingPolicy %s could not be stored", ref);
      outcome = new Outcome(false, "StoreFailed", "the policy could not be stored; see the scaler's log", null);
    }
    LOG.infof("ScalingPolicy %s: %s (%s)", ref, outcome.reason(), outcome.message());
    writeVerdict(r, outcome);
  }

  private Uni<Outcome> upsert(GenericKubernetesResource r, String ref) {
    JsonNode spec = mapper.valueToTree(r.getAdditionalProperties().get("spec"));
    if (!(spec instanceof ObjectNode object)) {
      return Uni.createFrom().item(invalid("spec is required"));
    }
    if (object.has("workload") || object.has("namespace")) {
      return Uni.createFrom().item(invalid("spec.workload and spec.namespace are not allowed: a ScalingPolicy scales its scaleTargetRef"
          + " in its own namespace"));
    }
    object.put("namespace", r.getMetadata().getNamespace());
    PolicyDocument document;
    PolicyStore.Valid valid;
    try {
      document = store.parse(object);
      valid = PolicyStore.validate(document);
    } catch (FieldErrorsException e) {
      return Uni.createFrom().item(invalid(describe(e.errors())));
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      return Uni.createFrom().item(invalid("spec." + JsonProblems.jsonPath(e) + ": " + (e instanceof
          com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException ? "is not a known field" : "has the wrong type")));
    } catch (java.io.IOException e) {
      return Uni.createFrom().item(invalid("spec could not be read: " + e.getMessage()));
    }
    return store.checkWorkload(valid)
        .chain(warnings -> Panache.withTransaction(() -> policies.find("resourceRef = ?1 and source = ?2", ref, PolicyEntity.SOURCE_KUBERNETES)
            .firstResult()
            .chain(existing -> {
              if (existing == null) {
                return store.create(valid, PolicyEntity.SOURCE_KUBERNETES, ref);
              }
              if (unchanged(existing, valid)) {
                return Uni.createFrom().item(store.stored(existing));
              }
              return store.update(existing, valid, null, PolicyEntity.SOURCE_KUBERNETES, ref);
            }))
            .map(saved -> new Outcome(true, "Accepted", "policy " + saved.entity().getId() + " version " + saved.entity().getVersion()
                + " scales " + saved.entity().getWorkload() + (warnings.isEmpty() ? "" : "; warnings: " + String.join("; ", warnings)),
                saved.entity())))
        .onFailure(FieldErrorsException.class).recoverWithItem(e -> new Outcome(false, "UnknownWorkload",
            describe(((FieldErrorsException) e).errors()), null))
        .onFailure(ProblemException.class).recoverWithItem(e -> new Outcome(false, "Conflict", e.getMessage(), null));
  }

  private boolean unchanged(PolicyEntity existing, PolicyStore.Valid valid) {
    PolicyDocument before = store.stored(existing).document();
    PolicyDocument after = valid.document();
    try {
      return existing.getWorkload().equals(valid.result().workload()) && existing.getMode().equals(valid.result().mode().label())
          && mapper.writeValueAsString(before.with(null, null, null)).equals(mapper.writeValueAsString(after.with(null, null, null)));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private void remove(String ref) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> policies.find("resourceRef = ?1 and source = ?2", ref,
          PolicyEntity.SOURCE_KUBERNETES).firstResult().chain(existing -> existing == null ? Uni.createFrom().voidItem()
              : store.delete(existing))));
      LOG.infof("ScalingPolicy %s deleted: its policy is gone", ref);
    } catch (Throwable e) {
      LOG.errorf(e, "the policy of the deleted ScalingPolicy %s could not be deleted", ref);
    }
  }

  /** Deletes the policies of resources that no longer exist (deleted while this scaler was not watching). */
  private void sweep(Set<String> present) {
    try {
      List<PolicyEntity> orphans = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> policies.list("source",
          PolicyEntity.SOURCE_KUBERNETES))).stream().filter(p -> !present.contains(p.getResourceRef())).toList();
      for (PolicyEntity p : orphans) {
        remove(p.getResourceRef());
      }
    } catch (Throwable e) {
      LOG.errorf(e, "could not look for policies of deleted ScalingPolicy resources");
    }
  }

  private void writeVerdict(GenericKubernetesResource r, Outcome o) {
    Long generation = r.getMetadata().getGeneration();
    Condition ready = new Condition("Ready", o.ready(), o.reason(), o.message());
    if (unchanged(ScalingPolicies.status(r), ready, generation, o.policy())) {
      return; // e.g. every resource listed again when the scaler starts: nothing new to write
    }
    try {
      client.get().genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace(r.getMetadata().getNamespace())
          .withName(r.getMetadata().getName()).editStatus(current -> {
            Map<String, Object> status = ScalingPolicies.status(current);
            status.put("conditions", Conditions.merge((List<?>) status.get("conditions"), List.of(ready), clock.instant(), generation));
            if (generation != null) {
              status.put("observedGeneration", generation);
            }
            if (o.policy() != null) {
              status.put("policyId", o.policy().getId());
              status.put("policyVersion", o.policy().getVersion());
              status.put("workload", o.policy().getWorkload());
            }
            current.setAdditionalProperty("status", status);
            return current;
          });
    } catch (RuntimeException e) {
      LOG.warnf("could not write the status of ScalingPolicy %s: %s", ScalingPolicies.ref(r), e.getMessage());
    }
  }

  /** Whether the status already says this verdict, for this generation and this policy version. */
  static boolean unchanged(Map<String, Object> status, Condition ready, Long generation, PolicyEntity policy) {
    return !Conditions.changes((List<?>) status.get("conditions"), List.of(ready))
        && Objects.equals(generation, number(status.get("observedGeneration")))
        && (policy == null || Objects.equals(policy.getId(), number(status.get("policyId")))
            && Objects.equals(policy.getVersion(), number(status.get("policyVersion"))));
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  private static Outcome invalid(String message) {
    return new Outcome(false, "InvalidSpec", message, null);
  }

  private static String describe(List<FieldError> errors) {
    List<String> parts = new ArrayList<>();
    for (FieldError e : errors) {
      parts.add(("namespace".equals(e.field()) || "workload".equals(e.field()) ? "" : "spec.") + e.field() + ": " + e.message());
    }
    return String.join("; ", parts);
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
