// The restaurant landscape's bundle (/components/restaurant.js): <restaurant-app> and its parts.
import '../shared/login-form.ts';
import { RestaurantCookQueues } from './cook-queues.ts';
import { RestaurantMessageGraph } from './message-graph.ts';
import { RestaurantOrderBoard } from './order-board.ts';
import { RestaurantOrderForm } from './order-form.ts';
import { RestaurantApp } from './restaurant-app.ts';

const elements: Array<[string, CustomElementConstructor]> = [
  ['restaurant-app', RestaurantApp],
  ['restaurant-order-form', RestaurantOrderForm],
  ['restaurant-order-board', RestaurantOrderBoard],
  ['restaurant-cook-queues', RestaurantCookQueues],
  ['restaurant-message-graph', RestaurantMessageGraph],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);

export { RestaurantApp, RestaurantCookQueues, RestaurantMessageGraph, RestaurantOrderBoard, RestaurantOrderForm };
