import { milkFactory, type MilkFactoryContext } from '../landscape.ts';

import { json } from '../shared/state-access.ts';
import { salesSecurityModel } from './security-model.ts';

interface OrganisationTables {
  published_models: { id: string; model: unknown; published_at: Date };
}

async function publishModel(context: MilkFactoryContext<OrganisationTables>): Promise<void> {
  await context.db
    .insertInto('published_models').values({ model: json(salesSecurityModel) as never } as never).execute();
  context.publish('SecurityModelPublished', { model: salesSecurityModel });
}

/**
 * organisation: units, staff, users, roles and the security model. Publishes the model as
 * `SecurityModelPublished` at start (spec), and again on `PublishSecurityModel`.
 */
export const organisationActor = milkFactory.defineActor<OrganisationTables>({
  service: 'organisation',
  commands: {
    PublishSecurityModel: (_message, context) => publishModel(context),
  },
  onStart: publishModel,
});
