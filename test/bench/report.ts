/** What each round of one path measured. */
export interface PathResult {
  name: string;
  /** Messages per round. */
  messages: number;
  /** Messages per second, first publish → last ack. */
  rates: number[];
  /** This process's CPU (user + system) per message, µs: steadier than rates on a shared machine. */
  cpu: number[];
  /** The local broker's CPU per message, µs; empty where it cannot be read. */
  brokerCpu: number[];
  /** The local Postgres's CPU per message, µs (every backend and helper process); empty where it cannot be read. */
  postgresCpu: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A table of every path against the baseline (the first result), and the summary the
 * JSON line carries: each path's median rate and its ratio to the baseline's median.
 */
export function formatReport(results: readonly PathResult[]): { table: string; summary: Record<string, number> } {
  const [baseline] = results;
  if (!baseline) throw new Error('no results');
  const base = median(baseline.rates);
  const head = ['path', 'msgs/round', 'median msg/s', 'best msg/s', 'rounds msg/s', 'client µs/msg', 'broker µs/msg', 'postgres µs/msg', `/${baseline.name}`];
  const rows = results.map((r) => [
    r.name,
    fmt(r.messages),
    fmt(median(r.rates)),
    fmt(Math.max(...r.rates)),
    r.rates.map(fmt).join(' / '),
    median(r.cpu).toFixed(1),
    r.brokerCpu.length > 0 ? median(r.brokerCpu).toFixed(1) : '-',
    r.postgresCpu.length > 0 ? median(r.postgresCpu).toFixed(1) : '-',
    (median(r.rates) / base).toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const title = `rates and ratios are medians of ${baseline.rates.length} rounds`;
  const table = [title, line(head), ...rows.map(line)].join('\n');

  const summary: Record<string, number> = { [baseline.name]: Math.round(base) };
  for (const r of results.slice(1)) {
    const rate = median(r.rates);
    summary[r.name] = Math.round(rate);
    summary[ratioKey(r.name)] = Math.round((rate / base) * 100) / 100;
  }
  return { table, summary };
}

/** The runtime path's ratio is plain `ratio`; any other path's is `<name>Ratio`. */
function ratioKey(name: string): string {
  return name === 'runtime' ? 'ratio' : `${name}Ratio`;
}

function fmt(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}
