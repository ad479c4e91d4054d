package dev.plimsoll.collector.statictarget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Static targets added over REST, in PostgreSQL table {@code collector_static_target} (created at start). */
@ApplicationScoped
public class StaticTargetStore {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final Pool pool;
  private final ObjectMapper mapper;

  public StaticTargetStore(Pool pool, ObjectMapper mapper) {
    this.pool = pool;
    this.mapper = mapper;
  }

  void createTable(@Observes StartupEvent event) {
    pool.query("""
        CREATE TABLE IF NOT EXISTS collector_static_target (
          id BIGSERIAL PRIMARY KEY,
          url TEXT NOT NULL UNIQUE,
          workload TEXT NOT NULL,
          replica TEXT NOT NULL,
          labels TEXT NOT NULL,
          scrape_interval_ms BIGINT,
          scrape_timeout_ms BIGINT,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now())""").execute()
        .onFailure().recoverWithNull() // the store answers with the database's error on first use instead
        .await().atMost(Duration.ofSeconds(10));
  }

  /** Every stored target, oldest first, as REST shows it. */
  public Uni<List<StaticTargetView>> list() {
    return rows(this::view);
  }

  /** Every stored target, oldest first, to scrape. */
  public Uni<List<ScrapeTarget>> targets() {
    return rows(r -> new ScrapeTarget(r.getString("url"), r.getString("workload"), r.getString("replica"), labels(r.getString("labels")),
        millis(r.getLong("scrape_interval_ms")), millis(r.getLong("scrape_timeout_ms"))));
  }

  private <T> Uni<List<T>> rows(java.util.function.Function<Row, T> mapper) {
    return pool.query("SELECT * FROM collector_static_target ORDER BY id").execute().map(rows -> {
      List<T> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(mapper.apply(r));
      }
      return out;
    });
  }

  private static Duration millis(Long ms) {
    return ms == null ? null : Duration.ofMillis(ms);
  }

  /** Stores a target; empty when one with the same URL exists. */
  public Uni<Optional<StaticTargetView>> add(StaticTargetRequest r, String replica, Duration interval, Duration timeout) {
    return pool.preparedQuery("""
        INSERT INTO collector_static_target (url, workload, replica, labels, scrape_interval_ms, scrape_timeout_ms)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (url) DO NOTHING RETURNING *""")
        .execute(Tuple.from(java.util.Arrays.asList(r.url(), r.workload(), replica, json(r.labels() == null ? Map.of() : r.labels()),
            interval == null ? null : interval.toMillis(), timeout == null ? null : timeout.toMillis())))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next())) : Optional.<StaticTargetView>empty());
  }

  /** Deletes a target; false when there was none with that id. */
  public Uni<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM collector_static_target WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  private StaticTargetView view(Row r) {
    Long interval = r.getLong("scrape_interval_ms");
    Long timeout = r.getLong("scrape_timeout_ms");
    return new StaticTargetView(r.getLong("id"), r.getString("url"), r.getString("workload"), r.getString("replica"), labels(r.getString("labels")),
        interval == null ? null : interval + "ms", timeout == null ? null : timeout + "ms",
        r.get(OffsetDateTime.class, "created_at").toInstant());
  }

  private String json(Map<String, String> labels) {
    try {
      return mapper.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("labels cannot be written as JSON", e);
    }
  }

  private Map<String, String> labels(String json) {
    try {
      return mapper.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
