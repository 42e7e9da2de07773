/** Reads `TIME_SCALE` (default 1); a value that is not a positive number is refused loudly. */
export function readTimeScale(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`TIME_SCALE must be a positive number, got "${value}"`);
  }
  return scale;
}
