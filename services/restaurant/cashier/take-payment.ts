import { writeFields, type OrderDocument } from '../document/order-document.ts';

/** Business ms the cashier takes per order. */
export const paymentTime = 500;

/** The cashier writes `paid`; nothing else. */
export function takePayment(document: OrderDocument): OrderDocument {
  return writeFields(document, { paid: true });
}
