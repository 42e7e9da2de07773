import type { LoginLimits } from './auth/login-limiter.ts';
import type { ReplayBounds } from './sse/replay-buffer.ts';
import type { StreamBounds } from './sse/stream-limits.ts';

/** The edge's own bounds (README, Configuration), each from an environment variable. */
export interface EdgeLimits {
  login: Required<Omit<LoginLimits, 'now'>>;
  /** Password hashes computed at once (`PASSWORD_HASH_CONCURRENCY`). */
  hashConcurrency: number;
  streams: StreamBounds;
  replay: ReplayBounds;
}

const variables = {
  LOGIN_MAX_FAILURES_PER_USER: { default: 5, min: 1, max: 1_000 },
  LOGIN_MAX_FAILURES_PER_CLIENT: { default: 30, min: 1, max: 100_000 },
  LOGIN_WINDOW_SECONDS: { default: 60, min: 1, max: 86_400 },
  PASSWORD_HASH_CONCURRENCY: { default: 2, min: 1, max: 64 },
  STREAMS_PER_USER: { default: 16, min: 1, max: 10_000 },
  STREAMS_TOTAL: { default: 1_000, min: 1, max: 1_000_000 },
  STREAM_REPLAY_EVENTS: { default: 1_000, min: 0, max: 1_000_000 },
  STREAM_REPLAY_BYTES: { default: 4 * 1024 * 1024, min: 0, max: 1024 * 1024 * 1024 },
} as const;

/**
 * Reads the edge's bounds; a value that is not an integer in its range stops start-up with a
 * clear message. The login window is scaled by `timeScale` (TIME_SCALE) like every business
 * duration, so a test or a demo at 0.1 waits 6 s for it rather than a minute.
 */
export function readEdgeLimits(env: Record<string, string | undefined>, timeScale = 1): EdgeLimits {
  const read = (name: keyof typeof variables): number => {
    const { default: fallback, min, max } = variables[name];
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    return value;
  };
  return {
    login: {
      maxFailuresPerUser: read('LOGIN_MAX_FAILURES_PER_USER'),
      maxFailuresPerClient: read('LOGIN_MAX_FAILURES_PER_CLIENT'),
      windowMs: Math.max(1, Math.round(read('LOGIN_WINDOW_SECONDS') * 1000 * timeScale)),
    },
    hashConcurrency: read('PASSWORD_HASH_CONCURRENCY'),
    streams: { perUser: read('STREAMS_PER_USER'), total: read('STREAMS_TOTAL') },
    replay: { events: read('STREAM_REPLAY_EVENTS'), bytes: read('STREAM_REPLAY_BYTES') },
  };
}

/**
 * `METRICS_TOKEN`: unset or empty leaves `/metrics` open (Prometheus scrapes without a
 * user's token); set, it is the bearer token a scraper must send. A token that is short or
 * has spaces stops start-up: it would be guessed, or never match a header.
 */
export function readMetricsToken(env: Record<string, string | undefined>): string | undefined {
  const token = env.METRICS_TOKEN;
  if (token === undefined || token === '') return undefined;
  if (token.length < 16 || token.length > 512 || /\s/.test(token)) throw new RangeError('METRICS_TOKEN must be 16 to 512 characters without spaces');
  return token;
}
