// The deadline-orders landscape's bundle (/components/deadline-orders.js): <deadline-orders-app> and its parts.
import '../shared/login-form.ts';
import { defineElements } from '../shared/define-elements.ts';
import { DeadlineOrdersApp } from './deadline-orders-app.ts';
import { DeadlineHolderPoints } from './holder-points.ts';
import { DeadlineOrderForm } from './order-form.ts';
import { DeadlineOrderTimeline } from './order-timeline.ts';
import { DeadlineOrdersTable } from './orders-table.ts';

defineElements({
  'deadline-orders-app': DeadlineOrdersApp,
  'deadline-holder-points': DeadlineHolderPoints,
  'deadline-order-form': DeadlineOrderForm,
  'deadline-orders-table': DeadlineOrdersTable,
  'deadline-order-timeline': DeadlineOrderTimeline,
});

export { DeadlineHolderPoints, DeadlineOrderForm, DeadlineOrderTimeline, DeadlineOrdersApp, DeadlineOrdersTable };
