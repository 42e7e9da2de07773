import type { DeliveryAddress, StartRequisition } from '../subscriptions/subscription-messages.ts';
import type { RequisitionState } from './requisition-names.ts';

/** A requisition's process state (the machine's context). */
export interface RequisitionContext {
  requisitionId: string;
  contractId: string;
  quantity: number;
  deliverBy: string;
  address: DeliveryAddress;
  deliveryId: string | null;
  deliveryDate: string | null;
  reason: string | null;
}

export function initialRequisition(start: StartRequisition): RequisitionContext {
  const { requisitionId, contractId, quantity, deliverBy, address } = start;
  return { requisitionId, contractId, quantity, deliverBy, address, deliveryId: null, deliveryDate: null, reason: null };
}

/** The business state of a machine state: PENDING while it reserves or organises. */
export function businessState(stateValue: unknown): RequisitionState | undefined {
  if (stateValue === 'idle') return undefined;
  if (typeof stateValue === 'object' && stateValue !== null && 'PENDING' in stateValue) return 'PENDING';
  return stateValue as RequisitionState;
}

/** `RequisitionChanged`: what My Account shows live. */
export function requisitionChanged(context: RequisitionContext, state: RequisitionState) {
  return {
    requisitionId: context.requisitionId, contractId: context.contractId, quantity: context.quantity, deliverBy: context.deliverBy, state,
    ...(context.deliveryId ? { deliveryId: context.deliveryId, deliveryDate: context.deliveryDate } : {}),
    ...(context.reason ? { reason: context.reason } : {}),
  };
}
