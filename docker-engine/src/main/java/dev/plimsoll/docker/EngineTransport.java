package dev.plimsoll.docker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange per connection, over a non-blocking {@link SocketChannel} driven by a {@link Selector}:
 * the only way to put timeouts on a Unix domain socket channel (its blocking mode ignores {@code SO_TIMEOUT}), and
 * the same code then serves TCP. A connection per call costs ~0.1 ms on a local socket, far below a scrape or
 * scale period, and leaves no pool to go stale when the daemon restarts.
 */
final class EngineTransport {

  private final DockerHost host;
  private final EngineOptions options;

  EngineTransport(DockerHost host, EngineOptions options) {
    this.host = host;
    this.options = options;
  }

  EngineOptions options() {
    return options;
  }

  /**
   * Sends one request and reads its response.
   *
   * @param pathAndQuery already encoded, e.g. {@code /v1.41/tasks?filters=%7B...%7D}
   * @param jsonBody     the request body, or null for none
   */
  HttpResponseReader.Response exchange(String method, String pathAndQuery, byte[] jsonBody) {
    String request = method + " " + pathAndQuery;
    try (SocketChannel channel = SocketChannel.open(host.protocolFamily()); Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      connect(channel, selector, request);
      long deadline = System.nanoTime() + options.readTimeout().toNanos();
      write(channel, selector, head(method, pathAndQuery, jsonBody), jsonBody, deadline, request);
      HttpResponseReader.ByteSource source = into -> read(channel, selector, into, deadline, request);
      return new HttpResponseReader(source, options.maxResponseBytes()).read();
    } catch (DockerEngineException e) {
      throw e;
    } catch (HttpResponseReader.HttpFormatException e) {
      throw new DockerEngineException.Protocol("bad HTTP response from Docker Engine at " + host + " to " + request + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DockerEngineException.Unreachable("I/O error talking to Docker Engine at " + host + " (" + request + "): " + describe(e), e);
    }
  }

  private void connect(SocketChannel channel, Selector selector, String request) throws IOException {
    try {
      if (channel.connect(host.socketAddress())) {
        return;
      }
      channel.register(selector, SelectionKey.OP_CONNECT);
      long deadline = System.nanoTime() + options.connectTimeout().toNanos();
      while (!channel.finishConnect()) {
        awaitReady(selector, deadline, () -> "connecting to Docker Engine at " + host + " took longer than " + options.connectTimeout().toMillis() + " ms (" + request + ")");
      }
    } catch (UnresolvedAddressException e) {
      throw new DockerEngineException.Unreachable("cannot resolve Docker Engine host " + host + " (" + request + ")", e);
    } catch (IOException e) {
      throw new DockerEngineException.Unreachable("cannot connect to Docker Engine at " + host + " (" + request + "): " + describe(e), e);
    }
  }

  private void write(SocketChannel channel, Selector selector, byte[] head, byte[] body, long deadline, String request) throws IOException {
    ByteBuffer[] buffers = body == null ? new ByteBuffer[] {ByteBuffer.wrap(head)} : new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
    SelectionKey key = register(channel, selector, SelectionKey.OP_WRITE);
    while (buffers[buffers.length - 1].hasRemaining()) {
      if (channel.write(buffers) == 0) {
        awaitReady(selector, deadline, () -> timeoutMessage("sending", request));
      }
    }
    key.interestOps(SelectionKey.OP_READ);
  }

  private int read(SocketChannel channel, Selector selector, ByteBuffer into, long deadline, String request) throws IOException {
    register(channel, selector, SelectionKey.OP_READ);
    while (true) {
      int n = channel.read(into);
      if (n != 0) {
        return n;
      }
      awaitReady(selector, deadline, () -> timeoutMessage("waiting for the response to", request));
    }
  }

  private static SelectionKey register(SocketChannel channel, Selector selector, int ops) throws IOException {
    SelectionKey key = channel.keyFor(selector);
    if (key == null) {
      return channel.register(selector, ops);
    }
    key.interestOps(ops);
    return key;
  }

  private static void awaitReady(Selector selector, long deadline, java.util.function.Supplier<String> timeoutMessage) throws IOException {
    long leftNanos = deadline - System.nanoTime();
    if (leftNanos <= 0) {
      throw new DockerEngineException.Timeout(timeoutMessage.get());
    }
    selector.select(Math.max(1, leftNanos / 1_000_000));
    selector.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      throw new DockerEngineException.Timeout("interrupted while talking to the Docker Engine");
    }
  }

  private String timeoutMessage(String doing, String request) {
    return "Docker Engine at " + host + " did not finish " + request + " within " + options.readTimeout().toMillis() + " ms (" + doing + ")";
  }

  private static byte[] head(String method, String pathAndQuery, byte[] body) {
    StringBuilder head = new StringBuilder(256)
        .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
        // The Engine ignores Host on a unix socket but HTTP/1.1 requires one; "docker" is what the CLI sends.
        .append("Host: docker\r\n")
        .append("User-Agent: plimsoll-docker-engine\r\n")
        .append("Accept: application/json\r\n")
        .append("Connection: close\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length).append("\r\n");
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      head.append("Content-Length: 0\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
