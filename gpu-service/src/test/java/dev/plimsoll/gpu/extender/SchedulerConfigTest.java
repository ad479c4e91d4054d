package dev.plimsoll.gpu.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.plimsoll.gpu.cluster.GpuResource;
import jakarta.ws.rs.Path;
import java.io.File;
import org.junit.jupiter.api.Test;

/** The sample KubeSchedulerConfiguration in deploy/ points at the extender's real paths and names only GPU resources. */
class SchedulerConfigTest {

  @Test
  void theSampleConfigurationMatchesTheExtender() throws Exception {
    JsonNode config = new YAMLMapper().readTree(new File("../deploy/k8s/scheduler/kube-scheduler-config.yaml"));
    assertEquals("KubeSchedulerConfiguration", config.path("kind").asText());
    JsonNode extender = config.path("extenders").get(0);
    String base = ExtenderResource.class.getAnnotation(Path.class).value();
    assertTrue(extender.path("urlPrefix").asText().endsWith(base), extender.path("urlPrefix").asText());
    assertEquals("filter", extender.path("filterVerb").asText());
    assertEquals("prioritize", extender.path("prioritizeVerb").asText());
    assertEquals(ExtenderResource.class.getMethod("filter", String.class).getAnnotation(Path.class).value(), "/" + extender.path("filterVerb").asText());
    assertEquals(ExtenderResource.class.getMethod("prioritize", String.class).getAnnotation(Path.class).value(),
        "/" + extender.path("prioritizeVerb").asText());
    assertTrue(extender.path("nodeCacheCapable").asBoolean());
    for (JsonNode r : extender.path("managedResources")) {
      assertTrue(GpuResource.parse(r.path("name").asText()).isPresent(), r.toString());
    }
  }
}
