/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A raw HTML fragment (already escaped). */
export interface Html {
  readonly html: string;
}

/** A tagged template that escapes interpolated strings and keeps Html fragments. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value) return (value as Html).html;
  return escapeHtml(String(value));
}

const style = `
  :root { font-family: system-ui, sans-serif; color: #1d2433; background: #f6f7f9; }
  body { margin: 0; }
  header { background: #1d2433; color: #fff; padding: 0.7rem 1.2rem; display: flex; gap: 1rem; align-items: baseline; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  main { padding: 1.2rem; max-width: 72rem; margin: 0 auto; }
  section { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 1rem 1.2rem; margin-bottom: 1rem; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 0; }
  ul.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.8rem; }
  ul.cards li { border: 1px solid #dde1e8; border-radius: 6px; padding: 0.8rem; background: #fbfcfd; }
  ul.cards a { font-weight: 600; }
  .muted { color: #5b6475; font-size: 0.9rem; }
  details.embedded { border-top: 1px solid #dde1e8; padding: 0.6rem 0; }
  details.embedded > summary { cursor: pointer; font-weight: 600; }
  form.inline { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: end; }
`;

/** The frame of every page: title, header with the way back to the portal, optional module script. */
export function layout(options: { title: string; heading: Html | string; script?: string; body: Html }): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Milk Factory</title>
<link rel="icon" href="data:,">
<style>${{ html: style }}</style>
${options.script ? html`<script type="module" src="${options.script}"></script>` : ''}
</head>
<body>
<header><a href="/">Milk Factory</a><span>${options.heading}</span></header>
<main>
${options.body}
</main>
</body>
</html>
`.html}`;
}
