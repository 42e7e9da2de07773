import type { Logger } from '../../actors/mod.ts';
import { rolesFor, type SecuredStep, type SecurityModel } from './security-model.ts';

/** A secured step nobody can perform (rule 15): a route that would answer 403 to everyone. */
export interface SecurityFinding {
  code: 'SEC-001';
  process: string;
  step: string;
  /** The roles the model names for the step, none of which exists. */
  roles: readonly string[];
  detail: string;
}

export interface SecurityCheckInput {
  model: SecurityModel;
  /** Roles that exist: those of the seeded users and any declared role list. */
  roles: Iterable<string>;
  /** Steps routes are secured by (`securedSteps()`); one the model lacks is a finding too. */
  secured?: Iterable<SecuredStep>;
  logger: Logger;
}

/**
 * The start-up check: every step of the model, and every step a route is secured by,
 * must be reachable by at least one existing role. Each finding is logged as a warning
 * with code `SEC-001` and returned.
 */
export function checkSecurityModel(input: SecurityCheckInput): SecurityFinding[] {
  const existing = new Set(input.roles);
  const findings: SecurityFinding[] = [];
  for (const [process, steps] of Object.entries(input.model.processes)) {
    for (const [step, roles] of Object.entries(steps)) {
      if (roles.some((role) => existing.has(role))) continue;
      const detail = roles.length === 0
        ? `no role is allowed to perform ${process}.${step}`
        : `no user has a role allowed to perform ${process}.${step} (allowed: ${roles.join(', ')})`;
      findings.push({ code: 'SEC-001', process, step, roles: [...roles], detail });
    }
  }
  const seen = new Set<string>();
  for (const { process, step } of input.secured ?? []) {
    const key = `${process}.${step}`;
    if (seen.has(key) || rolesFor(input.model, process, step) !== undefined) continue;
    seen.add(key);
    findings.push({ code: 'SEC-001', process, step, roles: [], detail: `a route is secured by ${key}, which the security model does not name` });
  }
  for (const finding of findings) {
    input.logger.warn({ code: finding.code, process: finding.process, step: finding.step, roles: finding.roles }, `secured action no role can call: ${finding.detail}`);
  }
  return findings;
}
