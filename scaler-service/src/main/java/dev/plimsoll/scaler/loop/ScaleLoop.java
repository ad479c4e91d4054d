package dev.plimsoll.scaler.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.ScalingDecision;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.audit.DecisionEntity;
import dev.plimsoll.scaler.audit.DecisionRepository;
import dev.plimsoll.scaler.config.ScalerConfig;
import dev.plimsoll.scaler.decision.DecisionPolicy;
import dev.plimsoll.scaler.decision.EngineDecider;
import dev.plimsoll.scaler.decision.ScaleDecision;
import dev.plimsoll.scaler.policy.PolicyChanged;
import dev.plimsoll.scaler.policy.PolicyEntity;
import dev.plimsoll.scaler.policy.PolicyMode;
import dev.plimsoll.scaler.policy.PolicyMapper;
import dev.plimsoll.scaler.policy.PolicyRepository;
import dev.plimsoll.scaler.target.ActuationException;
import dev.plimsoll.scaler.target.ScaleTarget;
import dev.plimsoll.scaler.target.ScaleTargets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  public ScaleLoop(ObjectMapper mapper, PolicyRepository policies, DecisionRepository decisions, ScaleTargets targets,
      DecisionEmitter emitter, ScalerMetrics metrics, ScalerConfig config, Clock clock, dev.plimsoll.scaler.leader.WorkloadLeader leader,
      dev.plimsoll.scaler.gpu.GpuHeadroom gpuHeadroom) {
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
            if (PolicyMode.ofStored(policy.getMode()) == PolicyMode.PAUSED) {
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
    return Panache.withSession(() -> policies.list("fallbackAfter is not null")).chain(all -> {
      List<Uni<Void>> evaluations = new java.util.ArrayList<>();
      for (PolicyEntity policy : all) {
        Instant last = lastSnapshot.get(policy.getWorkload());
        boolean quiet = last == null || Duration.between(last, now).compareTo(config.maxSnapshotAge()) > 0;
        if (!quiet || PolicyMode.ofStored(policy.getMode()) == PolicyMode.PAUSED) {
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

  private Uni<Void> evaluate(MetricSnapshot snapshot, WorkloadId workload, PolicyEntity stored) {
    DecisionPolicy policy;
    try {
      policy = PolicyMapper.toDecisionPolicy(stored);
    } catch (IllegalArgumentException e) {
      LOG.errorf("policy %d of %s cannot be used: %s", stored.getId(), workload, e.getMessage());
      metrics.ignored("invalid_policy");
      return Uni.createFrom().voidItem();
    }
    Instant now = clock.instant();
    Double value = snapshot == null ? null : usableValue(snapshot, policy.metric(), now);
    if (snapshot != null) {
      lastSnapshot.put(workload.toString(), now);
    }
    Optional<ScaleTarget> target = targets.forWorkload(workload);
    if (target.isEmpty()) {
      return failedGetScale(workload, policy, value, now, ScaleTargets.noActuatorMessage(workload));
    }
    return target.get().read(workload)
        .onItemOrFailure().transformToUni((scale, failure) -> failure == null
            ? decideAndAct(target.get(), workload, stored, policy, value, scale.replicas(), now)
            : failedGetScale(workload, policy, value, now, message(workload, failure)));
  }

  private Uni<Void> decideAndAct(ScaleTarget target, WorkloadId workload, PolicyEntity stored, DecisionPolicy policy, Double value,
      int current, Instant now) {
    EngineDecider decider = histories.compute(workload.toString(),
        (k, held) -> held != null && held.policyId() == stored.getId() && held.policyVersion() == stored.getVersion()
            ? held
            : new History(stored.getId(), stored.getVersion(), new EngineDecider())).decider();
    ScaleDecision decided;
    synchronized (decider) {
      decided = decider.decide(policy, current, value, now, stored.getFallbackAfter(), stored.getFallbackReplicas());
    }
    boolean enforce = PolicyMode.ofStored(stored.getMode()) == PolicyMode.ENFORCE;
    if (decided.desiredReplicas() <= current) {
      return act(target, workload, policy, value, current, now, decided, decider, enforce);
    }
    return gpuHeadroom.additionalReplicas(workload).onFailure().recoverWithItem(java.util.OptionalInt.empty()).chain(headroom -> {
      ScaleDecision d = decided;
      if (headroom.isPresent() && d.desiredReplicas() - current > headroom.getAsInt()) {
        int capped = current + Math.max(0, headroom.getAsInt());
        d = new ScaleDecision(d.currentReplicas(), d.metricValue(), d.usageRatio(), d.rawProposal(), d.withinTolerance(), d.recommendation(),
            d.stabilized(), capped, ScaleDecision.Reason.GPU_CAPACITY_LIMITED, d.message() + "; only " + headroom.getAsInt()
                + " more replica(s) fit on free GPUs now: " + current + " -> " + capped);
      }
      return act(target, workload, policy, value, current, now, d, decider, enforce);
    });
  }

  private Uni<Void> act(ScaleTarget target, WorkloadId workload, DecisionPolicy policy, Double value, int current, Instant now,
      ScaleDecision decided, EngineDecider decider, boolean enforce) {
    ScaleDecision decision = enforce || !decided.rescale() ? decided
        : new ScaleDecision(decided.currentReplicas(), decided.metricValue(), decided.usageRatio(), decided.rawProposal(),
            decided.withinTolerance(), decided.recommendation(), decided.stabilized(), decided.desiredReplicas(), decided.reason(),
            "dry-run, not applied: " + decided.message());
    metrics.evaluation(decision.reason().label());
    LOG.debugf("%s: %s", workload, decision.message());
    Uni<String> actuation = !decision.rescale() || !enforce
        ? Uni.createFrom().nullItem()
        : target.scale(workload, decision.desiredReplicas())
            .map(after -> (String) null)
            .onFailure().recoverWithItem(failure -> message(workload, failure))
            .invoke(error -> {
              metrics.scaleCall(error == null);
              if (error == null) {
                synchronized (decider) {
                  decider.scaled(current, decision.desiredReplicas(), now);
                }
                LOG.infof("%s scaled %d -> %d: %s", workload, current, decision.desiredReplicas(), decision.message());
              } else {
                LOG.warnf("%s: scaling %d -> %d failed: %s", workload, current, decision.desiredReplicas(), error);
              }
            });
    return actuation.chain(error -> {
      boolean applied = enforce && decision.rescale() && error == null;
      boolean store = error == null ? decision.rescale() : shouldStoreFailure(workload, error, now);
      if (!enforce) {
        // A dry run never changes the count, so the same "would scale" repeats every evaluation: stored once per change.
        Integer previous = decision.rescale() ? lastDryRun.put(workload.toString(), decision.desiredReplicas())
            : lastDryRun.remove(workload.toString());
        store = decision.rescale() && !Integer.valueOf(decision.desiredReplicas()).equals(previous);
      }
      if (error == null) {
        lastStoredFailure.remove(workload.toString());
      }
      Uni<Long> id = store
          ? persist(workload, now, current, decision.desiredReplicas(), decision.reason().label(), decision.message(), policy, value,
              applied, error)
          : Uni.createFrom().nullItem();
      return id.chain(decisionId -> emitter.publish(new ScalingDecision(ScalingDecision.SCHEMA, decisionId, workload.toString(), now,
          current, decision.desiredReplicas(), applied ? decision.desiredReplicas() : current, decision.reason().label(),
          policy.metric(), value, policy.target(), applied, error)));
    });
  }

  /**
   * The current count could not be read, so nothing could be decided: the failure is stored (at most once per
   * {@link ScalerConfig#failureAuditInterval()}) and counted, but not published, because a ScalingDecision
   * must carry replica counts that consumers (cost) can trust.
   */
  private Uni<Void> failedGetScale(WorkloadId workload, DecisionPolicy policy, Double value, Instant now, String error) {
    metrics.evaluation(FAILED_GET_SCALE);
    if (!shouldStoreFailure(workload, error, now)) {
      LOG.debugf("%s: %s (already recorded)", workload, error);
      return Uni.createFrom().voidItem();
    }
    LOG.warnf("%s: cannot read the replica count: %s", workload, error);
    return persist(workload, now, null, null, FAILED_GET_SCALE, "the replica count could not be read; nothing was decided",
        policy, value, false, error).replaceWithVoid();
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
  private Uni<Long> persist(WorkloadId workload, Instant now, Integer current, Integer desired, String reason, String message,
      DecisionPolicy policy, Double value, boolean applied, String error) {
    DecisionEntity row = new DecisionEntity();
    row.setWorkload(workload.toString());
    row.setDecidedAt(now);
    row.setCurrentReplicas(current);
    row.setDesiredReplicas(desired);
    row.setReason(reason);
    row.setMessage(message);
    row.setMetric(policy.metric());
    row.setMetricValue(value);
    row.setTarget(policy.target());
    row.setApplied(applied);
    row.setError(error);
    return Panache.withTransaction(() -> decisions.persist(row))
        .map(DecisionEntity::getId)
        .onFailure().recoverWithItem(e -> {
          LOG.errorf(e, "could not store the decision for %s", workload);
          return null;
        });
  }

  /** The policy's signal when it is present, fresh, a number, and the snapshot is not too old; otherwise null. */
  private Double usableValue(MetricSnapshot snapshot, String metric, Instant now) {
    Instant observed = snapshot.observedAt();
    if (observed != null && Duration.between(observed, now).compareTo(config.maxSnapshotAge()) > 0) {
      LOG.debugf("snapshot of %s observed at %s is older than %s; its metrics count as unavailable", snapshot.workload(), observed,
          config.maxSnapshotAge());
      return null;
    }
    return snapshot.usableValue(metric);
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

  /** A workload's stabilization history and the policy (id and version) it was built under. */
  private record History(long policyId, long policyVersion, EngineDecider decider) {}
}
