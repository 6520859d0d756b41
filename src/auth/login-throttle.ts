// Sign-in throttling per account and per client address, in memory (one server per database).
export interface ThrottleLimits {
  /** failures allowed per e-mail address within the window */
  perAccount: number;
  /** failures allowed per client address within the window */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  perAccount: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
};

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** May this e-mail address be tried from this client address now? */
  check(email: string, address: string): ThrottleVerdict {
    const waits = [
      this.wait(`a:${email.trim().toLowerCase()}`, this.limits.perAccount),
      this.wait(`ip:${address}`, this.limits.perAddress),
    ];
    const wait = Math.max(...waits);
    return wait > 0
      ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) }
      : { allowed: true };
  }

  recordFailure(email: string, address: string): void {
    const t = this.now();
    for (const key of [`a:${email.trim().toLowerCase()}`, `ip:${address}`]) {
      this.failures.set(key, [...this.recent(key), t]);
    }
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  recordSuccess(email: string): void {
    this.failures.delete(`a:${email.trim().toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Milliseconds until the key may try again (0: now). */
  private wait(key: string, max: number): number {
    const recent = this.recent(key);
    if (recent.length < max) return 0;
    return recent[recent.length - max]! + this.limits.windowMs - this.now();
  }
}
