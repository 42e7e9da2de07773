import { css } from 'lit';
import { baseStyles, panelStyles } from '../shared/styles.ts';

/** The deadline-orders components' look: the shared panels, selectable rows, status badges, the timeline. */
export const deadlineOrdersStyles = [baseStyles, panelStyles, css`
  tr.selected td { background: #eef4ff; }
  tbody tr { cursor: pointer; }
  form { margin-bottom: 0.6rem; }
  select { font: inherit; padding: 0.2rem 0.4rem; }
  .badge.PENDING { background: #fff6e0; color: #7a5300; }
  .badge.APPROVED { background: #e3f3e6; color: #1f6b33; }
  .badge.REJECTED_DUE_TO_POINT_LIMIT, .badge.REJECTED_DUE_TO_DEADLINE { background: #fde8ea; color: #8a1020; }
  .points { font-size: 1.4rem; font-variant-numeric: tabular-nums; }
  ol.timeline { list-style: none; margin: 0; padding: 0; }
  ol.timeline li { display: grid; grid-template-columns: 7.5rem 11rem 1fr; gap: 0.5rem; padding: 0.2rem 0; border-bottom: 1px dashed #e3e6ec; }
  ol.timeline .source { color: #5b6475; font-size: 0.8rem; }
`];
