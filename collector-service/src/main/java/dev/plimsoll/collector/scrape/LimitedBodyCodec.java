package dev.plimsoll.collector.scrape;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Collects a response body as bytes, failing with {@link BodyTooLargeException} as soon as it grows
 * past a limit, so an oversized exposition is never held in memory whole.
 */
final class LimitedBodyCodec implements BodyCodec<byte[]> {
  private final long maxBytes;

  LimitedBodyCodec(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void create(Handler<AsyncResult<BodyStream<byte[]>>> handler) {
    handler.handle(Future.succeededFuture(new Stream()));
  }

  /** The body was larger than allowed. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(long maxBytes) {
      super("response body over the " + maxBytes + "-byte limit (collector.max-body-bytes)", null, false, false);
    }
  }

  private final class Stream implements BodyStream<byte[]> {
    private final Promise<byte[]> result = Promise.promise();
    private Buffer body = Buffer.buffer();

    @Override
    public Future<byte[]> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      body = null;
      result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (body == null) {
        return Future.failedFuture(new BodyTooLargeException(maxBytes));
      }
      if ((long) body.length() + data.length() > maxBytes) {
        body = null; // release what was read so far
        var tooLarge = new BodyTooLargeException(maxBytes);
        result.tryFail(tooLarge);
        return Future.failedFuture(tooLarge);
      }
      body.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
      Future<Void> written = write(data);
      if (handler != null) {
        handler.handle(written);
      }
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
      if (body != null) {
        result.tryComplete(body.getBytes());
      }
      if (handler != null) {
        handler.handle(Future.succeededFuture());
      }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
