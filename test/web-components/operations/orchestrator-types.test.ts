import { describe, expect, it } from 'vitest';
import { definitionFor, stateText, type OrchestratorDefinition } from '../../../web-components/shared/operations/orchestrator-types.ts';

const shipment: OrchestratorDefinition = {
  name: 'shipment', landscape: 'depot', service: 'shipment',
  versions: [{ version: 1, definition: { id: 'shipment@1' } }, { version: 3, definition: { id: 'shipment@3' } }, { version: 2, definition: { id: 'shipment@2' } }],
};

describe('definitionFor', () => {
  it('draws the version the instance runs (old versions keep running their instances)', () => {
    expect(definitionFor(shipment, 2)).toEqual({ version: 2, definition: { id: 'shipment@2' } });
  });

  it('draws the newest version when there is no instance, and nothing for an unknown version or machine', () => {
    expect(definitionFor(shipment)?.version).toBe(3);
    expect(definitionFor(shipment, 9)).toBeUndefined();
    expect(definitionFor(undefined)).toBeUndefined();
  });
});

describe('stateText', () => {
  it('writes a state value as a dotted path, parallel regions joined', () => {
    expect(stateText('ordered')).toBe('ordered');
    expect(stateText({ transit: 'loading' })).toBe('transit.loading');
    expect(stateText({ transit: { truck: 'driving' } })).toBe('transit.truck.driving');
    expect(stateText({ payment: 'due', kitchen: 'cooking' })).toBe('payment.due + kitchen.cooking');
    expect(stateText({ idle: {} })).toBe('idle');
    expect(stateText(null)).toBe('null');
  });
});
