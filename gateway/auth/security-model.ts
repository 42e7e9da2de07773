/**
 * Which roles may perform which step of which process (rule 15): plain data a landscape
 * contributes (e.g. milk-factory's SALES: DRAFT, OFFER, ACCEPT, APPROVE), so it can be
 * published, shown (`GET /security/model`) and checked at start-up.
 */
export interface SecurityModel {
  processes: Record<string, Record<string, readonly string[]>>;
}

/** A step a route is secured by. */
export interface SecuredStep {
  process: string;
  step: string;
}

/** The common spec's operations (`/api/admin/…`): role ADMIN only. */
export const operationsSecurityModel: SecurityModel = { processes: { OPERATIONS: { ADMINISTER: ['ADMIN'] } } };

/** One model from the landscapes' contributions; a step named twice allows the roles of both. */
export function mergeSecurityModels(models: readonly SecurityModel[]): SecurityModel {
  const processes: Record<string, Record<string, string[]>> = {};
  for (const model of models) {
    for (const [process, steps] of Object.entries(model.processes)) {
      const merged = (processes[process] ??= {});
      for (const [step, roles] of Object.entries(steps)) merged[step] = [...new Set([...(merged[step] ?? []), ...roles])];
    }
  }
  return { processes };
}

/** The roles the model lets perform a step; undefined when the model does not know the step. */
export function rolesFor(model: SecurityModel, process: string, step: string): readonly string[] | undefined {
  const steps = Object.hasOwn(model.processes, process) ? model.processes[process] : undefined;
  return steps && Object.hasOwn(steps, step) ? steps[step] : undefined;
}

/** Whether any of `roles` may perform the step; a step the model does not know nobody may. */
export function mayPerform(model: SecurityModel, roles: readonly string[], process: string, step: string): boolean {
  const allowed = rolesFor(model, process, step);
  return allowed !== undefined && roles.some((role) => allowed.includes(role));
}
