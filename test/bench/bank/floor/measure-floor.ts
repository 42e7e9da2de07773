import type { Browser } from 'playwright-core';
import { newTab } from '../../../support/browser.ts';
import { sleep } from '../../../support/wait.ts';
import { latencyStats, type LatencyStats } from '../latency-stats.ts';
import type { FloorChain } from './floor-chain.ts';

export interface Floor {
  /** A Node client: POST → its event read from the SSE stream. */
  node: LatencyStats;
  /** Chromium: click → the row in the page (what the bank's click→row latency is judged against). */
  browser: LatencyStats;
}

/** Clicks before the measured ones: the first open connections and prepare statements. */
const warmUp = 5;

/**
 * `samples` clicks from a Node client, then as many from the floor's page, one at a time,
 * with a short random pause between them (so they do not keep one phase to anything else
 * running).
 */
export async function measureFloor(chain: FloorChain, page: FloorPage, samples: number, timeoutMs: number): Promise<Floor> {
  const node = await nodeClicks(chain, samples, timeoutMs);
  const latencies: number[] = [];
  for (let i = 0; i < warmUp + samples; i++) {
    const ms = await page.click(timeoutMs);
    if (i >= warmUp && ms >= 0) latencies.push(ms);
    await pause();
  }
  return { node, browser: latencyStats(latencies) };
}

/** The floor's page in a tab of its own, kept open so the ramp can click it beside the bank's page. */
export interface FloorPage {
  /** One click → row, ms; -1 after `timeoutMs`. */
  click(timeoutMs: number): Promise<number>;
  /** Page errors seen, then the tab closed. */
  close(): Promise<string[]>;
}

export async function openFloorPage(chain: FloorChain, browser: Browser): Promise<FloorPage> {
  const tab = await newTab(browser, { url: (path) => `${chain.url}${path}` });
  await tab.goto('/');
  await tab.page.evaluate('window.streamOpen');
  return {
    click: (timeoutMs) => tab.page.evaluate(`window.clickToRow(${JSON.stringify(crypto.randomUUID())}, ${timeoutMs})`) as Promise<number>,
    async close() {
      await tab.close();
      return tab.errors;
    },
  };
}

async function nodeClicks(chain: FloorChain, samples: number, timeoutMs: number): Promise<LatencyStats> {
  const abort = new AbortController();
  const response = await fetch(`${chain.url}/stream`, { signal: abort.signal });
  const waiting = new Map<string, () => void>();
  const reading = (async () => {
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of response.body! as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const frame = text.slice(0, end);
        text = text.slice(end + 2);
        if (!frame.startsWith('data: ')) continue;
        const { id } = JSON.parse(frame.slice(6)) as { id: string };
        waiting.get(id)?.();
      }
    }
  })().catch(() => {});
  const latencies: number[] = [];
  try {
    for (let i = 0; i < warmUp + samples; i++) {
      const id = crypto.randomUUID();
      const started = performance.now();
      // The time the event was read, not after the POST's answer was awaited too.
      const arrived = new Promise<number | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        waiting.set(id, () => { clearTimeout(timer); resolve(performance.now()); });
      });
      const posted = await fetch(`${chain.url}/click?id=${id}`, { method: 'POST' });
      await posted.arrayBuffer();
      const at = await arrived;
      waiting.delete(id);
      if (i >= warmUp && at !== undefined) latencies.push(at - started);
      await pause();
    }
  } finally {
    abort.abort();
    await reading;
  }
  return latencyStats(latencies);
}

function pause(): Promise<void> {
  return sleep(20 + Math.random() * 30);
}
