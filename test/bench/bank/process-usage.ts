import { readFileSync, readdirSync } from 'node:fs';

/** CPU time (user + system, ms) and resident memory (MB) of a group of processes, from /proc. */
export interface Usage {
  cpuMs: number;
  rssMb: number;
}

const ticksPerSecond = 100; // USER_HZ on Linux

function readUsage(pid: number): Usage | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces: ") S ppid …"; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuMs, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `root` and every process below it (e.g. a browser and its renderers), not other instances elsewhere. */
export function processTree(root: number): number[] {
  const all = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  const parents = new Map(all.map((pid) => [pid, parentOf(pid)]));
  const inTree = (pid: number): boolean => {
    for (let at: number | undefined = pid, hops = 0; at !== undefined && at > 1 && hops < 64; at = parents.get(at), hops++) if (at === root) return true;
    return false;
  };
  return all.filter(inTree);
}

/** A named group: fixed pids, or every process whose command name matches. */
export interface Group {
  name: string;
  pids?: () => number[];
  comm?: RegExp;
}

export function sampleGroups(groups: readonly Group[]): Map<string, Usage> {
  const all = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  const result = new Map<string, Usage>();
  for (const group of groups) {
    const pids = group.pids ? group.pids() : all.filter((pid) => group.comm!.test(commandOf(pid)));
    const total: Usage = { cpuMs: 0, rssMb: 0 };
    for (const pid of pids) {
      const usage = readUsage(pid);
      if (usage) {
        total.cpuMs += usage.cpuMs;
        total.rssMb += usage.rssMb;
      }
    }
    result.set(group.name, total);
  }
  return result;
}

/** CPU % (of one core) of each group between two samples `elapsedMs` apart, with the later memory. */
export function usageBetween(before: Map<string, Usage>, after: Map<string, Usage>, elapsedMs: number): Map<string, { cpuPercent: number; rssMb: number }> {
  const result = new Map<string, { cpuPercent: number; rssMb: number }>();
  for (const [name, later] of after) {
    const earlier = before.get(name) ?? { cpuMs: 0, rssMb: 0 };
    result.set(name, { cpuPercent: Math.max(0, ((later.cpuMs - earlier.cpuMs) / elapsedMs) * 100), rssMb: later.rssMb });
  }
  return result;
}
