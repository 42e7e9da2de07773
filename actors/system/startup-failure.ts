import { StartupError, type StartupCode } from './startup-error.ts';

/** A failed start as the fields of its one log line. */
export interface StartupFailure {
  code: StartupCode;
  message: string;
  fix: string;
  /** Only for the unexpected: the error itself (with its stack, as a JSON field). */
  err?: unknown;
}

/**
 * Names any start-up failure: a `StartupError` as it is; the HTTP port taken (START-012);
 * a configuration value refused while reading it, which throws a RangeError (START-011);
 * anything else as unexpected (START-000), with the error for whoever reports it.
 */
/** `context`: the app's HTTP port, and the setting that chooses it (e.g. an environment variable's name), for START-012. */
export function describeStartupFailure(error: unknown, context: { port?: number; portSetting?: string } = {}): StartupFailure {
  if (error instanceof StartupError) return { code: error.code, message: error.message, fix: error.fix };
  const code = (error as { code?: unknown })?.code;
  if (code === 'EADDRINUSE') {
    const setting = context.portSetting ?? 'the port';
    return { code: 'START-012', message: `port ${context.port ?? '(unknown)'} is in use by another process`, fix: `stop what listens there, or set ${setting} to a free port` };
  }
  if (error instanceof RangeError) {
    return { code: 'START-011', message: `configuration refused: ${error.message}`, fix: 'correct the variable (README.md, Configuration, lists each with its default)' };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'START-000', message: `start-up failed unexpectedly: ${text}`, fix: 'see the error; please report it if the cause is not yours', err: error };
}
