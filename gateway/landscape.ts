import type { Context, Hono } from 'hono';
import type { ActorDefinition, ActorSystem, Envelope, MessageCatalogue, RequestFlow } from '../actors/mod.ts';
import { identify } from './auth/secure.ts';
import type { GatewayEnv } from './request-flow.ts';
import type { StreamAccess } from './sse/stream-access.ts';

export type { Readers, StreamAccess } from './sse/stream-access.ts';

/** What the gateway hands a landscape's routes (and the auth/admin mounts). */
export interface LandscapeDeps {
  /** The running actor system; throws SystemUnavailableError (503) before it started. */
  system(): ActorSystem;
  /** The request's flow (ids, forced error) for the messages it causes; see `flowOf`. */
  flow(c: Context): RequestFlow;
  /**
   * The next event of `landscape` that `match`es (verified, as the streams see it), or
   * undefined after `timeoutMs`: a long poll wakes on its event instead of polling the
   * database. Ask BEFORE reading the state the event changes, then read.
   */
  nextEvent(landscape: string, match: (event: Envelope) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<Envelope | undefined>;
}

/**
 * Narrows a landscape's live stream by a query parameter of the same name
 * (`GET /api/<landscape>/stream?<name>=<value>`); must not throw.
 */
export type StreamFilter = (event: Envelope, value: string) => boolean;

/**
 * One landscape at the edge: its REST routes, mounted under `/api/<name>`, the filters
 * its stream offers besides `sessionId` and `correlationId` (its spec names them), and
 * who may read which of its events (`streamAccess`, decided as its REST reads are; without
 * one only the operations role reads the stream). Every mounted landscape gets
 * `GET /api/<name>/stream` of its events.
 */
export interface LandscapeModule {
  /** The landscape's name, as in `<landscape>.events`. */
  name: string;
  // `any` env: a module may type its own variables; the gateway's are read through `deps.flow`.
  routes(deps: LandscapeDeps): Hono<any, any, any>;
  streamFilters?: Record<string, StreamFilter>;
  streamAccess?: StreamAccess<LandscapeDeps>;
  /** Its message catalogue and actors: `GET /api/asyncapi.json` describes its messages from them. */
  messaging?: { catalogue: MessageCatalogue; actors: readonly ActorDefinition[] };
}

/** Routes that are not a landscape's (auth, admin, static files), given the app to add to. */
export type Mount = (app: Hono<GatewayEnv>, deps: LandscapeDeps) => void;

/**
 * Marks every path under `/api/<name>` as the landscape's (its own tokens are valid there,
 * and the caller is bound to what the request causes: `identify`); call before its stream
 * and routes are added.
 */
export function identifyLandscape(app: Hono<GatewayEnv>, name: string): void {
  app.use(`/api/${name}/*`, identify({ landscape: name }) as never);
}

export function mountLandscape(app: Hono<GatewayEnv>, module: LandscapeModule, deps: LandscapeDeps): void {
  app.route(`/api/${module.name}`, module.routes(deps));
}
