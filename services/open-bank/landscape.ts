import { defineLandscape, type ContextOf } from '../../actors/mod.ts';
import { landscape, openBankMessages } from './messages.ts';

/** The open-bank landscape: its name and messages, and the definers of its actors bound to them. */
export const openBank = defineLandscape({ name: landscape, messages: openBankMessages });

/** The context of an open-bank handler written apart from its actor. */
export type OpenBankContext<Tables = never> = ContextOf<typeof openBank, Tables>;
