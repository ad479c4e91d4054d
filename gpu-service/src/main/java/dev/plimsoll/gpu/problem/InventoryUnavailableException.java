package dev.plimsoll.gpu.problem;

/** No inventory has ever been read from the source; becomes a 503 problem naming the source URL and error. */
public class InventoryUnavailableException extends RuntimeException {
  public InventoryUnavailableException(String source, String url, String error) {
    super("No GPU inventory has been read yet from the " + source + " at " + url + ": " + error);
  }
}
