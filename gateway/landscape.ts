import type { Context, Hono } from 'hono';
import type { ActorSystem, Envelope, RequestFlow } from '../actors/mod.ts';
import type { GatewayEnv } from './request-flow.ts';

/** What the gateway hands a landscape's routes (and the auth/admin mounts). */
export interface LandscapeDeps {
  /** The running actor system; throws SystemUnavailableError (503) before it started. */
  system(): ActorSystem;
  /** The request's flow (ids, forced error) for the messages it causes; see `flowOf`. */
  flow(c: Context): RequestFlow;
}

/**
 * Narrows a landscape's live stream by a query parameter of the same name
 * (`GET /api/<landscape>/stream?<name>=<value>`); must not throw.
 */
export type StreamFilter = (event: Envelope, value: string) => boolean;

/**
 * One landscape at the edge: its REST routes, mounted under `/api/<name>`, and the filters
 * its stream offers besides `sessionId` and `correlationId` (its spec names them). Every
 * mounted landscape gets `GET /api/<name>/stream` of its events.
 */
export interface LandscapeModule {
  /** The landscape's name, as in `<landscape>.events`. */
  name: string;
  // `any` env: a module may type its own variables; the gateway's are read through `deps.flow`.
  routes(deps: LandscapeDeps): Hono<any, any, any>;
  streamFilters?: Record<string, StreamFilter>;
}

/** Routes that are not a landscape's (auth, admin, static files), given the app to add to. */
export type Mount = (app: Hono<GatewayEnv>, deps: LandscapeDeps) => void;

export function mountLandscape(app: Hono<GatewayEnv>, module: LandscapeModule, deps: LandscapeDeps): void {
  app.route(`/api/${module.name}`, module.routes(deps));
}
