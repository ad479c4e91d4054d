package dev.plimsoll.gpu.extender;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * The kube-scheduler extender's wire format ({@code k8s.io/kube-scheduler/extender/v1}). Its Go structs carry no
 * JSON tags, so the field names are Go's, capitalised ({@code Pod}, {@code NodeNames}, {@code FailedNodes},
 * {@code Host}, {@code Score}); they are written exactly so and read case-insensitively.
 */
public final class ExtenderMessages {
  private ExtenderMessages() {}

  /** {@code ExtenderArgs}: the pod and the candidate nodes, whole ({@code Nodes}) or by name ({@code NodeNames}, nodeCacheCapable). */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  public record Args(@JsonProperty("Pod") Pod pod, @JsonProperty("Nodes") NodeList nodes, @JsonProperty("NodeNames") List<String> nodeNames) {}

  /** {@code ExtenderFilterResult}: the nodes that pass (in the form they came in), and why every other one failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FilterResult(@JsonProperty("Nodes") NodeList nodes, @JsonProperty("NodeNames") List<String> nodeNames,
      @JsonProperty("FailedNodes") Map<String, String> failedNodes,
      @JsonProperty("FailedAndUnresolvableNodes") Map<String, String> failedAndUnresolvableNodes, @JsonProperty("Error") String error) {}

  /** {@code HostPriority}: a node's score, 0..10 ({@code MaxExtenderPriority}). */
  public record HostPriority(@JsonProperty("Host") String host, @JsonProperty("Score") long score) {}
}
