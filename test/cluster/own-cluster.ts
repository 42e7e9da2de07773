import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../support/own-rabbit.ts';
import { RabbitCluster } from '../support/rabbit-cluster.ts';

/** A started 3-node cluster of a test's or benchmark's own: free ports, a temporary folder; `stop(true)` removes it. */
export async function ownCluster(label: string): Promise<RabbitCluster> {
  const dir = await mkdtemp(join(tmpdir(), `${label}-`));
  const ports = await freePorts(9);
  const prefix = `${label}-${dir.split('-').pop()!.toLowerCase()}`;
  const cluster = new RabbitCluster({
    dir,
    prefix,
    nodes: [0, 1, 2].map((i) => ({ name: `${prefix}-${i + 1}@localhost`, amqpPort: ports[i]!, managementPort: ports[3 + i]!, distPort: ports[6 + i]! })),
  });
  try {
    await cluster.start();
  } catch (error) {
    await cluster.stop(true);
    throw error;
  }
  return cluster;
}
