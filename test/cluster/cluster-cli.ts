/**
 * `npm run cluster:up` / `npm run cluster:down`: a 3-node RabbitMQ cluster on this machine
 * from the installed rabbitmq-server (nodes mf-cluster-1..3@localhost; AMQP 5681-5683,
 * management 15681-15683, distribution 25681-25683; data under CLUSTER_DIR, default
 * /tmp/milk-factory-cluster). Prints the AMQP_URL and RABBITMQ_MANAGEMENT_URL to use.
 * `cluster:down` stops the three nodes (and with --purge deletes their data). The machine's
 * own node (rabbit@localhost, 5672) is never touched.
 */
import process from 'node:process';
import { RabbitCluster } from '../support/rabbit-cluster.ts';

const dir = process.env.CLUSTER_DIR ?? '/tmp/milk-factory-cluster';
const firstPort = Number(process.env.CLUSTER_FIRST_PORT ?? 5681);
const command = process.argv[2];

if (command === 'up') {
  const cluster = (await RabbitCluster.read(dir)) ?? new RabbitCluster(RabbitCluster.layout(dir, 'mf-cluster', firstPort));
  const started = Date.now();
  await cluster.start();
  console.log(`3-node RabbitMQ cluster running (${((Date.now() - started) / 1000).toFixed(1)} s): ${cluster.nodes.map((n) => n.name).join(', ')}`);
  console.log(`data: ${dir}`);
  console.log('use:');
  console.log(`AMQP_URL=${cluster.amqpUrls()}`);
  console.log(`RABBITMQ_MANAGEMENT_URL=${cluster.managementUrls()}`);
} else if (command === 'down') {
  const cluster = await RabbitCluster.read(dir);
  if (!cluster) {
    console.log(`no cluster recorded in ${dir}; nothing to stop`);
  } else {
    await cluster.stop(process.argv.includes('--purge'));
    console.log(`stopped ${cluster.nodes.map((n) => n.name).join(', ')}${process.argv.includes('--purge') ? ` and removed ${dir}` : ''}`);
  }
} else {
  console.error('usage: cluster-cli.ts up | down [--purge]');
  process.exitCode = 2;
}
