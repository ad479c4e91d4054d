package dev.plimsoll.scaler.loop;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code MetricSnapshot}s from channel {@value #CHANNEL} (exchange {@code <prefix>metric-snapshots},
 * queue {@code <prefix>scaler.metric-snapshots}). A method returning a {@link Uni} is invoked for one message
 * at a time (SmallRye concatenates them), which is what the in-memory stabilization history needs. Every
 * message is acked, malformed or not, so that nothing loops.
 */
@ApplicationScoped
public class SnapshotListener {

  public static final String CHANNEL = "snapshots";
  private static final Logger LOG = Logger.getLogger(SnapshotListener.class);

  private final ScaleLoop loop;

  public SnapshotListener(ScaleLoop loop) {
    this.loop = loop;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onSnapshot(Message<Object> message) {
    return Uni.createFrom().item(() -> text(message.getPayload()))
        .chain(loop::evaluate)
        .onFailure().recoverWithItem(e -> {
          LOG.errorf(e, "evaluating a metric snapshot failed; it is dropped");
          return null;
        })
        .chain(() -> Uni.createFrom().completionStage(message.ack()));
  }

  /** The body as text, whatever type the connector chose for it (it depends on the content type). */
  static String text(Object payload) {
    if (payload instanceof String s) {
      return s;
    }
    if (payload instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (payload instanceof Buffer buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
    if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
    if (payload instanceof JsonObject json) {
      return json.encode();
    }
    if (payload instanceof JsonArray json) {
      return json.encode();
    }
    return String.valueOf(payload);
  }
}
