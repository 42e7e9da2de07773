import { describe, expect, it } from 'vitest';
import { coalesceWrites, type Corkable } from '../../../actors/broker/coalesced-writes.ts';

/** Records what reaches the "wire": one entry per flush, holding the chunks that left together. */
function recordingSocket() {
  const flushes: string[][] = [];
  let corks = 0;
  let pending: string[] = [];
  const socket: Corkable = {
    cork: () => { corks += 1; },
    uncork: () => {
      corks -= 1;
      if (corks === 0 && pending.length > 0) flushes.push(pending.splice(0));
    },
    write: (chunk: string) => {
      if (corks > 0) pending.push(chunk);
      else flushes.push([chunk]);
      return true;
    },
  };
  return { socket, flushes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced writes', () => {
  it('sends the frames written in one turn together, and those of the next turn apart', async () => {
    const { socket, flushes } = recordingSocket();
    coalesceWrites(socket);
    socket.write('publish-1');
    socket.write('publish-2');
    socket.write('ack');
    expect(flushes).toEqual([]); // nothing leaves before the turn's synchronous code is done
    await nextTurn();
    socket.write('publish-3');
    await nextTurn();
    expect(flushes).toEqual([['publish-1', 'publish-2', 'ack'], ['publish-3']]);
  });

  it('wraps a socket once, however often the connection is set up on it', async () => {
    const { socket, flushes } = recordingSocket();
    coalesceWrites(socket);
    coalesceWrites(socket);
    socket.write('frame');
    await nextTurn();
    expect(flushes).toEqual([['frame']]);
  });
});
