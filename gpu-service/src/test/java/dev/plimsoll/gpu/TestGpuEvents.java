package dev.plimsoll.gpu;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Collects what the gpu-service publishes on the test-prefixed {@code gpu-events} exchange (through the real RabbitMQ). */
@ApplicationScoped
public class TestGpuEvents {
  public static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

  @Incoming("test-gpu-events-in")
  void receive(String json) {
    RECEIVED.add(json);
  }
}
