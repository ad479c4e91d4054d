package dev.plimsoll.collector.scrape;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scrape targets and their health. */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class TargetResource {
  private final TargetRegistry registry;

  public TargetResource(TargetRegistry registry) {
    this.registry = registry;
  }

  @GET
  @Operation(summary = "Every current scrape target with the result of its last scrape, in discovery order")
  public List<TargetView> list() {
    return registry.current().targets().stream().map(t -> TargetView.of(t, registry.health(t.url()))).toList();
  }
}
