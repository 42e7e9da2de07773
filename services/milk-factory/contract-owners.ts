import type { LandscapeDeps } from '../../gateway/landscape.ts';
import { ownersOf } from './contracts/contract-access.ts';
import type { ContractsTables } from './contracts/contract-tables.ts';
import { contractsActor } from './contracts/contracts-actor.ts';
import { readDb } from './shared/state-access.ts';

export type Owners = { partners: string[]; users: string[] };

/** Contracts remembered; each for a short while (a change of holder also clears it, see `forget`). */
const capacity = 10_000;
const maxAgeMs = 2_000;

/**
 * Who owns a contract, as the contracts service's table says (`ownersOf`), for deciding
 * who reads its events on the stream. A contract's events come in bursts (Draft, discounts,
 * prices), so the answer is kept a moment rather than read once per event.
 */
export class ContractOwners {
  readonly #known = new Map<string, { owners: Owners; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async of(deps: LandscapeDeps, contractId: string): Promise<Owners> {
    const held = this.#known.get(contractId);
    if (held && this.now() - held.at < maxAgeMs) return held.owners;
    const row = await readDb<ContractsTables>(deps, contractsActor).selectFrom('contracts')
      .select(['relationships', 'created_by', 'named_holder']).where('id', '=', contractId).executeTakeFirst();
    const owners = row ? ownersOf(row) : { partners: [], users: [] };
    this.#known.delete(contractId);
    this.#known.set(contractId, { owners, at: this.now() });
    if (this.#known.size > capacity) this.#known.delete(this.#known.keys().next().value!);
    return owners;
  }

  forget(contractId: string): void {
    this.#known.delete(contractId);
  }
}
