package dev.plimsoll.scaler.leader;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Makes exactly one scaler replica act for each workload: before evaluating a workload, a replica takes
 * a PostgreSQL session-level advisory lock on it ({@code pg_try_advisory_lock(hashtextextended(workload,
 * 0))}) on a connection it keeps for that purpose. The first replica to ask leads the workload for as
 * long as its connection lives; the others skip the workload's snapshots. When the leader stops or dies,
 * its connection closes, PostgreSQL releases its locks, and the next replica to evaluate takes over.
 */
@ApplicationScoped
public class WorkloadLeader {
  private static final Logger LOG = Logger.getLogger(WorkloadLeader.class);

  private final Pool pool;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  /** Per workload, how many times this replica took its lead: a new term after another replica led it meanwhile. */
  private final java.util.Map<String, Long> terms = new ConcurrentHashMap<>();
  private volatile Uni<SqlConnection> connection;

  public WorkloadLeader(Pool pool) {
    this.pool = pool;
  }

  /** Whether this replica leads the workload (taking the lead when nobody holds it). */
  public Uni<Boolean> lead(String workload) {
    if (held.contains(workload)) {
      return Uni.createFrom().item(true);
    }
    return connection()
        .chain(c -> c.preparedQuery("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked").execute(Tuple.of(workload)))
        .map(rows -> rows.iterator().next().getBoolean("locked"))
        .invoke(locked -> {
          if (locked) {
            held.add(workload);
            terms.merge(workload, 1L, Long::sum);
            LOG.infof("this scaler leads %s", workload);
          }
        })
        .onFailure().invoke(e -> {
          LOG.warnf("cannot take the lead for %s: %s", workload, e.getMessage());
          dropConnection();
        });
  }

  /** Gives the lead up (the workload's policy was removed). */
  public Uni<Void> release(String workload) {
    if (!held.remove(workload)) {
      return Uni.createFrom().voidItem();
    }
    return connection()
        .chain(c -> c.preparedQuery("SELECT pg_advisory_unlock(hashtextextended($1, 0))").execute(Tuple.of(workload)))
        .replaceWithVoid()
        .onFailure().recoverWithNull().replaceWithVoid();
  }

  /**
   * This replica's current term leading the workload (0 before it first led it): it changes each time the lead is
   * taken again, so what was remembered from an earlier term (a stabilization history another replica's decisions
   * have since made stale) can be told apart.
   */
  public long term(String workload) {
    return terms.getOrDefault(workload, 0L);
  }

  /** The workloads this replica leads. */
  public Set<String> led() {
    return Set.copyOf(held);
  }

  private synchronized Uni<SqlConnection> connection() {
    Uni<SqlConnection> c = connection;
    if (c == null) {
      c = pool.getConnection().invoke(conn -> conn.closeHandler(() -> {
        LOG.warn("the leadership connection closed; leading no workload until it is open again");
        dropConnection();
      })).memoize().indefinitely();
      connection = c;
    }
    return c;
  }

  private synchronized void dropConnection() {
    held.clear();
    connection = null;
  }

  /** Gives every lead up at once (the locks go with the session). */
  public void close() {
    Uni<SqlConnection> c;
    synchronized (this) {
      c = connection;
      connection = null;
      held.clear();
    }
    if (c != null) {
      c.chain(conn -> conn.preparedQuery("SELECT pg_advisory_unlock_all()").execute().replaceWith(conn))
          .chain(SqlConnection::close)
          .onFailure().recoverWithNull()
          .await().indefinitely();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.debugf("closing the leadership connection: %s", e.getMessage());
    }
  }
}
