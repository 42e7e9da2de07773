/**
 * The sync timestamp of a change: now, but always after the previous one, so two changes
 * in the same millisecond still differ and dsc and pricing rows can be matched exactly.
 */
export function nextSyncTimestamp(previous: string | undefined, now: number): string {
  const after = previous === undefined ? now : Math.max(now, Date.parse(previous) + 1);
  return new Date(after).toISOString();
}
