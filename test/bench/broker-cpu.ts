import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (µs, user + system) of the local RabbitMQ (`beam.smp`), read from /proc; a
 * function returning undefined where there is none to read (another machine, not Linux).
 * The broker shares this machine's cores with the client, so its cost per message is half
 * of what bounds a path.
 */
export function brokerCpu(): () => number | undefined {
  const pid = findBroker();
  if (pid === undefined) return () => undefined;
  return () => {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 Hz).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    } catch {
      return undefined;
    }
  };
}

function findBroker(): string | undefined {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).find((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'beam.smp';
      } catch {
        return false;
      }
    });
  } catch {
    return undefined;
  }
}
