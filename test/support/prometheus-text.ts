import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export type Families = ReturnType<typeof parsePrometheusTextFormat>;

const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/;
const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*)?\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/;

/**
 * Checks `text` against the exposition format (0.0.4) line by line — HELP and TYPE before a
 * family's samples, each family once, each series once, counters named `_total`,
 * histogram buckets cumulative up to `+Inf` = `_count` — then parses it with an independent
 * parser (parse-prometheus-text-format). Throws on the first violation.
 */
export function parseExposition(text: string): Families {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const typed = new Map<string, string>();
  const series = new Set<string>();
  let current: string | undefined;
  for (const [index, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${index + 1}: ${line}`;
    const head = comment.exec(line);
    if (head) {
      const [, kind, name, rest] = head;
      if (kind === 'TYPE') {
        if (typed.has(name!)) throw new Error(`family typed twice, ${where}`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest!)) throw new Error(`unknown type, ${where}`);
        if (rest === 'counter' && !name!.endsWith('_total')) throw new Error(`a counter's name ends in _total, ${where}`);
        typed.set(name!, rest!);
      }
      current = name;
      continue;
    }
    const match = sample.exec(line);
    if (!match) throw new Error(`not a sample line, ${where}`);
    const name = match[1]!;
    const family = typed.get(name) === undefined ? name.replace(/_(bucket|sum|count)$/, '') : name;
    if (family !== current || !typed.has(family)) throw new Error(`sample outside its family's HELP/TYPE, ${where}`);
    const key = `${name}{${match[3] ?? ''}}`;
    if (series.has(key)) throw new Error(`series repeated, ${where}`);
    series.add(key);
  }
  checkHistograms(text, [...typed].filter(([, type]) => type === 'histogram').map(([name]) => name));
  // An independent parser (it throws on a line it cannot read); its histograms merge labelled series, so they are checked above.
  const families = parsePrometheusTextFormat(text);
  return families;
}

/** Per histogram series: buckets cumulative (by `le`), the `+Inf` bucket equal to `_count`. */
function checkHistograms(text: string, names: string[]): void {
  for (const name of names) {
    const buckets = new Map<string, Array<[number, number]>>();
    const counts = new Map<string, number>();
    for (const line of text.split('\n')) {
      const bucket = new RegExp(`^${name}_bucket\\{(.*?),?le="([^"]+)"\\} (\\S+)$`).exec(line);
      if (bucket) {
        const series = buckets.get(bucket[1]!) ?? [];
        series.push([bucket[2] === '+Inf' ? Infinity : Number(bucket[2]), Number(bucket[3])]);
        buckets.set(bucket[1]!, series);
      }
      const count = new RegExp(`^${name}_count(?:\\{(.*)\\})? (\\S+)$`).exec(line);
      if (count) counts.set(count[1] ?? '', Number(count[2]));
    }
    for (const [labels, series] of buckets) {
      series.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < series.length; i++) if (series[i]![1] < series[i - 1]![1]) throw new Error(`${name}{${labels}}: buckets not cumulative`);
      if (series.at(-1)![0] !== Infinity || series.at(-1)![1] !== counts.get(labels)) throw new Error(`${name}{${labels}}: the +Inf bucket is not the count`);
    }
  }
}

/** The value of the one sample of `name` whose labels include `labels`; undefined when there is none. */
export function sampleValue(families: Families, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const found = family?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
  if (!found) return undefined;
  return Number(found.value ?? found.count);
}

/** The sum of every sample of `name` whose labels include `labels`. */
export function sampleSum(families: Families, name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  return (family?.metrics ?? [])
    .filter((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value))
    .reduce((sum, metric) => sum + Number(metric.value ?? metric.count), 0);
}
