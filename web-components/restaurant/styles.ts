import { css } from 'lit';
import { baseStyles, panelStyles } from '../shared/styles.ts';

/** The restaurant board's look: the shared panels, tighter rows, narrow number fields, cook badges. */
export const restaurantStyles = [baseStyles, panelStyles, css`
  .muted { font-weight: normal; }
  th, td { padding: 0.25rem 0.5rem; }
  label.inline { flex-direction: row; gap: 0.3rem; align-items: center; }
  input { width: 5rem; }
  button:disabled { opacity: 0.5; cursor: default; }
  .badge { font-size: 0.75rem; background: #e8ecf3; }
  .badge.dodgy { background: #fff6e0; color: #7a5300; }
  .badge.paused { background: #fde8e8; color: #9b1c1c; }
`];
