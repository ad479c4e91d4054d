package dev.plimsoll.simulator.sim;

import dev.plimsoll.fleet.trace.TraceFormat;
import dev.plimsoll.fleet.trace.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the trace named by {@code simulator.trace.path}: {@code classpath:<resource>} or a file path. */
public final class TraceSource {

  public static final String CLASSPATH_PREFIX = "classpath:";

  private TraceSource() {}

  /**
   * Reads the whole trace.
   *
   * @throws IllegalStateException naming the trace and what is wrong with it (line number for a malformed row)
   */
  public static Trace load(String location) {
    try (Reader reader = open(location)) {
      Trace trace = TraceFormat.readAny(reader); // Azure, BurstGPT or Mooncake, told from its first line
      if (trace.size() == 0) {
        throw new IllegalStateException("trace " + location + " has no requests");
      }
      return trace;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read trace " + location + ": " + e.getMessage(), e);
    }
  }

  private static Reader open(String location) throws IOException {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
      InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("no such classpath resource");
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
    Path path = Path.of(location);
    if (!Files.isRegularFile(path)) {
      throw new IOException("no such file");
    }
    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
  }
}
