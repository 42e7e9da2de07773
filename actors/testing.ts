// For tests only: what a test may reach inside a running system (its broker connection, its
// message bus, its database side). An app uses `system.operations`, `system.transaction`,
// `system.events` and `system.readDb` (`mod.ts`); these are internals and may change.
export { internalsOf as testInternals } from './system/actor-system.ts';
export type { SystemInternals } from './system/actor-system.ts';
