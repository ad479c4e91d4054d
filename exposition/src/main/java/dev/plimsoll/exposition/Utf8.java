package dev.plimsoll.exposition;

/** Strict UTF-8 checks on raw bytes (overlong forms, surrogates and values above U+10FFFF are invalid). */
final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte of an invalid sequence in {@code buf[from, to)}, or -1 when all is valid. */
  static int firstInvalid(byte[] buf, int from, int to) {
    int i = from;
    while (i < to) {
      int b = buf[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      int cp;
      if (b >= 0xc2 && b <= 0xdf) {
        n = 1;
        min = 0x80;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        n = 2;
        min = 0x800;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        n = 3;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        return i;
      }
      if (i + n >= to) {
        return i;
      }
      for (int k = 1; k <= n; k++) {
        int c = buf[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return i;
      }
      i += n + 1;
    }
    return -1;
  }

  /** The number of code points in valid UTF-8 {@code buf[from, to)}. */
  static int codePoints(byte[] buf, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if ((buf[i] & 0xc0) != 0x80) {
        n++;
      }
    }
    return n;
  }
}
