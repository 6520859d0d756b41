// One bottleneck limiter per client: at most N request starts in any 1-second window, M in flight.
import Bottleneck from 'bottleneck';

/**
 * Extra spacing so that network jitter between the client and LibreNMS cannot squeeze N+1
 * starts into one second as seen by the server: N+1 starts always span at least 1 s + this.
 */
export const RATE_GUARD_MS = 50;

/** Minimum gap between two request starts for `maxRps`. */
export function startSpacingMs(maxRps: number): number {
  return Math.ceil((1000 + RATE_GUARD_MS) / maxRps);
}

export interface RequestLimiter {
  /** Waits for a slot; the caller must call the returned release once its request is over. */
  acquire(): Promise<() => void>;
  /** Drops queued jobs; running ones keep their slots until released. */
  stop(): Promise<void>;
}

export function createRequestLimiter(opts: {
  maxRps: number;
  maxConcurrency: number;
}): RequestLimiter {
  if (!(opts.maxRps >= 1) || !(opts.maxConcurrency >= 1)) {
    throw new RangeError('maxRps and maxConcurrency must be at least 1');
  }
  // minTime spaces the starts (a sliding-window guarantee, unlike a reservoir refreshed per
  // fixed second, which allows 2N starts around a refresh); maxConcurrent caps in-flight.
  const limiter = new Bottleneck({
    maxConcurrent: opts.maxConcurrency,
    minTime: startSpacingMs(opts.maxRps),
  });
  return {
    acquire: () =>
      new Promise((resolve, reject) => {
        limiter
          .schedule(
            () =>
              new Promise<void>((release) => {
                let released = false;
                resolve(() => {
                  if (released) return;
                  released = true;
                  release();
                });
              }),
          )
          .catch(reject);
      }),
    stop: () => limiter.stop({ dropWaitingJobs: true }),
  };
}
