import { defineLandscape, type ContextOf } from '../../actors/mod.ts';
import { deadlineOrdersMessages, landscape } from './messages.ts';

/** The deadline-orders landscape: its name and messages, and the definers of its actors bound to them. */
export const deadlineOrders = defineLandscape({ name: landscape, messages: deadlineOrdersMessages });

/** The context of a deadline-orders handler written apart from its actor; `Tables` types `context.db`. */
export type DeadlineOrdersContext<Tables = never> = ContextOf<typeof deadlineOrders, Tables>;
