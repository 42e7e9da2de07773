/** Mean and nearest-rank percentiles of latencies, ms. */
export interface LatencyStats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

export function latencyStats(values: readonly number[]): LatencyStats {
  if (values.length === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { count: sorted.length, mean: round(mean), p50: round(rank(50)), p95: round(rank(95)), p99: round(rank(99)) };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
