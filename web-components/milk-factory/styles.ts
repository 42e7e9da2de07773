import { css } from 'lit';
import { appStyles } from '../shared/styles.ts';

/** The look shared by milk-factory's pages. */
export const pageStyles = [appStyles, css`
  h2 { font-size: 1.1rem; margin: 0 0 0.6rem; }
  h3 { font-size: 1rem; margin: 0.6rem 0 0.4rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #eef0f4; vertical-align: top; }
  .muted { color: #5b6475; font-size: 0.85rem; }
  .state { font-weight: 600; }
  .tag { display: inline-block; background: #fff3d6; color: #7a5200; border-radius: 4px; padding: 0 0.35rem; margin-left: 0.3rem; font-size: 0.8rem; }
  .money { font-variant-numeric: tabular-nums; }
  button { cursor: pointer; }
  form, .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin: 0.3rem 0; }
  input, select { padding: 0.25rem 0.35rem; }
`];

export function chf(value: string | null | undefined): string {
  return value === null || value === undefined ? '–' : `CHF ${value}`;
}
