package dev.plimsoll.scaler.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.ScalingDecision;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.audit.DecisionEntity;
import dev.plimsoll.scaler.audit.DecisionRepository;
import dev.plimsoll.scaler.config.ScalerConfig;
import dev.plimsoll.scaler.crd.DecisionConditions;
import dev.plimsoll.scaler.crd.PolicyStatusWriter;
import dev.plimsoll.scaler.decision.Decided;
import dev.plimsoll.scaler.policy.PolicyChanged;
import dev.plimsoll.scaler.policy.PolicyEntity;
import dev.plimsoll.scaler.policy.PolicyMode;
import dev.plimsoll.scaler.policy.PolicyRepository;
import dev.plimsoll.scaler.policy.PolicyStore;
import dev.plimsoll.scaler.target.ActuationException;
import dev.plimsoll.scaler.target.ScaleTarget;
import dev.plimsoll.scaler.target.ScaleTargets;
import dev.plimsoll.scaling.Evaluation;
import dev.plimsoll.scaling.MetricInput;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.PolicyDecision;
import dev.plimsoll.scaling.Replica;
import dev.plimsoll.scaling.WorkloadScaler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One evaluation per snapshot: find the workload's policy → read its scale → decide → scale when the count
 * changes → store the decision when it changed something or failed → publish it. The only class that joins
 * the decision core, the policy store, the platform and messaging (the HPA's {@code reconcileAutoscaler}).
 *
 * <p>The caller evaluates one snapshot at a time ({@link SnapshotListener}). The scale-down stabilization
 * history lives in memory, per workload: it is lost on restart (the next 5 minutes then scale down without
 * the window's memory, as a restarted HPA controller does) and is not shared between scaler replicas, which
 * is fine while one scaler decides; several replicas need one active decider per workload (DESIGN.md).
 * It belongs to one policy: it is forgotten when the workload's policy is created, updated or deleted
 * ({@link PolicyChanged}), and a history built under another policy id or version is never used (an
 * evaluation may read the old policy while the change is being committed).
 */
@ApplicationScoped
public class ScaleLoop {

  /** Reason of an evaluation whose current replica count could not be read (the HPA's condition reason). */
  public static final String FAILED_GET_SCALE = "FailedGetScale";

  private static final Logger LOG = Logger.getLogger(ScaleLoop.class);

  private final Map<String, History> histories = new ConcurrentHashMap<>();
  private final Map<String, StoredFailure> lastStoredFailure = new ConcurrentHashMap<>();
  private final Map<String, Integer> lastDryRun = new ConcurrentHashMap<>();
  private final Map<String, Integer> lastFallback = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSnapshot = new ConcurrentHashMap<>();

  private final ObjectMapper mapper;
  private final PolicyRepository policies;
  private final DecisionRepository decisions;
  private final ScaleTargets targets;
  private final DecisionEmitter emitter;
  private final ScalerMetrics metrics;
  private final ScalerConfig config;
  private final Clock clock;
  private final dev.plimsoll.scaler.leader.WorkloadLeader leader;
  private final dev.plimsoll.scaler.gpu.GpuHeadroom gpuHeadroom;
  private final PolicyStore store;
  private final PolicyStatusWriter statusWriter;
  private final dev.plimsoll.scaler.query.QueryMetrics queryMetrics;

  public ScaleLoop(ObjectMapper mapper, PolicyRepository policies, DecisionRepository decisions, ScaleTargets targets,
      DecisionEmitter emitter, ScalerMetrics metrics, ScalerConfig config, Clock clock, dev.plimsoll.scaler.leader.WorkloadLeader leader,
      dev.plimsoll.scaler.gpu.GpuHeadroom gpuHeadroom, PolicyStore store, PolicyStatusWriter statusWriter,
      dev.plimsoll.scaler.query.QueryMetrics queryMetrics) {
    this.queryMetrics = queryMetrics;
    this.store = store;
    this.statusWriter = statusWriter;
    this.leader = leader;
    this.gpuHeadroom = gpuHeadroom;
    this.mapper = mapper;
    this.policies = policies;
    this.decisions = decisions;
    this.targets = targets;
    this.emitter = emitter;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
  }

  /** Forgets what was remembered under the workload's old policy: its stabilization history and last stored failure. */
  void onPolicyChanged(@Observes PolicyChanged event) {
    forget(event.workload());
  }

  /** Forgets the workload's stabilization history and last stored failure. */
  public void forget(String workload) {
    histories.remove(workload);
    lastStoredFailure.remove(workload);
    lastFallback.remove(workload);
    LOG.debugf("%s: policy changed; stabilization history cleared", workload);
  }

  /** Whether a stabilization history is held for the workload (diagnostics and tests). */
  public boolean remembers(String workload) {
    return histories.containsKey(workload);
  }

  /** Evaluates one snapshot given as JSON text. Never fails: every problem is logged, counted or stored. */
  public Uni<Void> evaluate(String json) {
    MetricSnapshot snapshot;
    WorkloadId workload;
    try {
      snapshot = mapper.readValue(json, MetricSnapshot.class);
      workload = WorkloadId.parse(snapshot.workload());
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      LOG.warnf("ignoring a malformed metric snapshot (%s): %.200s", e.getClass().getSimpleName(), json);
      metrics.ignored("malformed");
      return Uni.createFrom().voidItem();
    }
    return Panache.withSession(() -> policies.findByWorkload(workload.toString()))
        .chain(policy -> {
          if (policy == null) {
            LOG.debugf("no policy for %s; snapshot ignored", workload);
            metrics.ignored("no_policy");
            return Uni.createFrom().voidItem();
          }
          return leader.lead(workload.toString()).onFailure().recoverWithItem(false).chain(leads -> {
            if (!leads) {
              LOG.debugf("another scaler leads %s; snapshot left to it", workload);
              metrics.ignored("not_leader");
              return Uni.createFrom().voidItem();
            }
            if (PolicyMode.PAUSED.label().equals(policy.getMode())) {
              LOG.debugf("policy of %s is paused; snapshot ignored", workload);
              metrics.ignored("paused");
              return Uni.createFrom().voidItem();
            }
            return evaluate(snapshot, workload, policy);
          });
        });
  }

  /**
   * Evaluates, with their metric missing, the workloads this replica leads whose snapshots have stopped
   * (none within {@code scaler.max-snapshot-age}): without it a workload whose collector is gone would
   * never reach its fallback. Called every {@code scaler.quiet-evaluation-interval}.
   */
  @io.quarkus.scheduler.Scheduled(every = "${scaler.quiet-evaluation-interval:10s}", delayed = "${scaler.quiet-evaluation-interval:10s}",
      concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> evaluateQuietWorkloads() {
    Instant now = clock.instant();
    return Panache.withSession(() -> policies.listAll()).chain(all -> {
      List<Uni<Void>> evaluations = new java.util.ArrayList<>();
      for (PolicyEntity policy : all) {
        Instant last = lastSnapshot.get(policy.getWorkload());
        boolean quiet = last == null || Duration.between(last, now).compareTo(config.maxSnapshotAge()) > 0;
        if (!quiet || PolicyMode.PAUSED.label().equals(policy.getMode()) || !hasFallback(policy)) {
          continue;
        }
        WorkloadId workload;
        try {
          workload = WorkloadId.parse(policy.getWorkload());
        } catch (IllegalArgumentException e) {
          continue;
        }
        evaluations.add(leader.lead(workload.toString()).onFailure().recoverWithItem(false)
            .chain(leads -> leads ? evaluate(null, workload, policy) : Uni.createFrom().voidItem())
            .onFailure().recoverWithNull().replaceWithVoid());
      }
      return evaluations.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(evaluations).andCollectFailures().replaceWithVoid();
    }).onFailure().invoke(e -> LOG.warnf("evaluating quiet workloads failed: %s", e.getMessage())).onFailure().recoverWithNull();
  }

  private boolean hasFallback(PolicyEntity row) {
    try {
      return store.stored(row).policy().fallback() != null;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private Uni<Void> evaluate(MetricSnapshot snapshot, WorkloadId workload, PolicyEntity row) {
    PolicyStore.Stored stored;
    try {
      stored = store.stored(row);
    } catch (IllegalStateException e) {
      LOG.errorf("policy %d of %s cannot be used: %s", row.getId(), workload, e.getMessage());
      metrics.ignored("invalid_policy");
      return Uni.createFrom().voidItem();
    }
    Instant now = clock.instant();
    Map<String, MetricInput> values = new HashMap<>();
    if (snapshot != null) {
      lastSnapshot.put(workload.toString(), now);
      boolean fresh = fresh(snapshot, now);
      for (MetricSpec m : stored.policy().spec().metrics()) {
        Double v = fresh && !stored.queries().containsKey(m.name()) ? snapshot.usableValue(m.name()) : null;
        if (v != null) {
          values.put(m.name(), MetricInput.total(v));
        }
      }
    }
    Uni<Map<String, Double>> queried = stored.queries().isEmpty() ? Uni.createFrom().item(Map.of())
        : queryMetrics.values(workload, stored.queries());
    return queried.chain(answers -> {
      answers.forEach((name, v) -> values.put(name, MetricInput.total(v)));
      return readAndDecide(workload, stored, values, now);
    });
  }

  private Uni<Void> readAndDecide(WorkloadId workload, PolicyStore.Stored stored, Map<String, MetricInput> values, Instant now) {
    Optional<ScaleTarget> target = targets.forWorkload(workload);
    if (target.isEmpty()) {
      return failedGetScale(workload, stored, values, now, ScaleTargets.noActuatorMessage(workload));
    }
    return target.get().read(workload)
        .onItemOrFailure().transformToUni((scale, failure) -> failure == null
            ? decideAndAct(target.get(), workload, stored, values, scale, now)
            : failedGetScale(workload, stored, values, now, message(workload, failure)));
  }

  private Uni<Void> decideAndAct(ScaleTarget target, WorkloadId workload, PolicyStore.Stored stored, Map<String, MetricInput> values,
      ScaleTarget.Scale scale, Instant now) {
    long policyId = stored.entity().getId();
    long version = stored.entity().getVersion();
    // A new history per policy version and per term as leader: a replica that led the workload before, lost the lead
    // and took it back would otherwise go on from its old history, recording no starting count, and scale down at
    // once from whatever the other replica had decided meanwhile.
    long term = leader.term(workload.toString());
    WorkloadScaler scaler = histories.compute(workload.toString(),
        (k, held) -> held != null && held.policyId() == policyId && held.policyVersion() == version && held.leaderTerm() == term
            ? held
            : new History(policyId, version, term, new WorkloadScaler())).scaler();
    int current = scale.replicas();
    List<Replica> replicas = new ArrayList<>(current);
    int ready = Math.min(current, Math.max(0, scale.readyReplicas()));
    for (int i = 0; i < current; i++) {
      replicas.add(new Replica("replica-" + i, i < ready));
    }
    PolicyDecision decision;
    synchronized (scaler) {
      scaler.started(current, now); // first sight of this policy version (or of the workload, as leader): hold a window
      decision = scaler.evaluate(stored.policy(), current, replicas, values, now);
    }
    Decided decided = Decided.of(decision);
    if (decided.desiredReplicas() <= current) {
      return act(target, workload, stored, values, ready, now, decided, scaler);
    }
    return gpuHeadroom.additionalReplicas(workload).onFailure().recoverWithItem(OptionalInt.empty())
        .chain(headroom -> act(target, workload, stored, values, ready, now, decided.cappedTo(headroom), scaler));
  }

  private Uni<Void> act(ScaleTarget target, WorkloadId workload, PolicyStore.Stored stored, Map<String, MetricInput> values, int ready,
      Instant now, Decided decided, WorkloadScaler scaler) {
    boolean enforce = stored.mode() == PolicyMode.ENFORCE;
    Decided decision = enforce ? decided : decided.dryRun();
    int current = decision.currentReplicas();
    metrics.evaluation(decision.reason());
    LOG.debugf("%s: %s", workload, decision.message());
    // The count the platform took: the actuator may set less than asked (a Swarm service's plimsoll.max label caps it),
    // and the events, the audit and the cost service must see what was set, not what was asked for.
    Uni<Actuation> actuation = !decision.rescale() || !enforce
        ? Uni.createFrom().item(new Actuation(current, null))
        : target.scale(workload, decision.desiredReplicas())
            .map(after -> new Actuation(after.replicas(), null))
            .onFailure().recoverWithItem(failure -> new Actuation(current, message(workload, failure)))
            .invoke(a -> {
              metrics.scaleCall(a.error() == null);
              if (a.error() == null) {
                if (a.replicas() != current) {
                  synchronized (scaler) {
                    scaler.scaled(current, a.replicas(), now);
                  }
                }
                if (a.replicas() != current) {
                  LOG.infof("%s scaled %d -> %d%s: %s", workload, current, a.replicas(), a.replicas() == decision.desiredReplicas() ? ""
                      : " (asked for " + decision.desiredReplicas() + ")", decision.message());
                } else { // asked again for what the platform will not set (a cap): every snapshot, so not at INFO
                  LOG.debugf("%s stays at %d (asked for %d): %s", workload, current, decision.desiredReplicas(), decision.message());
                }
              } else {
                LOG.warnf("%s: scaling %d -> %d failed: %s", workload, current, decision.desiredReplicas(), a.error());
              }
            });
    return actuation.chain(a -> {
      String error = a.error();
      int after = a.replicas();
      boolean applied = enforce && decision.rescale() && error == null && after != current;
      boolean audit = error == null ? decision.rescale() && (!enforce || after != current) : shouldStoreFailure(workload, error, now);
      if (!enforce) {
        // A dry run never changes the count, so the same "would scale" repeats every evaluation: stored once per change.
        Integer previous = decision.rescale() ? lastDryRun.put(workload.toString(), decision.desiredReplicas())
            : lastDryRun.remove(workload.toString());
        audit = decision.rescale() && !Integer.valueOf(decision.desiredReplicas()).equals(previous);
      }
      // Every fallback is audited: when it starts and whenever its count changes (it repeats every evaluation while data is missing).
      Integer fallbackBefore = decision.fallback() ? lastFallback.put(workload.toString(), decision.desiredReplicas())
          : lastFallback.remove(workload.toString());
      if (decision.fallback() && !Integer.valueOf(decision.desiredReplicas()).equals(fallbackBefore)) {
        audit = true;
      }
      if (error == null) {
        lastStoredFailure.remove(workload.toString());
      }
      Evaluation.MetricProposal deciding = decision.decidingMetric();
      String metricName = deciding != null ? deciding.name() : stored.policy().spec().metrics().get(0).name();
      Double value = deciding != null ? deciding.value() : null;
      double targetValue = targetOf(stored, metricName);
      Uni<Long> id = audit
          ? persist(workload, now, current, decision.desiredReplicas(), decision.reason(), applied && after != decision.desiredReplicas()
              ? decision.message() + "; the platform set " + after + " of the " + decision.desiredReplicas() + " asked for" : decision.message(),
              metricName, value,
              targetValue, applied, error, stored, inputs(values, ready, decision))
          : Uni.createFrom().nullItem();
      if (PolicyEntity.SOURCE_KUBERNETES.equals(stored.entity().getSource())) {
        statusWriter.decided(stored.entity().getResourceRef(), current, decision.desiredReplicas(),
            new DecisionConditions.Summary(decision.reason(), decision.decision().engine().reason().hpaName(),
                decision.decision().engine().stabilization(), applied, error, decision.fallback(), decision.message()), now);
      }
      return id.chain(decisionId -> emitter.publish(new ScalingDecision(ScalingDecision.SCHEMA, decisionId, workload.toString(), now,
          current, decision.desiredReplicas(), applied ? after : current, decision.reason(),
          metricName, value, targetValue, applied, error)));
    });
  }

  /** What a scale call left: the replicas set (the current count when none was made or it failed) and its error, or null. */
  private record Actuation(int replicas, String error) {}

  private static double targetOf(PolicyStore.Stored stored, String metric) {
    for (MetricSpec m : stored.policy().spec().metrics()) {
      if (m.name().equals(metric)) {
        return m.target();
      }
    }
    return stored.policy().spec().metrics().get(0).target();
  }

  /** The audit's record of what the evaluation saw and what each layer did (JSON). */
  private String inputs(Map<String, MetricInput> values, Integer ready, Decided d) {
    Map<String, Object> in = new LinkedHashMap<>();
    Map<String, Object> metricValues = new LinkedHashMap<>();
    PolicyDecision p = d == null ? null : d.decision();
    if (p != null) {
      for (Evaluation.MetricProposal m : p.engine().metrics()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("value", m.value());
        one.put("usageRatio", m.usageRatio());
        one.put("proposal", m.proposal());
        one.put("problem", m.problem());
        metricValues.put(m.name(), one);
      }
    }
    values.forEach((name, v) -> metricValues.putIfAbsent(name, Map.of("value", ((MetricInput.Total) v).value())));
    in.put("metrics", metricValues);
    in.put("readyReplicas", ready);
    if (p != null) {
      in.put("minReplicas", p.minReplicas());
      in.put("maxReplicas", p.maxReplicas());
      in.put("schedule", p.schedule());
      in.put("rawProposal", p.engine().rawProposal());
      in.put("afterStabilization", p.engine().stabilized());
      in.put("afterRateLimitsAndBounds", p.engine().limited());
      in.put("engineReason", p.engine().reason().hpaName());
      in.put("panicking", p.panicking());
      in.put("panicProposal", p.panicProposal());
      in.put("predicted", p.predicted());
      in.put("failuresInARow", p.failuresInARow());
      in.put("fallback", p.fallback());
    }
    try {
      return mapper.writeValueAsString(in);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * The current count could not be read, so nothing could be decided: the failure is stored (at most once per
   * {@link ScalerConfig#failureAuditInterval()}) and counted, but not published, because a ScalingDecision
   * must carry replica counts that consumers (cost) can trust.
   */
  private Uni<Void> failedGetScale(WorkloadId workload, PolicyStore.Stored stored, Map<String, MetricInput> values, Instant now,
      String error) {
    metrics.evaluation(FAILED_GET_SCALE);
    if (!shouldStoreFailure(workload, error, now)) {
      LOG.debugf("%s: %s (already recorded)", workload, error);
      return Uni.createFrom().voidItem();
    }
    LOG.warnf("%s: cannot read the replica count: %s", workload, error);
    if (PolicyEntity.SOURCE_KUBERNETES.equals(stored.entity().getSource())) {
      statusWriter.decided(stored.entity().getResourceRef(), null, null, new DecisionConditions.Summary(FAILED_GET_SCALE, null,
          null, false, error, false, "the replica count could not be read"), now);
    }
    MetricSpec first = stored.policy().spec().metrics().get(0);
    MetricInput v = values.get(first.name());
    return persist(workload, now, null, null, FAILED_GET_SCALE, "the replica count could not be read; nothing was decided", first.name(),
        v == null ? null : ((MetricInput.Total) v).value(), first.target(), false, error, stored, inputs(values, null, null)).replaceWithVoid();
  }

  private boolean shouldStoreFailure(WorkloadId workload, String error, Instant now) {
    StoredFailure last = lastStoredFailure.get(workload.toString());
    if (last != null && last.error().equals(error)
        && Duration.between(last.at(), now).compareTo(config.failureAuditInterval()) < 0) {
      return false;
    }
    lastStoredFailure.put(workload.toString(), new StoredFailure(error, now));
    return true;
  }

  /** Stores one decision; returns its id, or null when storing failed (logged: the evaluation goes on). */
  private Uni<Long> persist(WorkloadId workload, Instant now, Integer current, Integer desired, String reason, String message, String metric,
      Double value, double target, boolean applied, String error, PolicyStore.Stored stored, String inputs) {
    DecisionEntity row = new DecisionEntity();
    row.setWorkload(workload.toString());
    row.setDecidedAt(now);
    row.setCurrentReplicas(current);
    row.setDesiredReplicas(desired);
    row.setReason(reason);
    row.setMessage(message);
    row.setMetric(metric);
    row.setMetricValue(value);
    row.setTarget(target);
    row.setApplied(applied);
    row.setError(error);
    row.setPolicyVersion(stored.entity().getVersion());
    row.setInputs(inputs);
    return Panache.withTransaction(() -> decisions.persist(row))
        .map(DecisionEntity::getId)
        .onFailure().recoverWithItem(e -> {
          LOG.errorf(e, "could not store the decision for %s", workload);
          return null;
        });
  }

  /** Whether the snapshot is recent enough to scale on; an older one's metrics count as unavailable. */
  private boolean fresh(MetricSnapshot snapshot, Instant now) {
    Instant observed = snapshot.observedAt();
    if (observed != null && Duration.between(observed, now).compareTo(config.maxSnapshotAge()) > 0) {
      LOG.debugf("snapshot of %s observed at %s is older than %s; its metrics count as unavailable", snapshot.workload(), observed,
          config.maxSnapshotAge());
      return false;
    }
    return true;
  }

  /**
   * The decision's {@code error}, shown by the API: an actuator's own message, else a fixed phrase (the exception
   * itself goes to the log), never a class name.
   */
  private static String message(WorkloadId workload, Throwable e) {
    if (e instanceof ActuationException && e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    LOG.errorf(e, "%s: the %s actuator failed unexpectedly", workload, workload.platform());
    return "the " + workload.platform() + " actuator failed unexpectedly; see the scaler's log";
  }

  private record StoredFailure(String error, Instant at) {}

  /** A workload's scaler state (stabilization history, samples, panic, fallback run) and the policy (id and version) it was built under. */
  private record History(long policyId, long policyVersion, long leaderTerm, WorkloadScaler scaler) {}
}
