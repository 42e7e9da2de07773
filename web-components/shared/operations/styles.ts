import { css } from 'lit';
import { baseStyles } from '../styles.ts';

/** The look the four operations components share: the shared tables and buttons, rows that ask for attention. */
export const operationsStyles = [baseStyles, css`
  /* A wide table or drawing scrolls inside the component rather than widening the page. */
  :host { overflow-x: auto; }
  /* A line of figures on top; the page gives each component its heading. */
  .summary { margin: 0 0 0.5rem; color: #5b6475; }
  tr.attention td { background: #fff6e0; }
  button:hover { background: #eceff3; }
  a.flow { margin-left: 0.3rem; }
  button:disabled { opacity: 0.5; cursor: default; }
  .badge { background: #e3f3e6; color: #1f6b33; }
  .badge.paused { background: #fde8e8; color: #9b1c1c; }
  pre { background: #f4f5f8; padding: 0.5rem; border-radius: 4px; overflow: auto; max-height: 20rem; margin: 0.3rem 0; font-size: 0.8rem; }
  svg text { font: 12px system-ui, sans-serif; }
`];
