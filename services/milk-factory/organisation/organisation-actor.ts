import type { Kysely } from 'kysely';
import { defineActor, type HandlerContext, type PersistentContext } from '../../../actors/mod.ts';
import { landscapeName } from '../shared/landscape-name.ts';
import { json } from '../shared/state-access.ts';
import { salesSecurityModel } from './security-model.ts';

interface OrganisationTables {
  published_models: { id: string; model: unknown; published_at: Date };
}

async function publishModel(context: HandlerContext): Promise<void> {
  await ((context as PersistentContext<OrganisationTables>).db as Kysely<OrganisationTables>)
    .insertInto('published_models').values({ model: json(salesSecurityModel) as never } as never).execute();
  context.publish('SecurityModelPublished', { model: salesSecurityModel });
}

/**
 * organisation: units, staff, users, roles and the security model. Publishes the model as
 * `SecurityModelPublished` at start (spec), and again on `PublishSecurityModel`.
 */
export const organisationActor = defineActor({
  landscape: landscapeName,
  service: 'organisation',
  commands: {
    PublishSecurityModel: (_message, context) => publishModel(context),
  },
  onStart: publishModel,
});
