/** The landscape's name in exchanges, queues and REST paths. */
export const landscapeName = 'milk-factory';
