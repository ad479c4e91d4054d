package dev.plimsoll.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted stand-in for the Engine on a Unix domain socket: each connection gets one request read and one raw
 * response written by {@code script}, so tests control framing, status codes and silence byte for byte.
 */
final class FakeEngine implements AutoCloseable {

  /** A request as the fake saw it. */
  record Request(String method, String target, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return "";
    }
  }

  /** What to send back: raw bytes, or null to stay silent (and keep the connection open) until the fake closes. */
  interface Script extends Function<Request, byte[]> {
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Path dir;
  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

  FakeEngine(Script script) throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "plimsoll-fake-engine");
    socket = dir.resolve("s.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = Thread.ofVirtual().start(() -> {
      while (server.isOpen()) {
        try {
          SocketChannel channel = server.accept();
          open.add(channel);
          Thread.ofVirtual().start(() -> serve(channel, script));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  DockerHost host() {
    return new DockerHost.Unix(socket);
  }

  private void serve(SocketChannel channel, Script script) {
    try {
      InputStream in = Channels.newInputStream(channel);
      Request request = readRequest(in);
      requests.add(request);
      byte[] response = script.apply(request);
      if (response == null) {
        return; // silent: the connection stays open until close()
      }
      OutputStream out = Channels.newOutputStream(channel);
      out.write(response);
      out.flush();
      channel.close();
    } catch (IOException e) {
      // the client went away; nothing to do
    }
  }

  private static Request readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed inside the request head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headText = head.toString(StandardCharsets.ISO_8859_1);
    String[] requestLine = headText.substring(0, headText.indexOf("\r\n")).split(" ");
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Request(requestLine[0], requestLine[1], headText, new String(body, StandardCharsets.UTF_8));
  }

  /** A complete response with Content-Length. */
  static byte[] json(int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\nContent-Length: " + bytes.length + "\r\n\r\n";
    return concat(head.getBytes(StandardCharsets.ISO_8859_1), bytes);
  }

  static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
    for (SocketChannel channel : open) {
      channel.close();
    }
    Files.deleteIfExists(socket);
    Files.deleteIfExists(dir);
  }
}
