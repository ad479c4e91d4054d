package dev.plimsoll.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One serving replica under vLLM-style continuous batching, simulated exactly between events (no time step).
 *
 * <p>Requests wait in a FIFO queue and are admitted into the running batch, head first, while the batch has fewer
 * than {@link ModelProfile#maxNumSeqs()} sequences and the KV cache has room for the request's whole footprint
 * (prompt plus output). Reserving the whole footprint up front means no request is ever preempted; the
 * {@link #kvCacheUsage()} gauge still reports only the tokens actually held (prompt plus tokens generated so far).
 * A request that could never fit the cache is rejected when it reaches the head of the queue (vLLM rejects such
 * prompts before queueing them, so it counts in no {@code vllm:} metric).
 *
 * <p>Time sharing, a simple approximation of vLLM's scheduler: prefill has priority. While any admitted request
 * still has prompt to prefill, the GPU prefills one prompt at a time (in admission order) at
 * {@link ModelProfile#prefillTokensPerSecond()} and decoding pauses; otherwise all prefilled sequences decode
 * together, each at {@link ModelProfile#perSequenceDecodeRate(int)} for the current batch size. The end of a
 * prompt's prefill yields the request's first token (its time to first token); the remaining
 * {@code outputTokens - 1} come out of decoding, and the last one completes the request (finished reason
 * {@link FinishReason#STOP}). Pauses for other prompts' prefills show up in the inter-token latency.
 *
 * <p>Not thread-safe; the caller serialises access. Time only moves forward through {@link #advanceTo(double)}.
 */
public final class Replica {

  private static final double EPSILON = 1e-9;

  private final String id;
  private final ModelProfile profile;
  private double now;

  private final ArrayDeque<InferenceRequest> waiting = new ArrayDeque<>();
  private final ArrayDeque<Sequence> prefilling = new ArrayDeque<>();
  private final List<Sequence> decoding = new ArrayList<>();
  private long reservedKvTokens;

  private long promptTokens;
  private long generationTokens;
  private final EnumMap<FinishReason, Long> finished = new EnumMap<>(FinishReason.class);
  private long rejected;
  private final Histogram timeToFirstToken = new Histogram(Histogram.TTFT_BUCKETS);
  private final Histogram e2eLatency = new Histogram(Histogram.REQUEST_LATENCY_BUCKETS);
  private final Histogram interTokenLatency = new Histogram(Histogram.INTER_TOKEN_LATENCY_BUCKETS);
  private final Histogram queueTime = new Histogram(Histogram.REQUEST_LATENCY_BUCKETS);
  private final Histogram requestPromptTokens = new Histogram(Histogram.TOKEN_BUCKETS);
  private final Histogram requestGenerationTokens = new Histogram(Histogram.TOKEN_BUCKETS);

  private final RequestObserver observer;

  /** A replica that starts serving at {@code startSeconds} (simulated), empty. */
  public Replica(String id, ModelProfile profile, double startSeconds) {
    this(id, profile, startSeconds, RequestObserver.NONE);
  }

  /** The same, telling {@code observer} each request's first token and completion. */
  public Replica(String id, ModelProfile profile, double startSeconds, RequestObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.id = Objects.requireNonNull(id, "id");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.now = startSeconds;
    for (FinishReason reason : FinishReason.values()) {
      finished.put(reason, 0L);
    }
  }

  public String id() {
    return id;
  }

  public ModelProfile profile() {
    return profile;
  }

  /** The simulated time this replica has been advanced to. */
  public double now() {
    return now;
  }

  /** Queues a request at the current time and admits it at once if the batch and the KV cache have room. */
  public void enqueue(InferenceRequest request) {
    waiting.addLast(Objects.requireNonNull(request, "request"));
    admit();
  }

  /**
   * Serves until {@code toSeconds}: admits, prefills, decodes and completes requests, event by event.
   *
   * @throws IllegalArgumentException when {@code toSeconds} is before {@link #now()}
   */
  public void advanceTo(double toSeconds) {
    if (toSeconds < now) {
      throw new IllegalArgumentException("cannot go back in time from " + now + " to " + toSeconds);
    }
    while (true) {
      admit();
      double next = toSeconds;
      Sequence prefill = prefilling.peekFirst();
      Sequence firstToFinish = null;
      double rate = 0;
      boolean prefillEnds = false;
      if (prefill != null) {
        double end = now + prefill.remainingPrompt / profile.prefillTokensPerSecond();
        if (end <= next) {
          next = end;
          prefillEnds = true;
        }
      } else if (!decoding.isEmpty()) {
        rate = profile.perSequenceDecodeRate(decoding.size());
        for (Sequence s : decoding) {
          if (firstToFinish == null || s.remainingDecode() < firstToFinish.remainingDecode()) {
            firstToFinish = s;
          }
        }
        double end = now + firstToFinish.remainingDecode() / rate;
        if (end <= next) {
          next = end;
        } else {
          firstToFinish = null;
        }
      }
      InferenceRequest head = waiting.peekFirst();
      if (head != null && head.arrival() > now && head.arrival() < next) {
        next = head.arrival(); // a request submitted ahead of its arrival becomes admissible then
        prefillEnds = false;
        firstToFinish = null;
      }

      double dt = next - now;
      if (prefill != null) {
        prefill.remainingPrompt = Math.max(0, prefill.remainingPrompt - dt * profile.prefillTokensPerSecond());
      } else if (!decoding.isEmpty() && dt > 0) {
        for (Sequence s : decoding) {
          decode(s, dt, rate);
        }
      }
      now = next;

      boolean progressed = false;
      if (prefillEnds) {
        finishPrefill(prefilling.pollFirst());
        progressed = true;
      } else if (firstToFinish != null) {
        firstToFinish.emitRemaining(this, rate);
        completeFinishedDecodes();
        progressed = true;
      }
      if (!progressed && now >= toSeconds) {
        return;
      }
    }
  }

  /** Removes and returns the queued requests that have not been admitted, oldest first. */
  public List<InferenceRequest> drainWaiting() {
    List<InferenceRequest> drained = new ArrayList<>(waiting);
    waiting.clear();
    return drained;
  }

  /** Aborts every running request (finished reason {@code abort}) and frees the batch; returns how many. */
  public int abortRunning() {
    int aborted = prefilling.size() + decoding.size();
    finished.merge(FinishReason.ABORT, (long) aborted, Long::sum);
    prefilling.clear();
    decoding.clear();
    reservedKvTokens = 0;
    return aborted;
  }

  /** Requests queued and not yet admitted. */
  public int waiting() {
    return waiting.size();
  }

  /** When the prompt being prefilled now gets its first token (infinity when none is). */
  public double nextPrefillEnd() {
    Sequence prefill = prefilling.peekFirst();
    return prefill == null ? Double.POSITIVE_INFINITY : now + prefill.remainingPrompt / profile.prefillTokensPerSecond();
  }

  /** Requests that have not had their first token yet: waiting, or admitted with prompt still to prefill. */
  public int awaitingFirstToken() {
    return waiting.size() + prefilling.size();
  }

  /** Requests in the running batch (prefilling or decoding). */
  public int running() {
    return prefilling.size() + decoding.size();
  }

  /** KV-cache tokens actually held (prompts plus tokens generated so far) over the capacity, 0..1. */
  public double kvCacheUsage() {
    long held = 0;
    for (Sequence s : prefilling) {
      held += s.request.promptTokens();
    }
    for (Sequence s : decoding) {
      held += s.request.promptTokens() + 1 + s.emitted;
    }
    return Math.min(1.0, (double) held / profile.kvCacheTokens());
  }

  /** Requests that finished here, for any reason. */
  public long finishedRequests() {
    return finished.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Requests rejected because their prompt plus output can never fit the KV cache. */
  public long rejectedRequests() {
    return rejected;
  }

  /** A consistent copy of the counters, gauges and histograms. */
  public ReplicaMetrics metrics() {
    return new ReplicaMetrics(id, profile.modelName(), waiting(), running(), kvCacheUsage(), promptTokens,
        generationTokens, Map.copyOf(finished), 0, timeToFirstToken.copy(), e2eLatency.copy(),
        interTokenLatency.copy(), queueTime.copy(), requestPromptTokens.copy(), requestGenerationTokens.copy());
  }

  private void admit() {
    while (!waiting.isEmpty() && running() < profile.maxNumSeqs()) {
      InferenceRequest head = waiting.peekFirst();
      if (head.arrival() > now) {
        return;
      }
      if (head.kvFootprint() > profile.kvCacheTokens()) {
        waiting.pollFirst();
        rejected++;
        continue;
      }
      if (reservedKvTokens + head.kvFootprint() > profile.kvCacheTokens()) {
        return; // strict FIFO: the head waits for KV room, and everything behind it waits too
      }
      waiting.pollFirst();
      reservedKvTokens += head.kvFootprint();
      queueTime.observe(now - head.arrival());
      prefilling.addLast(new Sequence(head));
    }
  }

  private void finishPrefill(Sequence s) {
    s.remainingPrompt = 0;
    promptTokens += s.request.promptTokens();
    timeToFirstToken.observe(now - s.request.arrival());
    observer.firstToken(s.request, now);
    if (s.request.outputTokens() == 0) {
      complete(s);
      return;
    }
    generationTokens++; // the prefill step samples the first token
    s.lastTokenAt = now;
    if (s.decodeTarget() == 0) {
      complete(s);
    } else {
      decoding.add(s);
    }
  }

  /** Decodes {@code dt} seconds of sequence {@code s} at {@code rate} tokens/s, ending at {@code now + dt}. */
  private void decode(Sequence s, double dt, double rate) {
    double start = now;
    double before = s.decoded;
    s.decoded = Math.min(s.decodeTarget(), before + dt * rate);
    int emittedNow = (int) Math.min(s.decodeTarget(), Math.floor(s.decoded + EPSILON));
    emitTokens(s, start, before, emittedNow, rate);
  }

  private void emitTokens(Sequence s, double segmentStart, double decodedAtStart, int emittedNow, double rate) {
    int tokens = emittedNow - s.emitted;
    if (tokens <= 0) {
      return;
    }
    double firstAt = segmentStart + Math.max(0, (s.emitted + 1 - decodedAtStart) / rate);
    interTokenLatency.observe(Math.max(0, firstAt - s.lastTokenAt));
    interTokenLatency.observe(1 / rate, tokens - 1L);
    s.lastTokenAt = segmentStart + Math.max(0, (emittedNow - decodedAtStart) / rate);
    s.emitted = emittedNow;
    generationTokens += tokens;
  }

  private void completeFinishedDecodes() {
    Iterator<Sequence> it = decoding.iterator();
    while (it.hasNext()) {
      Sequence s = it.next();
      if (s.emitted >= s.decodeTarget()) {
        it.remove();
        complete(s);
      }
    }
  }

  private void complete(Sequence s) {
    e2eLatency.observe(now - s.request.arrival());
    requestPromptTokens.observe(s.request.promptTokens());
    requestGenerationTokens.observe(s.request.outputTokens());
    observer.completed(s.request, now);
    finished.merge(FinishReason.STOP, 1L, Long::sum);
    reservedKvTokens -= s.request.kvFootprint();
  }

  /** A request in the running batch. */
  private static final class Sequence {
    final InferenceRequest request;
    double remainingPrompt;
    double decoded; // tokens decoded after the first one, fractional between tokens
    int emitted; // whole tokens decoded after the first one
    double lastTokenAt;

    Sequence(InferenceRequest request) {
      this.request = request;
      this.remainingPrompt = request.promptTokens();
    }

    int decodeTarget() {
      return Math.max(0, request.outputTokens() - 1);
    }

    double remainingDecode() {
      return decodeTarget() - decoded;
    }

    /** Snaps the sequence that set the event time to its exact end (no floating-point leftovers). */
    void emitRemaining(Replica replica, double rate) {
      if (emitted < decodeTarget()) {
        double decodedBefore = decoded;
        decoded = decodeTarget();
        // tokens between the floor and the target all came out at 1/rate; the last one lands at 'now'
        replica.emitTokens(this, replica.now - (decodeTarget() - decodedBefore) / rate, decodedBefore, decodeTarget(), rate);
      }
    }
  }
}
