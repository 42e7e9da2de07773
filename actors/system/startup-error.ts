import { ActorError } from '../errors/errors.ts';

/**
 * Every start-up problem has a code (README.md, Troubleshooting): one log line says what
 * is wrong and the command that fixes it. Waiting codes are logged while the start waits
 * (the service may still come); the others stop the start with a non-zero exit.
 */
export const startupCodes = {
  'START-000': 'unexpected start-up failure',
  'START-001': 'RabbitMQ is not reachable yet (waiting)',
  'START-002': 'RabbitMQ refused the user name or password',
  'START-003': 'RabbitMQ refused the virtual host or a permission',
  'START-004': 'the RabbitMQ management API does not answer',
  'START-005': 'the RabbitMQ management API refused the user',
  'START-006': 'the RabbitMQ consistent-hash exchange plugin is not enabled',
  'START-007': 'an exchange or queue exists with other settings',
  'START-008': 'Postgres is not reachable yet (waiting)',
  'START-009': 'Postgres refused the user, password or database',
  'START-010': 'a database migration failed',
  'START-011': 'a configuration variable is invalid',
  'START-012': 'the HTTP port is in use',
  'START-013': 'another process is changing the topology (waiting)',
  'START-014': 'a retired queue is still consumed by a process of the previous configuration (waiting)',
  'START-015': 'another policy overrides a mailbox policy',
  'START-016': 'draining the queues of an earlier layout',
} as const;

export type StartupCode = keyof typeof startupCodes;

/** A start-up problem as data: its code, what is wrong, and the command that fixes it. */
export class StartupError extends ActorError {
  constructor(
    readonly code: StartupCode,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The one log line: what is wrong, then how to fix it. */
  get line(): string {
    return `${this.message}. Fix: ${this.fix}`;
  }
}

/** A URL as it may be logged: the password replaced. */
export function redact(urlText: string): string {
  // A list of nodes (AMQP_URL, RABBITMQ_MANAGEMENT_URL of a cluster): each one redacted.
  if (urlText.includes(',')) return urlText.split(',').map((part) => redact(part.trim())).join(',');
  try {
    const url = new URL(urlText);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(an invalid URL)';
  }
}

/** Network failures that mean "not there yet" rather than "configured wrong". */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT'].includes(code);
}
