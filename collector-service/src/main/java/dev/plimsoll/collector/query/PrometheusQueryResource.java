package dev.plimsoll.collector.query;

import dev.plimsoll.collector.store.MetricStore;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.parse.Expr;
import dev.plimsoll.promql.parse.Parser;
import dev.plimsoll.promql.storage.Matcher;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Prometheus' HTTP query API over the collector's store ({@code /api/v1/query}, {@code query_range},
 * {@code series}, {@code labels}, {@code label/<name>/values}), GET or form POST, in Prometheus' JSON
 * (errors too, as {@code {"status":"error",...}}: Prometheus clients read those, not problem+json).
 * Add the collector to Grafana as a Prometheus data source at {@code http://collector:8081}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prometheus query API")
public class PrometheusQueryResource {
  /** Prometheus' own limit on a range query's points per series. */
  static final int MAX_POINTS = 11_000;

  private final MetricStore store;
  private final Clock clock;

  public PrometheusQueryResource(MetricStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @GET
  @Path("/query")
  @Operation(summary = "Instant query (Prometheus API)")
  public Response query(@QueryParam("query") String query, @QueryParam("time") String time) {
    return instant(query, time);
  }

  @POST
  @Path("/query")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response queryPost(@FormParam("query") String query, @FormParam("time") String time) {
    return instant(query, time);
  }

  @GET
  @Path("/query_range")
  @Operation(summary = "Range query (Prometheus API)")
  public Response queryRange(@QueryParam("query") String query, @QueryParam("start") String start, @QueryParam("end") String end,
      @QueryParam("step") String step) {
    return range(query, start, end, step);
  }

  @POST
  @Path("/query_range")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response queryRangePost(@FormParam("query") String query, @FormParam("start") String start, @FormParam("end") String end,
      @FormParam("step") String step) {
    return range(query, start, end, step);
  }

  @GET
  @Path("/series")
  @Operation(summary = "Series matching selectors (Prometheus API)")
  public Response series(@QueryParam("match[]") List<String> match) {
    return seriesOf(match);
  }

  @POST
  @Path("/series")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response seriesPost(@FormParam("match[]") List<String> match) {
    return seriesOf(match);
  }

  @GET
  @Path("/labels")
  @Operation(summary = "Label names (Prometheus API)")
  public Response labels(@QueryParam("match[]") List<String> match) {
    return labelNames(match);
  }

  @POST
  @Path("/labels")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response labelsPost(@FormParam("match[]") List<String> match) {
    return labelNames(match);
  }

  @GET
  @Path("/label/{name}/values")
  @Operation(summary = "Values of one label (Prometheus API)")
  public Response labelValues(@PathParam("name") String name, @QueryParam("match[]") List<String> match) {
    try {
      if (match == null || match.isEmpty()) {
        return ok(store.series().labelValues(name));
      }
      Set<String> values = new TreeSet<>();
      for (Labels l : matching(match)) {
        String v = l.get(name);
        if (v != null) {
          values.add(v);
        }
      }
      return ok(List.copyOf(values));
    } catch (IllegalArgumentException | PromqlException e) {
      return bad(e.getMessage());
    }
  }

  @GET
  @Path("/status/buildinfo")
  @Operation(summary = "Build information (Prometheus API; Grafana reads it to recognise a data source)")
  public Response buildInfo() {
    return ok(Map.of("version", "2.42.0", "revision", "plimsoll-collector", "branch", "", "buildUser", "", "buildDate", "", "goVersion", ""));
  }

  private Response instant(String query, String time) {
    if (query == null || query.isBlank()) {
      return bad("invalid parameter \"query\": missing");
    }
    try {
      long t = time == null || time.isBlank() ? clock.millis() : PromApiFormat.time("time", time);
      return ok(PromApiFormat.result(store.engine().instant(query, t).value()));
    } catch (IllegalArgumentException e) {
      return bad(e.getMessage());
    } catch (PromqlException e) {
      return failed(e);
    }
  }

  private Response range(String query, String start, String end, String step) {
    if (query == null || query.isBlank()) {
      return bad("invalid parameter \"query\": missing");
    }
    try {
      if (start == null || end == null || step == null) {
        return bad("invalid parameter \"" + (start == null ? "start" : end == null ? "end" : "step") + "\": missing");
      }
      long s = PromApiFormat.time("start", start);
      long e = PromApiFormat.time("end", end);
      long st = PromApiFormat.duration("step", step);
      if (e < s) {
        return bad("invalid parameter \"end\": end timestamp must not be before start time");
      }
      if ((e - s) / st > MAX_POINTS) {
        return bad("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
      }
      return ok(PromApiFormat.result(store.engine().range(query, s, e, st).value()));
    } catch (IllegalArgumentException ex) {
      return bad(ex.getMessage());
    } catch (PromqlException ex) {
      return failed(ex);
    }
  }

  private Response seriesOf(List<String> match) {
    if (match == null || match.isEmpty()) {
      return bad("no match[] parameter provided");
    }
    try {
      List<Map<String, String>> out = new ArrayList<>();
      for (Labels l : matching(match)) {
        out.add(PromApiFormat.labels(l));
      }
      return ok(out);
    } catch (IllegalArgumentException | PromqlException e) {
      return bad(e.getMessage());
    }
  }

  private Response labelNames(List<String> match) {
    try {
      if (match == null || match.isEmpty()) {
        return ok(store.series().labelNames());
      }
      Set<String> names = new TreeSet<>();
      for (Labels l : matching(match)) {
        for (int i = 0; i < l.size(); i++) {
          names.add(l.name(i));
        }
      }
      return ok(List.copyOf(names));
    } catch (IllegalArgumentException | PromqlException e) {
      return bad(e.getMessage());
    }
  }

  /** Series matching any of the selectors (each must be a plain vector selector). */
  private Collection<Labels> matching(List<String> selectors) {
    Set<Labels> out = new LinkedHashSet<>();
    for (String selector : selectors) {
      Expr expr = Parser.parse(selector);
      if (!(expr instanceof Expr.VectorSelector v)) {
        throw new IllegalArgumentException("invalid parameter \"match[]\": " + selector + " is not a series selector");
      }
      List<Matcher> matchers = v.matchers();
      out.addAll(store.series().series(matchers));
    }
    return out;
  }

  private static Response ok(Object data) {
    return Response.ok(PromApiFormat.success(data)).build();
  }

  private static Response bad(String message) {
    return Response.status(400).entity(PromApiFormat.error("bad_data", message)).type(MediaType.APPLICATION_JSON).build();
  }

  /** Parse errors are bad data (400); evaluation errors are execution errors (422), as in Prometheus. */
  private static Response failed(PromqlException e) {
    if (e instanceof dev.plimsoll.promql.ParseException || e instanceof dev.plimsoll.promql.UnsupportedFeatureException) {
      return bad(e.getMessage());
    }
    return Response.status(422).entity(PromApiFormat.error("execution", e.getMessage())).type(MediaType.APPLICATION_JSON).build();
  }

}
