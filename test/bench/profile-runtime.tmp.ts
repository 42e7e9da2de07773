import { runtimePath } from './runtime-path.ts';
import { amqpUrl } from '../support/environment.ts';
import { deleteNamespace } from '../support/namespace.ts';
const settings = { amqpUrl: amqpUrl(), namespace: `prof-${crypto.randomUUID().slice(0, 6)}`, prefetch: 250, window: 1000, roundTimeout: 120000 };
const p = runtimePath(settings);
await p.open();
await p.run(5000);
for (let i = 0; i < 3; i++) { const before = process.cpuUsage(); const ms = await p.run(20000); const u = process.cpuUsage(before); console.log(Math.round(20000 / ms * 1000), 'msg/s', ((u.user + u.system) / 20000).toFixed(1), 'µs/msg'); }
await p.close();
await deleteNamespace(settings.namespace).catch(() => {});
