package dev.plimsoll.docker;

/**
 * An Engine API version such as {@code 1.41}, compared numerically ({@code 1.9 < 1.41}).
 */
record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  static ApiVersion parse(String text) {
    int dot = text == null ? -1 : text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException("API version '" + text + "' is not of the form 1.41");
    }
    try {
      return new ApiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("API version '" + text + "' is not of the form 1.41", e);
    }
  }

  @Override
  public int compareTo(ApiVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  static ApiVersion min(ApiVersion a, ApiVersion b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
