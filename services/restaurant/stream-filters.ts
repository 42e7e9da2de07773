import type { StreamFilter } from '../../gateway/landscape.ts';

/** `GET /api/restaurant/stream?orderId=…` besides the common `correlationId` and `sessionId`. */
export const restaurantStreamFilters: Record<string, StreamFilter> = {
  orderId: (event, value) => event.data.orderId === value,
};
