import { ProblemError } from '../api.ts';

/** One line for an operator: why the call failed, with a hint for the usual 401/403. */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) {
    if (error.status === 401) return 'Log in as an admin to see this.';
    if (error.status === 403) return 'This needs the ADMIN role.';
    return `${error.problem.title ?? 'Error'} (${error.status}): ${error.message}`;
  }
  return `The server did not answer: ${(error as Error).message}`;
}
