/**
 * The browser's side of the floor: a button that posts a click, and a list that shows each
 * streamed event as a new first row (plain DOM, no framework). `window.clickToRow(id,
 * timeoutMs)` clicks with that id and answers the milliseconds until its row is in the
 * list, or -1 after the timeout: the same measurement as the bank page's `clickToRow`.
 * `window.streamOpen` resolves once the stream is open.
 */
export const floorPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>floor</title></head>
<body>
<button id="click">click</button>
<table><tbody id="rows"></tbody></table>
<script>
  const rows = document.getElementById('rows');
  const button = document.getElementById('click');
  let nextId = '';
  const source = new EventSource('/stream');
  window.streamOpen = new Promise((resolve) => { source.onopen = resolve; });
  source.onmessage = (event) => {
    const { id } = JSON.parse(event.data);
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.textContent = id;
    row.append(cell);
    rows.prepend(row);
    while (rows.children.length > 20) rows.lastElementChild.remove();
  };
  button.addEventListener('click', () => { void fetch('/click?id=' + encodeURIComponent(nextId), { method: 'POST' }); });
  window.clickToRow = (id, timeoutMs) => new Promise((resolve) => {
    const started = performance.now();
    let timer;
    const observer = new MutationObserver(() => {
      if (rows.firstElementChild?.textContent === id) finish(performance.now() - started);
    });
    const finish = (ms) => { observer.disconnect(); clearTimeout(timer); resolve(ms); };
    timer = setTimeout(() => finish(-1), timeoutMs);
    observer.observe(rows, { subtree: true, childList: true, characterData: true });
    nextId = id;
    button.click();
  });
</script>
</body></html>`;
