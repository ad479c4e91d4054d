package dev.plimsoll.scaler.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.target.ActuationException;
import dev.plimsoll.scaler.target.ScaleTargets;
import dev.plimsoll.scaler.web.FieldErrorsException;
import dev.plimsoll.scaler.web.ProblemException;
import dev.plimsoll.scaling.AutoscalingPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads policies for both front doors (the REST API and the ScalingPolicy custom resource):
 * validation with every field error, the workload check (an unknown workload only in dry-run, with a
 * warning), one policy per workload (409 otherwise), optimistic versions and a revision per change. Parsed
 * policies are cached by id and version, so the loop does not parse JSON per snapshot.
 */
@ApplicationScoped
public class PolicyStore {
  /** How long the workload check waits for the platform before accepting with a warning. */
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final PolicyRepository policies;
  private final PolicyRevisionRepository revisions;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Event<PolicyChanged> changed;
  private final ScaleTargets targets;
  private final Map<Long, Parsed> parsed = new ConcurrentHashMap<>();
  private final ObjectReader strict;

  /** A stored policy: its row, its document (workload, mode and version filled in) and the engine's view of it. */
  public record Stored(PolicyEntity entity, PolicyDocument document, AutoscalingPolicy policy, PolicyMode mode, Map<String, String> queries) {}

  /** A validated document, ready to store. */
  public record Valid(PolicyDocument document, PolicyDocuments.Result result) {}

  private record Parsed(long version, Stored stored) {}

  public PolicyStore(PolicyRepository policies, PolicyRevisionRepository revisions, ObjectMapper mapper, Clock clock,
      Event<PolicyChanged> changed, ScaleTargets targets) {
    this.policies = policies;
    this.revisions = revisions;
    this.mapper = mapper;
    this.clock = clock;
    this.changed = changed;
    this.targets = targets;
    this.strict = mapper.readerFor(PolicyDocument.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * Reads a policy body strictly: an unknown field fails (a misspelt one must not be ignored). The Jackson failure
   * becomes a 400 naming the field (the shared problem mappers).
   */
  public PolicyDocument parse(String json) throws JsonProcessingException {
    return strict.readValue(json == null ? "" : json);
  }

  /** The same, from a tree (a custom resource's spec). */
  public PolicyDocument parse(com.fasterxml.jackson.databind.JsonNode tree) throws java.io.IOException {
    return strict.readValue(tree);
  }

  /** Validates a document; a 400 with every field error when it is invalid. */
  public static Valid validate(PolicyDocument document) {
    PolicyDocuments.Result r = PolicyDocuments.map(document, "", true);
    if (!r.ok()) {
      throw new FieldErrorsException(r.errors());
    }
    return new Valid(document, r);
  }

  /**
   * Whether the workload exists, asked of its platform: warnings when it is unknown in dry-run or cannot be
   * checked; a 400 on {@code workload} when it is unknown (or has no actuator) and the mode is not dry-run.
   */
  public Uni<List<String>> checkWorkload(Valid valid) {
    WorkloadId workload = WorkloadId.parse(valid.result().workload());
    boolean dryRun = valid.result().mode() == PolicyMode.DRY_RUN;
    if (targets.forWorkload(workload).isEmpty()) {
      String why = ScaleTargets.noActuatorMessage(workload);
      return dryRun ? Uni.createFrom().item(List.of("workload " + workload + " cannot be checked or scaled: " + why + "; dry-run only"))
          : Uni.createFrom().failure(unknown(why + " (enabled actuators: " + String.join(", ", targets.platforms())
              + "); use mode dry-run to try the policy without one"));
    }
    return targets.forWorkload(workload).get().read(workload)
        .ifNoItem().after(CHECK_TIMEOUT).fail()
        .map(scale -> List.<String>of())
        .onFailure().recoverWithUni(e -> {
          if (e instanceof ActuationException a && a.notFound()) {
            return dryRun ? Uni.createFrom().item(List.of("workload " + workload + " does not exist (yet): " + a.getMessage()
                + "; the dry run decides once it has metrics"))
                : Uni.createFrom().failure(unknown(a.getMessage() + "; create the workload first, or use mode dry-run"));
          }
          String why = e instanceof ActuationException && e.getMessage() != null ? e.getMessage() : "no answer within " + CHECK_TIMEOUT.toSeconds() + " s";
          return Uni.createFrom().item(List.of("could not check that workload " + workload + " exists: " + why));
        });
  }

  private static FieldErrorsException unknown(String message) {
    return new FieldErrorsException(List.of(new FieldError("workload", message)));
  }

  /** Creates a policy (in the caller's transaction): 409 when the workload already has one. */
  public Uni<Stored> create(Valid valid, String source, String resourceRef) {
    String workload = valid.result().workload();
    return policies.findByWorkload(workload)
        .onItem().ifNotNull().transform(existing -> {
          throw duplicate(workload, existing);
        })
        .chain(() -> {
          PolicyEntity entity = new PolicyEntity();
          apply(valid, entity, source, resourceRef);
          entity.setCreatedAt(entity.getUpdatedAt());
          return policies.persistAndFlush(entity);
        })
        .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> duplicate(workload, null))
        .call(saved -> revisions.persistAndFlush(PolicyRevisionEntity.of(saved, "created", saved.getUpdatedAt())))
        .invoke(saved -> changed.fire(new PolicyChanged(saved.getWorkload())))
        .map(this::stored);
  }

  /**
   * Replaces a policy (in the caller's transaction). {@code expectedVersion} null skips the optimistic check
   * (the custom resource is the source of truth for its own policy).
   */
  public Uni<Stored> update(PolicyEntity entity, Valid valid, Long expectedVersion, String source, String resourceRef) {
    if (expectedVersion != null && entity.getVersion() != expectedVersion) {
      return Uni.createFrom().failure(stale(entity.getId(), entity.getVersion(), expectedVersion));
    }
    String before = entity.getWorkload();
    String workload = valid.result().workload();
    Uni<Void> unique = workload.equals(before) ? Uni.createFrom().voidItem()
        : policies.findByWorkload(workload).onItem().ifNotNull().transform(other -> {
          throw duplicate(workload, other);
        }).replaceWithVoid();
    return unique
        .chain(() -> {
          apply(valid, entity, source, resourceRef);
          return policies.flush();
        })
        .onFailure(PersistenceFailures::isOptimisticLockFailure).transform(e -> stale(entity.getId(), null, expectedVersion))
        .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> duplicate(workload, null))
        .chain(() -> revisions.persistAndFlush(PolicyRevisionEntity.of(entity, "updated", entity.getUpdatedAt())))
        .invoke(revision -> {
          changed.fire(new PolicyChanged(before));
          if (!before.equals(entity.getWorkload())) {
            changed.fire(new PolicyChanged(entity.getWorkload()));
          }
        })
        .map(revision -> stored(entity));
  }

