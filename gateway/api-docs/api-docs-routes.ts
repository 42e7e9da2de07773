import type { Hono } from 'hono';
import type { LandscapeModule } from '../landscape.ts';
import { asyncApiDocument, type LandscapeMessaging } from './asyncapi.ts';
import { openApiDocument } from './openapi.ts';

const info = { title: 'Milk Factory', version: '1.0.0' };

/**
 * `GET /api/openapi.json` (every `/api/…` route of `app`, read from its route table when
 * first asked, so routes added after this call are in it) and `GET /api/asyncapi.json`
 * (every message of the landscapes that name their `messaging`). Open to anyone: they
 * describe the API, not data.
 */
export function mountApiDescriptions(app: Hono<any, any, any>, landscapes: readonly LandscapeModule[]): void {
  let openApi: unknown;
  let asyncApi: unknown;
  app.get('/api/openapi.json', (c) => c.json(openApi ??= openApiDocument(app.routes, {
    ...info, description: 'The REST routes of every mounted landscape, the login and the operations API. Request bodies are the schemas the routes validate with.',
  })));
  app.get('/api/asyncapi.json', (c) => c.json(asyncApi ??= asyncApiDocument(
    landscapes.flatMap((l): LandscapeMessaging[] => (l.messaging ? [{ name: l.name, ...l.messaging }] : [])),
    { ...info, description: 'Every message of every mounted landscape: exchange, routing key and payload (the envelope, data from the message catalogue).' },
  )));
}
