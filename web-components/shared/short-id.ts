import { html } from 'lit';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** How many characters of an id's distinguishing part are shown. */
const shown = 8;

/**
 * An id shortened to the part people can tell apart. Message ids are UUIDv7 and ULIDs
 * start with the time, so the ids of one minute share their first characters: the short
 * form is the random tail instead (of a v4 UUID too), after `…`, keeping a suffix such as
 * a split billing group's `.1.2`. An id short enough is shown whole; none shows `—`.
 */
export function shortId(id: string | null | undefined): string {
  if (!id) return '—';
  const isUuid = uuid.exec(id);
  if (isUuid) return `…${isUuid[0].slice(-shown)}${id.slice(isUuid[0].length)}`;
  return id.length <= shown + 4 ? id : `…${id.slice(-shown)}`;
}

/**
 * The short form of `id` in a `<code>`, the whole id on hover (`title`) and on copy: a
 * copy of the shortened text puts the whole id on the clipboard.
 */
export function idLabel(id: string | null | undefined) {
  if (!id) return html`<code class="id">—</code>`;
  return html`<code class="id" title=${id} data-full-id=${id} @copy=${(event: ClipboardEvent) => copyWhole(event, id)}>${shortId(id)}</code>`;
}

function copyWhole(event: ClipboardEvent, id: string): void {
  if (!event.clipboardData) return;
  event.clipboardData.setData('text/plain', id);
  event.preventDefault();
}
