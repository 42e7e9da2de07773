import { milkFactory } from '../landscape.ts';
import { on } from '../../../actors/mod.ts';
import { createPartnerRelationshipSchema } from '../shared/message-schemas.ts';
import type { PartnersTables } from './partner-tables.ts';
import { planRelationships } from './plan-relationships.ts';

/**
 * partners: `CreatePartnerRelationship` stores the relationships (and the chosen sales rep)
 * and publishes `PartnerRelationshipChanged` for each new one. A duplicate meets the
 * primary key and changes (and publishes) nothing.
 */
export const partnersActor = milkFactory.defineActor<PartnersTables>({
  service: 'partners',
  retry: [500, 2_000, 5_000],
  commands: {
    CreatePartnerRelationship: on(createPartnerRelationshipSchema, async (message, context) => {
      const db = context.db;
      const partner = await db.selectFrom('partners').select(['id', 'addresses']).where('id', '=', message.data.partnerId).executeTakeFirst();
      for (const r of planRelationships(partner, message.data)) {
        const inserted = await db.insertInto('relationships')
          .values({ partner_id: r.partnerId, foreign_id: r.foreignId, role: r.role, start_date: r.start, end_date: r.end, username: r.username })
          .onConflict((oc) => oc.columns(['foreign_id', 'role', 'partner_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) context.publish('PartnerRelationshipChanged', { ...r });
      }
    }),
  },
});
