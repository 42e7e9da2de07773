import type { InstanceDescription } from './orchestrator-types.ts';

/** Stately's visualiser at its public address, as `@statelyai/inspect`'s browser inspector opens it. */
export const statelyInspectUrl = 'https://stately.ai/inspect';

/** What the visualiser window posts to its opener once it listens (`@statelyai/inspect`, browser.ts). */
export const connectedType = '@statelyai.connected';

/** The protocol version the events say they follow (the `_version` `@statelyai/inspect` 0.7 sends). */
const protocolVersion = '0.7.2';

/** One inspection event, as `@statelyai/inspect` posts them to the visualiser window. */
export type InspectionMessage = Record<string, unknown> & { type: string; sessionId: string; _version: string };

/**
 * An instance as the inspection events the visualiser draws it from: the actor, with its
 * machine config (the served `config`) and id `<machine>:<key>` (the id the orchestrator
 * host's `inspector` reports it under), then per history entry the message as an event
 * and the state after it, the last with the current context. Pure.
 */
export function inspectionMessages(config: unknown, description: InstanceDescription, now = Date.now()): InspectionMessage[] {
  const sessionId = `${description.machine}:${description.key}`;
  const base = (type: string, index: number) => ({ type, sessionId, rootId: sessionId, id: `${sessionId}#${index}`, _version: protocolVersion, createdAt: String(now) });
  const name = typeof config === 'object' && config !== null && typeof (config as { id?: unknown }).id === 'string' ? (config as { id: string }).id : description.machine;
  const messages: InspectionMessage[] = [{
    ...base('@xstate.actor', 0), name, parentId: undefined, definition: JSON.stringify(config), snapshot: { status: 'active' },
  }];
  description.history.forEach((step, i) => {
    const last = i === description.history.length - 1;
    const event = { type: step.messageType, messageId: step.messageId };
    messages.push({ ...base('@xstate.event', 2 * i + 1), event, sourceId: undefined });
    messages.push({
      ...base('@xstate.snapshot', 2 * i + 2), event,
      snapshot: { status: last ? description.status : 'active', value: step.stateValue, ...(last ? { context: description.context } : {}) },
    });
  });
  return messages;
}
