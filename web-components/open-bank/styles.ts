import { css } from 'lit';

/** The open-bank components' look. */
export const bankStyles = css`
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
  h2 { font-size: 1.05rem; margin: 0.6rem 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e6ec; }
  th { font-weight: 600; color: #5b6475; font-size: 0.85rem; }
  td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.debit { color: #a1261b; }
  td.credit { color: #1f6b33; }
  form { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: end; margin: 0.4rem 0; }
  label { display: flex; flex-direction: column; font-size: 0.8rem; color: #5b6475; }
  input { font: inherit; padding: 0.2rem 0.4rem; }
  button { font: inherit; padding: 0.15rem 0.6rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #f7f8fa; cursor: pointer; }
  button[aria-pressed='true'] { background: #dfe7f5; border-color: #6d87b5; }
  .deposits { display: flex; gap: 0.4rem; flex-wrap: wrap; margin: 0.4rem 0; }
  .problem { color: #b00020; margin: 0.4rem 0; }
  .status { color: #1f6b33; margin: 0.4rem 0; }
  .muted { color: #5b6475; }
  code { font-size: 0.85rem; }
`;
