import { defineLandscape, type ContextOf } from '../../actors/mod.ts';
import { vouchersMessages } from './messages.ts';

/** The vouchers landscape: its name and messages, and the definers of its actors bound to them. */
export const vouchers = defineLandscape({ name: 'vouchers', messages: vouchersMessages });

/** The context of a vouchers handler written apart from its actor; `Tables` types `context.db`. */
export type VouchersContext<Tables = never> = ContextOf<typeof vouchers, Tables>;
