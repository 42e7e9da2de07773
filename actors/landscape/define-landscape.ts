import type { ActorContext, ActorDefinition } from '../actor/actor-definition.ts';
import { defineActor } from '../actor/actor-definition.ts';
import type { CommandType, DataIn, EventType, MessageCatalogue } from '../envelope/message-catalogue.ts';
import { publishEvent, sendCommand, type OutputOptions } from '../orchestrator/actions.ts';
import { defineOrchestrator, type OrchestratorDefinition, type OrchestratorOptions } from '../orchestrator/define-orchestrator.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- XState's action arguments are typed per machine
type ActionArgs = { context: any; event: any };

/**
 * A landscape's name and message catalogue, with the definers bound to them: every actor
 * of the landscape is declared through it, so its handlers and what they emit are typed by
 * the catalogue, and its `landscape` is set.
 */
export interface LandscapeDefinition<Name extends string, M extends MessageCatalogue> {
  readonly name: Name;
  readonly messages: M;
  /** `defineActor<Tables>({ service, commands, events, … })`: `context.db` typed by `Tables` (omit it for an actor without state). */
  defineActor<Tables = never>(definition: Omit<ActorDefinition<Tables, M>, 'landscape' | 'messages' | '~types'>): ActorDefinition<Tables, M>;
  /** `defineOrchestrator<Tables>({ service, machines, events, starts, … })`: the types it reacts to checked by the catalogue. */
  defineOrchestrator<Tables = never>(options: Omit<OrchestratorOptions<Tables, M>, 'landscape' | 'messages'>): OrchestratorDefinition<Tables, M>;
  /** An XState action sending a command of the catalogue; its data builder's result is checked. */
  sendCommand<Type extends CommandType<M>>(service: string, type: Type, data?: (args: ActionArgs) => DataIn<M, Type>, options?: (args: ActionArgs) => OutputOptions): ReturnType<typeof sendCommand>;
  /** An XState action publishing an event of the catalogue; its data builder's result is checked. */
  publishEvent<Type extends EventType<M>>(type: Type, data?: (args: ActionArgs) => DataIn<M, Type>, options?: (args: ActionArgs) => OutputOptions): ReturnType<typeof publishEvent>;
}

/** The context a handler of this landscape's actor with `Tables` receives (for handlers written apart from `defineActor`). */
export type ContextOf<L extends { messages: MessageCatalogue }, Tables = never> = ActorContext<Tables, L['messages']>;

/**
 * Declares a landscape: `export const restaurant = defineLandscape({ name: 'restaurant',
 * messages })`, then `restaurant.defineActor<KitchenTables>({ service: 'kitchen', … })`.
 */
export function defineLandscape<const Name extends string, M extends MessageCatalogue>(landscape: { name: Name; messages: M }): LandscapeDefinition<Name, M> {
  const { name, messages } = landscape;
  return Object.freeze({
    name,
    messages,
    defineActor: (definition) => defineActor({ ...definition, landscape: name, messages }),
    // The host validates by `schemas` (the machine's own choice), as before the catalogue.
    defineOrchestrator: (options) => defineOrchestrator({ ...options, landscape: name }),
    sendCommand: (service, type, data, options) => sendCommand<M>(service, type, data, options),
    publishEvent: (type, data, options) => publishEvent<M>(type, data, options),
  } satisfies LandscapeDefinition<Name, M>);
}
