import { css } from 'lit';

/** The deadline-orders components' look: panels, compact tables, status badges. */
export const deadlineOrdersStyles = css`
  :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
  h2 { font-size: 1.05rem; margin: 0 0 0.5rem; display: flex; gap: 0.6rem; align-items: baseline; }
  h2 small { font-weight: normal; color: #5b6475; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e6ec; vertical-align: top; }
  th { font-weight: 600; color: #5b6475; font-size: 0.85rem; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  tr.selected td { background: #eef4ff; }
  tbody tr { cursor: pointer; }
  form { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: end; margin-bottom: 0.6rem; }
  label { display: flex; flex-direction: column; font-size: 0.8rem; color: #5b6475; }
  input, select { font: inherit; padding: 0.2rem 0.4rem; }
  button { font: inherit; padding: 0.15rem 0.6rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #f7f8fa; cursor: pointer; }
  .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.8rem; }
  .badge.PENDING { background: #fff6e0; color: #7a5300; }
  .badge.APPROVED { background: #e3f3e6; color: #1f6b33; }
  .badge.REJECTED_DUE_TO_POINT_LIMIT, .badge.REJECTED_DUE_TO_DEADLINE { background: #fde8ea; color: #8a1020; }
  .status { color: #1f6b33; margin: 0.4rem 0; }
  .problem { color: #b00020; margin: 0.4rem 0; }
  .muted { color: #5b6475; }
  .points { font-size: 1.4rem; font-variant-numeric: tabular-nums; }
  code { font-size: 0.8rem; }
  ol.timeline { list-style: none; margin: 0; padding: 0; }
  ol.timeline li { display: grid; grid-template-columns: 7.5rem 11rem 1fr; gap: 0.5rem; padding: 0.2rem 0; border-bottom: 1px dashed #e3e6ec; }
  ol.timeline .source { color: #5b6475; font-size: 0.8rem; }
`;
