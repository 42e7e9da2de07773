/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format (version 0.0.4). Hand-made rather than a client library because
 * the message path updates it per message: a labelled child is resolved once (per mailbox)
 * and its update is one addition, no label hashing per call.
 */

export type Labels = Readonly<Record<string, string>>;
type Kind = 'counter' | 'gauge' | 'histogram';

/** Values read at scrape time (a database count, a connection state): sample per label set. */
export type Collect = () => Iterable<[Labels, number]> | Promise<Iterable<[Labels, number]>>;

interface Family {
  name: string;
  help: string;
  kind: Kind;
  render(): Promise<string[]>;
  /** A counter's or gauge's values by label set (for another exporter, e.g. OpenTelemetry); histograms have none. */
  read?(): Promise<Array<[Labels, number]>>;
}

/** A counter or gauge family as another exporter reads it. */
export interface ReadableFamily {
  name: string;
  help: string;
  kind: 'counter' | 'gauge';
  read(): Promise<Array<[Labels, number]>>;
}

export class Counter {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

export class Gauge {
  value = 0;
  set(value: number): void {
    this.value = value;
  }
  inc(by = 1): void {
    this.value += by;
  }
  dec(by = 1): void {
    this.value -= by;
  }
}

export class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    // Per bucket, not cumulative: one increment here; the rendering adds them up.
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        this.counts[i]! += 1;
        return;
      }
    }
  }
}

/** Seconds, from 1 ms to 10 s: a handler's transaction and publish. */
export const secondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Messages per batch. */
export const sizeBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** The families of one process (or one actor system), rendered together. */
export class MetricsRegistry {
  readonly #families = new Map<string, Family>();

  counter(name: string, help: string): LabelledFamily<Counter> {
    return this.#add(new LabelledFamily(name, help, 'counter', () => new Counter(), (child) => [['', child.value]]));
  }

  gauge(name: string, help: string): LabelledFamily<Gauge> {
    return this.#add(new LabelledFamily(name, help, 'gauge', () => new Gauge(), (child) => [['', child.value]]));
  }

  histogram(name: string, help: string, bounds: readonly number[]): LabelledFamily<Histogram> {
    return this.#add(new LabelledFamily(name, help, 'histogram', () => new Histogram(bounds), histogramSamples));
  }

  /** A family whose samples are read when scraped (`collect`); a failing collect leaves the family out of that scrape. */
  collected(name: string, help: string, kind: 'gauge' | 'counter', collect: Collect): void {
    this.#add({
      name, help, kind,
      read: async () => [...await collect()],
      render: async () => {
        const samples = [...await collect()];
        return samples.map(([labels, value]) => `${name}${labelText(labels)} ${formatValue(value)}`);
      },
    });
  }

  /** The counter and gauge families, readable by another exporter (histograms are Prometheus' only). */
  readable(): ReadableFamily[] {
    return [...this.#families.values()].flatMap((family) =>
      family.read && family.kind !== 'histogram' ? [{ name: family.name, help: family.help, kind: family.kind, read: () => family.read!() }] : []);
  }

  /** The text exposition format: every family with its HELP and TYPE. */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const family of this.#families.values()) {
      let samples: string[];
      try {
        samples = await family.render();
      } catch {
        continue; // e.g. the database is unreachable: the other families still answer
      }
      lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.kind}`, ...samples);
    }
    return lines.join('\n') + '\n';
  }

  #add<F extends Family>(family: F): F {
    if (!namePattern.test(family.name)) throw new Error(`metric name ${family.name} is not a Prometheus name`);
    if (this.#families.has(family.name)) throw new Error(`metric ${family.name} is registered twice`);
    this.#families.set(family.name, family);
    return family;
  }
}

/** One metric family; `labels(…)` gives the child to update (keep it: resolving costs a lookup). */
export class LabelledFamily<Child> implements Family {
  readonly #children = new Map<string, { labels: Labels; child: Child }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: Kind,
    private readonly create: () => Child,
    private readonly samples: (child: Child) => Array<[suffixAndLabels: string, value: number, extra?: Labels]>,
  ) {}

  labels(labels: Labels = {}): Child {
    const key = labelText(labels);
    let entry = this.#children.get(key);
    if (!entry) {
      entry = { labels, child: this.create() };
      this.#children.set(key, entry);
    }
    return entry.child;
  }

  async read(): Promise<Array<[Labels, number]>> {
    if (this.kind === 'histogram') return [];
    return [...this.#children.values()].map(({ labels, child }) => [labels, (child as Counter | Gauge).value]);
  }

  async render(): Promise<string[]> {
    const lines: string[] = [];
    for (const { labels, child } of this.#children.values()) {
      for (const [suffix, value, extra] of this.samples(child)) {
        lines.push(`${this.name}${suffix}${labelText(extra ? { ...labels, ...extra } : labels)} ${formatValue(value)}`);
      }
    }
    return lines;
  }
}

function histogramSamples(histogram: Histogram): Array<[string, number, Labels?]> {
  const samples: Array<[string, number, Labels?]> = [];
  let cumulative = 0;
  histogram.bounds.forEach((bound, i) => {
    cumulative += histogram.counts[i]!;
    samples.push(['_bucket', cumulative, { le: formatValue(bound) }]);
  });
  samples.push(['_bucket', histogram.count, { le: '+Inf' }], ['_sum', histogram.sum], ['_count', histogram.count]);
  return samples;
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
