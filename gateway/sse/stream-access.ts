import type { Envelope } from '../../actors/mod.ts';
import { principalOf, type AuthenticatedUser } from '../auth/users.ts';

/**
 * Who may read one event on a landscape's stream, as its security model decides for REST:
 * every authenticated user, holders of some roles (staff), or the owners it is about
 * (partner ids, e.g. a customer's or an account's IBAN; principals, see `principalOf`).
 * Anything not named reads nothing: an empty `Readers` is for the operations role only.
 */
export interface Readers {
  everyone?: boolean;
  roles?: readonly string[];
  partners?: readonly string[];
  users?: readonly string[];
}

/**
 * A landscape's rules for its stream, next to its routes (`LandscapeModule.streamAccess`).
 * `readers` runs once per event, in the order events arrive, before any client sees it;
 * it may read the landscape's tables (e.g. who holds the contract an event is about).
 * `redact` removes what no stream may carry (a password, an account token): every reader
 * gets the redacted copy, the unredacted event never leaves the process.
 */
export interface StreamAccess<Deps = unknown> {
  readers(event: Envelope, deps: Deps): Readers | Promise<Readers>;
  redact?(event: Envelope): Envelope;
}

/** The operations role reads every landscape's stream (as it reads every parked message). */
export const operationsRole = 'ADMIN';

/** Every authenticated user reads everything: for landscapes whose REST reads are open. */
export const everyAuthenticatedUser: StreamAccess = { readers: () => ({ everyone: true }) };

/** A landscape that states no rules: only the operations role reads its stream. */
export const operationsOnly: StreamAccess = { readers: () => ({}) };

/** Whether `reader` may read an event with these readers. */
export function mayRead(reader: AuthenticatedUser, readers: Readers): boolean {
  if (readers.everyone || reader.roles.includes(operationsRole)) return true;
  if (readers.roles?.some((role) => reader.roles.includes(role))) return true;
  if (reader.partnerId !== undefined && readers.partners?.includes(reader.partnerId)) return true;
  return readers.users?.includes(principalOf(reader)) ?? false;
}

/**
 * The session rule: an event caused by a request belongs to the principal that made it
 * (`metadata.requestedBy`, set at the edge by `identify`). A `sessionId` filter and an
 * `Error` reach only that principal's streams, whoever else knows the session id.
 */
export function sessionOwnedBy(event: Envelope, reader: AuthenticatedUser): boolean {
  return event.metadata.requestedBy === principalOf(reader);
}
