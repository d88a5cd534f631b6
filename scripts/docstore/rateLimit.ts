/** Token-bucket rate limits for the document store's uploads (per uploader address, per client IP). */

export interface BucketConfig {
  /** Requests allowed in a burst. */
  burst: number;
  /** Tokens added back per minute, up to `burst`. */
  perMinute: number;
}

/** Past this many keys, buckets that have refilled completely (indistinguishable from new) are dropped. */
const PRUNE_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(config.burst >= 1) || !(config.perMinute > 0)) {
      throw new Error(`rate limit: burst must be ≥ 1 and perMinute > 0 (got ${JSON.stringify(config)})`);
    }
    this.perMs = config.perMinute / 60_000;
  }

  /** Takes one token for `key`: `undefined` if allowed, else the seconds until a token is available. */
  take(key: string): number | undefined {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.burst, at: now };
    bucket.tokens = Math.min(this.config.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > PRUNE_AT) this.prune(now);
    return undefined;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.config.burst) this.buckets.delete(key);
    }
  }
}
