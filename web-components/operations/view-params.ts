/** What the operations page shows, kept in its URL so a reload or a shared link shows the same. */
export interface ViewParams {
  correlationId: string;
  machine: string;
  instance: string;
  /** The landscape whose stream makes the flow and the state machine live; empty = polling. */
  landscape: string;
}

const names = ['correlationId', 'machine', 'instance', 'landscape'] as const;

export function readViewParams(search: string): ViewParams {
  const query = new URLSearchParams(search);
  return Object.fromEntries(names.map((name) => [name, query.get(name)?.trim() ?? ''])) as unknown as ViewParams;
}

/** The query string for `params`, leaving out what is empty and keeping other parameters. */
export function writeViewParams(search: string, params: ViewParams): string {
  const query = new URLSearchParams(search);
  for (const name of names) {
    if (params[name]) query.set(name, params[name]);
    else query.delete(name);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
