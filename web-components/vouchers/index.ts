// The vouchers landscape's bundle (/components/vouchers.js): <vouchers-app> and its parts.
import '../shared/login-form.ts';
import { VouchersApp } from './vouchers-app.ts';
import { VouchersList } from './vouchers-list.ts';
import { VouchersOrders } from './vouchers-orders.ts';
import { VouchersParked } from './vouchers-parked.ts';

const elements: Array<[string, CustomElementConstructor]> = [
  ['vouchers-app', VouchersApp],
  ['vouchers-orders', VouchersOrders],
  ['vouchers-list', VouchersList],
  ['vouchers-parked', VouchersParked],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);

export { VouchersApp, VouchersList, VouchersOrders, VouchersParked };
