// The vouchers landscape's bundle (/components/vouchers.js): <vouchers-app> and its parts.
import '../shared/login-form.ts';
import { defineElements } from '../shared/define-elements.ts';
import { VouchersApp } from './vouchers-app.ts';
import { VouchersList } from './vouchers-list.ts';
import { VouchersOrders } from './vouchers-orders.ts';
import { VouchersParked } from './vouchers-parked.ts';

defineElements({
  'vouchers-app': VouchersApp,
  'vouchers-orders': VouchersOrders,
  'vouchers-list': VouchersList,
  'vouchers-parked': VouchersParked,
});

export { VouchersApp, VouchersList, VouchersOrders, VouchersParked };
