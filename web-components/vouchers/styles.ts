import { css } from 'lit';
import { baseStyles, panelStyles } from '../shared/styles.ts';

/** The vouchers components' look: the shared panels, a badge for a voucher's state. */
export const vouchersStyles = [baseStyles, panelStyles, css`
  form { margin-bottom: 0.6rem; }
  button:disabled { opacity: 0.5; cursor: default; }
  .badge { background: #e3f3e6; color: #1f6b33; }
  .badge.waiting { background: #fff6e0; color: #7a5300; }
`];
