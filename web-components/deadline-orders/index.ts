// The deadline-orders landscape's bundle (/components/deadline-orders.js): <deadline-orders-app> and its parts.
import '../shared/login-form.ts';
import { DeadlineOrdersApp } from './deadline-orders-app.ts';
import { DeadlineHolderPoints } from './holder-points.ts';
import { DeadlineOrderForm } from './order-form.ts';
import { DeadlineOrderTimeline } from './order-timeline.ts';
import { DeadlineOrdersTable } from './orders-table.ts';

const elements: Array<[string, CustomElementConstructor]> = [
  ['deadline-orders-app', DeadlineOrdersApp],
  ['deadline-holder-points', DeadlineHolderPoints],
  ['deadline-order-form', DeadlineOrderForm],
  ['deadline-orders-table', DeadlineOrdersTable],
  ['deadline-order-timeline', DeadlineOrderTimeline],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);

export { DeadlineHolderPoints, DeadlineOrderForm, DeadlineOrderTimeline, DeadlineOrdersApp, DeadlineOrdersTable };
