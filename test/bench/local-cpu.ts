import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (µs, user + system) of the local processes with this command name, read from
 * /proc and summed: `beam.smp` (RabbitMQ) or `postgres` (every backend, the WAL writer and
 * the other helpers). A function returning undefined where there is none to read (another
 * machine, not Linux). Processes are looked up on each call: Postgres starts and ends
 * backends, and one that ended between two readings is missing from both (autovacuum
 * workers, mostly), so its figure is a lower bound. These share this machine's cores with
 * the client, so their cost per message counts against the path's throughput.
 */
export function localCpu(command: string): () => number | undefined {
  if (pidsOf(command).length === 0) return () => undefined;
  return () => {
    const pids = pidsOf(command);
    if (pids.length === 0) return undefined;
    let total = 0;
    for (const pid of pids) total += cpuOf(pid);
    return total;
  };
}

/** utime + stime of one process, µs; 0 if it is gone. */
function cpuOf(pid: string): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 Hz).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

function pidsOf(command: string): string[] {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command;
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}
