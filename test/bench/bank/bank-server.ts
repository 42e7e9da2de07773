// The system under load, in its own process (so its CPU and memory are its own): open-bank's
// actors and the whole edge (REST, SSE, portal, components) in a fresh test namespace.
// Prints one JSON line `{"port": N, "namespace": "…", "pid": N}` once stable; SIGTERM cleans up.
import process from 'node:process';
import { openbankLandscape } from '../../../services/open-bank/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

const edge = await TestEdge.start('bench-bank', [openbankLandscape], { timeScale: 1 });
const store = testInternals(edge.system).store!;
console.log(JSON.stringify({
  port: edge.server.port,
  namespace: edge.namespace,
  pid: process.pid,
  commandHandlerSchema: store.serviceSchema(openbankLandscape.actors[0]!),
}));

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void edge.cleanup().finally(() => process.exit(0));
});