  /** Deletes a policy (in the caller's transaction); its revisions stay, the last one marked deleted. */
  public Uni<Void> delete(PolicyEntity entity) {
    PolicyRevisionEntity last = PolicyRevisionEntity.of(entity, "deleted", clock.instant());
    return policies.delete(entity).chain(policies::flush)
        .chain(() -> revisions.persistAndFlush(last))
        .invoke(() -> {
          parsed.remove(entity.getId());
          changed.fire(new PolicyChanged(entity.getWorkload()));
        })
        .replaceWithVoid();
  }

  /** The stored policy with its parsed forms (cached by id and version). */
  public Stored stored(PolicyEntity entity) {
    Parsed p = parsed.get(entity.getId());
    if (p != null && p.version() == entity.getVersion() && p.stored().entity().getWorkload().equals(entity.getWorkload())) {
      return new Stored(entity, p.stored().document(), p.stored().policy(), p.stored().mode(), p.stored().queries());
    }
    PolicyDocument document = read(entity.getDocument()).with(entity.getWorkload(), entity.getMode(), entity.getVersion());
    PolicyDocuments.Result r = PolicyDocuments.map(document, "", true);
    if (!r.ok()) {
      throw new IllegalStateException("stored policy " + entity.getId() + " is invalid: " + r.errors());
    }
    Stored s = new Stored(entity, document, r.policy(), r.mode(), r.queries());
    parsed.put(entity.getId(), new Parsed(entity.getVersion(), s));
    return s;
  }

  /** A revision as the API shows it. */
  public PolicyResponse.Revision revision(PolicyRevisionEntity r) {
    return new PolicyResponse.Revision(r.getVersion(), r.getChange(), r.getSource(), r.getChangedAt(),
        read(r.getDocument()).with(r.getWorkload(), r.getMode(), null));
  }

  private void apply(Valid valid, PolicyEntity entity, String source, String resourceRef) {
    entity.setWorkload(valid.result().workload());
    entity.setMode(valid.result().mode().label());
    entity.setSource(source);
    entity.setResourceRef(resourceRef);
    try {
      PolicyDocument d = valid.document();
      entity.setDocument(mapper.writeValueAsString(new PolicyDocument(null, null, d.scaleTargetRef(), d.minReplicas(), d.maxReplicas(),
          d.metrics(), d.behavior(), null, d.pause(), d.fallback(), d.schedules(), d.panic(), d.predictive(), null)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a policy document could not be written as JSON", e);
    }
    entity.setUpdatedAt(clock.instant());
  }

  private PolicyDocument read(String json) {
    try {
      return mapper.readValue(json, PolicyDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored policy document is not valid JSON", e);
    }
  }

  static ProblemException duplicate(String workload, PolicyEntity existing) {
    return ProblemException.conflict("duplicate-policy", "Workload already has a policy",
        "workload " + workload + " already has a policy"
            + (existing == null ? "" : " (id " + existing.getId() + (PolicyEntity.SOURCE_KUBERNETES.equals(existing.getSource())
                ? ", from ScalingPolicy " + existing.getResourceRef() : "") + ")")
            + "; update or delete that one");
  }

  static ProblemException stale(long id, Long current, Long sent) {
    return ProblemException.conflict("stale-version", "Stale policy version",
        "policy " + id + (current == null ? " was changed concurrently" : " is at version " + current)
            + ", the request was based on version " + sent + "; GET it and retry");
  }

  /** The warnings of a validated document and of its workload check, together. */
  public static List<String> warnings(Valid valid, List<String> check) {
    List<String> all = new ArrayList<>(valid.result().warnings());
    all.addAll(check);
    return all;
  }
}
