package dev.plimsoll.collector.signal;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * Signals added over REST, in PostgreSQL table {@code collector_signal} (created at start), loaded into
 * the {@link SignalCatalogue} at start so they survive restarts.
 */
@ApplicationScoped
public class SignalStore {
  private static final Logger LOG = Logger.getLogger(SignalStore.class);

  private final Pool pool;
  private final SignalCatalogue catalogue;

  public SignalStore(Pool pool, SignalCatalogue catalogue) {
    this.pool = pool;
    this.catalogue = catalogue;
  }

  void load(@Observes StartupEvent event) {
    try {
      pool.query("""
          CREATE TABLE IF NOT EXISTS collector_signal (
            name TEXT NOT NULL,
            workload TEXT NOT NULL DEFAULT '',
            query TEXT NOT NULL,
            scope TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            prometheus TEXT,
            PRIMARY KEY (name, workload))""").execute().await().atMost(Duration.ofSeconds(10));
      var rows = pool.query("SELECT * FROM collector_signal ORDER BY name, workload").execute().await().atMost(Duration.ofSeconds(10));
      for (Row r : rows) {
        try {
          catalogue.put(definition(r));
        } catch (IllegalArgumentException e) {
          LOG.warnf("stored signal %s is no longer valid and is skipped: %s", r.getString("name"), e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("signals stored in PostgreSQL could not be loaded (%s); REST-added signals are missing until restart",
          e.getMessage());
    }
  }

  public Uni<Void> save(SignalDefinition d) {
    return pool.preparedQuery("""
        INSERT INTO collector_signal (name, workload, query, scope, description, prometheus) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (name, workload) DO UPDATE SET query = $3, scope = $4, description = $5, prometheus = $6""")
        .execute(Tuple.from(Arrays.asList(d.name(), d.workload() == null ? "" : d.workload(), d.query(), d.scope().name(), d.description(),
            d.prometheus())))
        .replaceWithVoid();
  }

  public Uni<Boolean> delete(String name, String workload) {
    return pool.preparedQuery("DELETE FROM collector_signal WHERE name = $1 AND workload = $2")
        .execute(Tuple.of(name, workload == null ? "" : workload)).map(rows -> rows.rowCount() > 0);
  }

  static SignalDefinition definition(Row r) {
    String workload = r.getString("workload");
    return new SignalDefinition(r.getString("name"), r.getString("query"), SignalDefinition.Scope.valueOf(r.getString("scope")),
        workload.isEmpty() ? null : workload, r.getString("description"), r.getString("prometheus"));
  }

}
