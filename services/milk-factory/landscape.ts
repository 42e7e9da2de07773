import { defineLandscape, type ContextOf } from '../../actors/mod.ts';
import { milkFactoryMessages } from './messages.ts';
import { landscapeName } from './shared/landscape-name.ts';

/** The milk-factory landscape: its name and messages, and the definers of its actors bound to them. */
export const milkFactory = defineLandscape({ name: landscapeName, messages: milkFactoryMessages });

/** The context of a milk-factory handler written apart from its actor; `Tables` types `context.db`. */
export type MilkFactoryContext<Tables = never> = ContextOf<typeof milkFactory, Tables>;
