// Operations at the edge (common spec, "Operations"): mailboxes, dead letters, flows,
// orchestrators, for role ADMIN. Names are listed, so what the app relies on is visible here.

export { adminRoutes, createAdminRoutes, managementFromEnv } from './admin-routes.ts';
export type { AdminOptions } from './admin-routes.ts';
export { QueueStats } from './queue-stats.ts';
export type { ManagementApi, QueueCounts } from './queue-stats.ts';
