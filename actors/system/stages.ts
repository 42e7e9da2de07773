/** Start-up stages in order (rule 13); the health endpoint reports the current one. */
export const startupStages = ['topology', 'subscribe', 'start', 'stable'] as const;

export type Stage = 'created' | (typeof startupStages)[number] | 'stopping' | 'stopped';
