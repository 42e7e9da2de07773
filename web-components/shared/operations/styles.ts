import { css } from 'lit';

/** The look the four operations components share: compact tables, quiet buttons, a status line. */
export const operationsStyles = css`
  /* A wide table or drawing scrolls inside the component rather than widening the page. */
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; overflow-x: auto; }
  /* A line of figures on top; the page gives each component its heading. */
  .summary { margin: 0 0 0.5rem; color: #5b6475; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e6ec; vertical-align: top; }
  th { font-weight: 600; color: #5b6475; font-size: 0.85rem; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  tr.attention td { background: #fff6e0; }
  button { font: inherit; padding: 0.15rem 0.6rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #f7f8fa; cursor: pointer; }
  button:hover { background: #eceff3; }
  a.flow { margin-left: 0.3rem; }
  button:disabled { opacity: 0.5; cursor: default; }
  .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.8rem; background: #e3f3e6; color: #1f6b33; }
  .badge.paused { background: #fde8e8; color: #9b1c1c; }
  .status { color: #1f6b33; margin: 0.4rem 0; }
  .problem { color: #b00020; margin: 0.4rem 0; }
  .muted { color: #5b6475; }
  pre { background: #f4f5f8; padding: 0.5rem; border-radius: 4px; overflow: auto; max-height: 20rem; margin: 0.3rem 0; font-size: 0.8rem; }
  svg text { font: 12px system-ui, sans-serif; }
`;
