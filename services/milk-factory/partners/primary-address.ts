import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { readDb } from '../shared/state-access.ts';
import type { DeliveryAddress } from '../subscriptions/subscription-messages.ts';
import type { PartnersTables } from './partner-tables.ts';
import { partnersActor } from './partners-actor.ts';

/** A partner's PRIMARY address as partners holds it (a read of the owner's model), for a delivery; undefined when none. */
export async function primaryAddress(deps: LandscapeDeps, partnerId: string): Promise<DeliveryAddress | undefined> {
  const row = await readDb<PartnersTables>(deps, partnersActor).selectFrom('partners').select('addresses').where('id', '=', partnerId).executeTakeFirst();
  const address = row?.addresses.find((a) => a.type === 'PRIMARY');
  if (!address) return undefined;
  const { street, houseNumber, postcode, city, country } = address;
  return { partnerId, street, houseNumber, postcode, city, country };
}
