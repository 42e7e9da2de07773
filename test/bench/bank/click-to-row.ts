import type { Page } from 'playwright-core';

// Sent as source text: tsx (esbuild, keepNames) would wrap the functions of a compiled
// callback in a `__name` helper that does not exist in the page.
const script = `({ button, expectedBalance, timeoutMs }) => new Promise((resolve) => {
  const client = document.querySelector('open-bank-app').shadowRoot.querySelector('bank-client').shadowRoot;
  const list = client.querySelector('bank-transactions').shadowRoot;
  const shown = () => (list.querySelector('#rows tr td:last-child')?.textContent ?? '').replace(/\\u00a0/g, ' ') === expectedBalance;
  const started = performance.now();
  let observer;
  let timer;
  const finish = (ms) => { observer.disconnect(); clearTimeout(timer); resolve(ms); };
  observer = new MutationObserver(() => { if (shown()) finish(performance.now() - started); });
  timer = setTimeout(() => finish(-1), timeoutMs);
  observer.observe(list, { subtree: true, childList: true, characterData: true });
  client.querySelector(button).click();
})`;

/**
 * In the page: clicks `button` (inside `<bank-client>`), then waits for the client's
 * transaction list to show a first row with the expected new balance, observing the list's
 * shadow DOM; answers the milliseconds from the click, or -1 after `timeoutMs`.
 */
export async function clickToRow(page: Page, button: string, expectedBalance: string, timeoutMs: number): Promise<number> {
  return page.evaluate(`(${script})(${JSON.stringify({ button, expectedBalance, timeoutMs })})`) as Promise<number>;
}
