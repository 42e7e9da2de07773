import { Hono } from 'hono';
import { authenticated, type AuthEnv } from '../../../gateway/auth/index.ts';
import { customers, staff, units } from './organisation-data.ts';
import { salesSecurityModel } from './security-model.ts';

/** `GET /organisation` (units with their staff) and `GET /security/model` (which roles may do which step, and who holds them). */
export function organisationRoutes() {
  return new Hono<AuthEnv>()
    .get('/organisation', authenticated(), (c) => c.json({
      units: units.map((unit) => ({
        ...unit,
        staff: staff.filter((s) => s.unitId === unit.id).map(({ username, partnerId, firstName, lastName, roles }) => ({ username, partnerId, firstName, lastName, roles })),
      })),
    }))
    .get('/security/model', authenticated(), (c) => {
      const users = [...staff, ...customers.map((cu) => ({ ...cu, roles: ['CUSTOMER'] }))];
      const processes = Object.entries(salesSecurityModel.processes).map(([process, steps]) => ({
        process,
        steps: Object.entries(steps).map(([step, roles]) => ({
          step, roles, users: users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.username),
        })),
      }));
      return c.json({ ...salesSecurityModel, overview: processes });
    });
}
