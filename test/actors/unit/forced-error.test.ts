import { describe, expect, it } from 'vitest';
import { BusinessError, TechnicalError, createCommand, createEvent } from '../../../actors/mod.ts';
import { forcedError } from '../../../actors/actor/forced-error.ts';

const forced = (value: string, attempt = 1) => {
  const message = createCommand('X', {}, { source: 't', metadata: { forceError: value } });
  return forcedError({ ...message, metadata: { ...message.metadata, attempt } }, 'milk-factory.pricing');
};

describe('forced errors', () => {
  it('business: a rule violation in the named service', () => {
    expect(forced('business@milk-factory.pricing')).toBeInstanceOf(BusinessError);
  });
  it('technical: fails the first attempt only', () => {
    expect(forced('technical@milk-factory.pricing', 1)).toBeInstanceOf(TechnicalError);
    expect(forced('technical@milk-factory.pricing', 2)).toBeUndefined();
  });
  it('technical-always: fails every attempt', () => {
    expect(forced('technical-always@milk-factory.pricing', 7)).toBeInstanceOf(TechnicalError);
  });
  it('another service is not affected', () => {
    expect(forced('business@milk-factory.dsc')).toBeUndefined();
  });
  it('an Error event (the report of a failure, inheriting its metadata) is never forced to fail again', () => {
    const error = createEvent('Error', { errorClass: 'BusinessError' }, { source: 't', metadata: { forceError: 'business@milk-factory.pricing' } });
    expect(forcedError(error, 'milk-factory.pricing')).toBeUndefined();
  });
});
