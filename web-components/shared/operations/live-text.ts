/** How a live component says where its updates come from. */
export const liveText = {
  stream: 'live (stream)',
  connecting: 'connecting to the stream…',
  polling: 'live (polling every 2 s)',
} as const;
