// Measurements and fault knobs of the fake LibreNMS server.

/** What the fake server saw: per-path counts, concurrency, and request start times. */
export class FakeStats {
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** Requests refused for a missing or wrong X-Auth-Token. */
  unauthenticated = 0;
  readonly byPath = new Map<string, number>();
  /** Arrival times (ms, monotonic) of every request. */
  readonly starts: number[] = [];
  /** Paths whose answer body was written to the end, in order. */
  readonly completed: string[] = [];

  began(path: string, at: number): void {
    this.requests++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
    this.starts.push(at);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  count(path: string): number {
    return this.byPath.get(path) ?? 0;
  }

  /** Largest number of request starts inside any window [t, t + windowMs). */
  maxStartsInWindow(windowMs = 1000): number {
    const t = [...this.starts].sort((a, b) => a - b);
    let best = 0;
    for (let lo = 0, hi = 0; hi < t.length; hi++) {
      while (t[hi]! - t[lo]! >= windowMs) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }
}

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed' };

/** Faults queued per path (pathname after `/api/v0`); each is used by the next request. */
export class FakeFaults {
  private readonly queued = new Map<string, Fault[]>();
  /** The permissionless-user case: `/devices` answers an empty list. */
  emptyDevices = false;
  /** Delay of every answer, in ms. */
  delayAllMs = 0;

  add(path: string, fault: Fault, times = 1): this {
    const list = this.queued.get(path) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.queued.set(path, list);
    return this;
  }

  fail(path: string, times = 1, status = 500): this {
    return this.add(
      path,
      { kind: 'status', status, body: { status: 'error', message: 'boom' } },
      times,
    );
  }

  reset(path: string, times = 1): this {
    return this.add(path, { kind: 'reset' }, times);
  }

  delay(path: string, ms: number, times = 1): this {
    return this.add(path, { kind: 'delay', ms }, times);
  }

  malformed(path: string, times = 1): this {
    return this.add(path, { kind: 'malformed' }, times);
  }

  rateLimit(path: string, retryAfter: string, times = 1): this {
    return this.add(
      path,
      { kind: 'status', status: 429, retryAfter, body: { message: 'Too Many Attempts.' } },
      times,
    );
  }

  /** Laravel's own answers: 401 `Unauthenticated.` or 403 `This action is unauthorized.` */
  deny(path: string, status: 401 | 403, times = 1): this {
    const message = status === 401 ? 'Unauthenticated.' : 'This action is unauthorized.';
    return this.add(path, { kind: 'status', status, body: { message } }, times);
  }

  take(path: string): Fault | undefined {
    return this.queued.get(path)?.shift();
  }
}
