// The operations components (common spec, "Operations"): any page may embed them; the
// operations page's entry (web-components/operations/index.ts) defines them.
import { defineElements } from '../define-elements.ts';
import { ActorBoard } from './actor-board.ts';
import { DeadLetterOffice } from './dead-letter-office.ts';
import { FlowGraph } from './flow-graph.ts';
import { StateMachineView } from './state-machine-view.ts';

export { ActorBoard, DeadLetterOffice, FlowGraph, StateMachineView };

/** Defines `<actor-board>`, `<dead-letter-office>`, `<flow-graph>` and `<state-machine-view>` (once per page). */
export function defineOperationsElements(): void {
  defineElements({
    'actor-board': ActorBoard,
    'dead-letter-office': DeadLetterOffice,
    'flow-graph': FlowGraph,
    'state-machine-view': StateMachineView,
  });
}
