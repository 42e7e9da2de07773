import { css } from 'lit';

/** The restaurant board's look: panels, stage columns as cards, compact tables. */
export const restaurantStyles = css`
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
  h2 { font-size: 1.05rem; margin: 0 0 0.5rem; display: flex; gap: 0.6rem; align-items: baseline; }
  h2 small, .muted { font-weight: normal; color: #5b6475; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e3e6ec; vertical-align: top; }
  th { font-weight: 600; color: #5b6475; font-size: 0.85rem; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  form { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: end; }
  label { display: flex; flex-direction: column; font-size: 0.8rem; color: #5b6475; }
  label.inline { flex-direction: row; gap: 0.3rem; align-items: center; }
  input { font: inherit; padding: 0.2rem 0.4rem; width: 5rem; }
  button { font: inherit; padding: 0.15rem 0.6rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #f7f8fa; cursor: pointer; }
  button:disabled { opacity: 0.5; cursor: default; }
  .status { color: #1f6b33; margin: 0.4rem 0; }
  .problem { color: #b00020; margin: 0.4rem 0; }
  code { font-size: 0.8rem; }
  .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.75rem; background: #e8ecf3; }
  .badge.dodgy { background: #fff6e0; color: #7a5300; }
  .badge.paused { background: #fde8e8; color: #9b1c1c; }
`;
