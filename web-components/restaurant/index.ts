// The restaurant landscape's bundle (/components/restaurant.js): <restaurant-app> and its parts.
import '../shared/login-form.ts';
import { defineElements } from '../shared/define-elements.ts';
import { RestaurantCookQueues } from './cook-queues.ts';
import { RestaurantMessageGraph } from './message-graph.ts';
import { RestaurantOrderBoard } from './order-board.ts';
import { RestaurantOrderForm } from './order-form.ts';
import { RestaurantApp } from './restaurant-app.ts';

defineElements({
  'restaurant-app': RestaurantApp,
  'restaurant-order-form': RestaurantOrderForm,
  'restaurant-order-board': RestaurantOrderBoard,
  'restaurant-cook-queues': RestaurantCookQueues,
  'restaurant-message-graph': RestaurantMessageGraph,
});

export { RestaurantApp, RestaurantCookQueues, RestaurantMessageGraph, RestaurantOrderBoard, RestaurantOrderForm };
