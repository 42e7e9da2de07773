import { defineLandscape, type ContextOf } from '../../actors/mod.ts';
import { restaurantMessages } from './messages.ts';

/** The restaurant landscape: its name and messages, and the definers of its actors bound to them. */
export const restaurant = defineLandscape({ name: 'restaurant', messages: restaurantMessages });

/** The context of a restaurant handler written apart from its actor; `Tables` types `context.db`. */
export type RestaurantContext<Tables = never> = ContextOf<typeof restaurant, Tables>;
