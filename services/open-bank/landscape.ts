import { defineLandscape, type ContextOf } from '../../actors/mod.ts';
import { landscape, openBankMessages } from './messages.ts';

/** The open-bank landscape: its name and messages, and the definers of its actors bound to them. */
export const openBank = defineLandscape({ name: landscape, messages: openBankMessages });

/**
 * The tables of an open-bank service. Its queries are written against `Kysely<any>` (the
 * stores in `command-handler/account-store.ts` and the like): no table types declared yet.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type UntypedTables = any;

/** The context of an open-bank handler written apart from its actor. */
export type OpenBankContext<Tables = never> = ContextOf<typeof openBank, Tables>;
