import { css } from 'lit';

/**
 * The look every component shares, so the landscapes' pages and the operations page read as
 * one UI. A landscape's stylesheet extends these (`[baseStyles, panelStyles, css`…`]`): its
 * own rules come last and win where they differ.
 */

/** Every component: the page's font, compact tables, quiet buttons, badges, status and problem lines. */
export const baseStyles = css`
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e6ec; vertical-align: top; }
  th { font-weight: 600; color: #5b6475; font-size: 0.85rem; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  button { font: inherit; padding: 0.15rem 0.6rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #f7f8fa; cursor: pointer; }
  .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.8rem; }
  .status { color: #1f6b33; margin: 0.4rem 0; }
  .problem { color: #b00020; margin: 0.4rem 0; }
  .muted { color: #5b6475; }
`;

/** A landscape's panels: a heading with a small figure beside it, inline forms of labelled fields, code. */
export const panelStyles = css`
  h2 { font-size: 1.05rem; margin: 0 0 0.5rem; display: flex; gap: 0.6rem; align-items: baseline; }
  h2 small { font-weight: normal; color: #5b6475; }
  form { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: end; }
  label { display: flex; flex-direction: column; font-size: 0.8rem; color: #5b6475; }
  input { font: inherit; padding: 0.2rem 0.4rem; }
  code { font-size: 0.8rem; }
`;

/** A landscape's root element: white panels (sections) down the page, the live-stream line. */
export const appStyles = css`
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
  section { background: #fff; border: 1px solid #e3e6ec; border-radius: 8px; padding: 0.8rem 1rem; margin-bottom: 1rem; overflow-x: auto; }
  .live { font-size: 0.8rem; color: #5b6475; }
  .problem { color: #b00020; }
`;
