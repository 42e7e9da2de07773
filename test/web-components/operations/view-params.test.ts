import { describe, expect, it } from 'vitest';
import { readViewParams, writeViewParams } from '../../../web-components/operations/view-params.ts';

describe('the operations page keeps what it shows in its URL', () => {
  it('reads the flow and state machine to show, empty when not given', () => {
    expect(readViewParams('?correlationId=c-1&machine=shipment&instance=%20c-1%20')).toEqual({ correlationId: 'c-1', machine: 'shipment', instance: 'c-1', landscape: '' });
    expect(readViewParams('')).toEqual({ correlationId: '', machine: '', instance: '', landscape: '' });
  });

  it('writes only what is set, keeping other parameters', () => {
    expect(writeViewParams('?debug=1&machine=old', { correlationId: 'c 2', machine: '', instance: '', landscape: 'depot' })).toBe('?debug=1&correlationId=c+2&landscape=depot');
    expect(writeViewParams('?machine=old', { correlationId: '', machine: '', instance: '', landscape: '' })).toBe('');
  });
});
