import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * Benchmark targets: serves the same exposition body (the given files, joined) at /t/<n>/metrics for
 * any n, as many targets on one port. Run with: java TargetServer.java PORT FILE...
 */
public class TargetServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < args.length; i++) {
      String text = Files.readString(Path.of(args[i]));
      sb.append(text).append(text.endsWith("\n") ? "" : "\n");
    }
    byte[] body = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
    server.createContext("/t/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    System.out.println("serving " + body.length + " bytes per target on port " + port);
  }
}
