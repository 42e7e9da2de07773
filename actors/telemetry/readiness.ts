import type { Stage } from '../system/stages.ts';

/** One condition of readiness and whether it holds; `reason` says what is wrong when it does not. */
export interface ReadinessCheck {
  name: 'stage' | 'broker' | 'database';
  ok: boolean;
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/** What the probe observed: the stage, the broker connection, the database ping (`undefined`: no database configured). */
export interface ReadinessFacts {
  stage: Stage;
  brokerConnected: boolean;
  database?: { ok: true } | { ok: false; error: string };
}

/**
 * Ready to take traffic (`/readyz`): the system is stable, its broker connection is up and
 * its database answers. A process that is alive but not ready (the broker cut, a start
 * still waiting) is taken out of rotation, not restarted: that is `/livez`'s question.
 */
export function readinessOf(facts: ReadinessFacts): Readiness {
  const checks: ReadinessCheck[] = [
    facts.stage === 'stable' ? { name: 'stage', ok: true } : { name: 'stage', ok: false, reason: `the actor system is in stage ${facts.stage}, not stable` },
    facts.brokerConnected ? { name: 'broker', ok: true } : { name: 'broker', ok: false, reason: 'the RabbitMQ connection is down' },
  ];
  if (facts.database) {
    checks.push(facts.database.ok ? { name: 'database', ok: true } : { name: 'database', ok: false, reason: `Postgres does not answer: ${facts.database.error}` });
  }
  return { ready: checks.every((check) => check.ok), checks };
}
