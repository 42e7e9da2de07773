/**
 * Test isolation on one shared broker: every test run prefixes its topology names with its
 * own namespace (`${namespace}.${name}`), and deletes everything under it afterwards.
 */
import { managementFetch } from './environment.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** A unique namespace such as `t-retry-ab12cd`: short and readable in the management UI. */
export function createTestNamespace(label?: string): string {
  const cleaned = (label ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 20)
    .replace(/-+$/, '');
  return cleaned ? `t-${cleaned}-${randomSuffix(6)}` : `t-${randomSuffix(6)}`;
}

const VHOST = '%2F';

async function namesStartingWith(kind: 'queues' | 'exchanges', prefix: string): Promise<string[]> {
  let response = await managementFetch(`/api/${kind}/${VHOST}?columns=name`);
  // The management API can answer a listing 500 (empty body) while queues are deleted or
  // declared around it by other tests (seen in CI); a moment later the same listing works.
  for (let retry = 1; response.status >= 500 && retry <= 3; retry++) {
    await new Promise((resolve) => setTimeout(resolve, 250 * retry));
    response = await managementFetch(`/api/${kind}/${VHOST}?columns=name`);
  }
  if (!response.ok) throw new Error(`listing ${kind} failed: ${response.status} ${await response.text()}`);
  const items = (await response.json()) as { name: string }[];
  return items.map((item) => item.name).filter((name) => name.startsWith(prefix));
}

async function remove(kind: 'queues' | 'exchanges', name: string): Promise<void> {
  const response = await managementFetch(`/api/${kind}/${VHOST}/${encodeURIComponent(name)}`, { method: 'DELETE' });
  // 404: already gone (a parallel cleanup, or an auto-delete queue whose consumer left).
  if (!response.ok && response.status !== 404) {
    throw new Error(`deleting ${kind} ${name} failed: ${response.status} ${await response.text()}`);
  }
}

/** Deletes the policies named `${namespace}.…` (the mailbox policies of a namespace's actors). */
async function deletePolicies(prefix: string): Promise<void> {
  const response = await managementFetch(`/api/policies/${VHOST}`);
  if (!response.ok) throw new Error(`listing policies failed: ${response.status} ${await response.text()}`);
  const policies = ((await response.json()) as { name: string }[]).filter((p) => p.name.startsWith(prefix));
  await Promise.all(policies.map(async ({ name }) => {
    const deleted = await managementFetch(`/api/policies/${VHOST}/${encodeURIComponent(name)}`, { method: 'DELETE' });
    if (!deleted.ok && deleted.status !== 404) throw new Error(`deleting policy ${name} failed: ${deleted.status}`);
  }));
}

/**
 * Deletes every queue, exchange and policy named `${namespace}.…` on vhost `/`, and checks they are
 * gone: RabbitMQ 3.10 can keep an exchange whose DELETE answered 204 when exchanges bound
 * to each other (the waiting rooms) are deleted at once, so another pass takes the rest.
 */
export async function deleteNamespace(namespace: string): Promise<void> {
  const prefix = `${namespace}.`;
  for (let pass = 1; ; pass++) {
    // Queues first, so no message is dead-lettered into an exchange that is being removed.
    const queues = await namesStartingWith('queues', prefix);
    await Promise.all(queues.map((name) => remove('queues', name)));
    const exchanges = await namesStartingWith('exchanges', prefix);
    await Promise.all(exchanges.map((name) => remove('exchanges', name)));
    if (queues.length + exchanges.length === 0) return deletePolicies(prefix);
    if (pass === 4) throw new Error(`namespace ${namespace} still has ${[...queues, ...exchanges].join(', ')}`);
  }
}
