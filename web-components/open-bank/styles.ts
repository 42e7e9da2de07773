import { css } from 'lit';
import { baseStyles, panelStyles } from '../shared/styles.ts';

/** The open-bank components' look: the shared panels, with headings spaced as blocks, amounts in colour. */
export const bankStyles = [baseStyles, panelStyles, css`
  h2 { display: block; margin: 0.6rem 0; }
  th, td { vertical-align: inherit; }
  td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.debit { color: #a1261b; }
  td.credit { color: #1f6b33; }
  form { margin: 0.4rem 0; }
  button[aria-pressed='true'] { background: #dfe7f5; border-color: #6d87b5; }
  .deposits { display: flex; gap: 0.4rem; flex-wrap: wrap; margin: 0.4rem 0; }
  code { font-size: 0.85rem; }
`];
