import { describe, expect, it } from 'vitest';
import { decideAccountCreation } from '../../../../services/open-bank/command-handler/account-creation.ts';
import { ibanFromDigits } from '../../../../services/open-bank/command-handler/iban.ts';

const generated = { iban: ibanFromDigits('0123456789'), token: '12345678901234567890' };

describe('account creation', () => {
  it('open an account with balance 0 and limit −500.00, confirming its iban and token', () => {
    const id = crypto.randomUUID();
    const decision = decideAccountCreation({ id, accountType: 'AUTO' }, generated, { ibanExists: () => false, outcome: () => undefined });
    expect(decision.created).toEqual({ ...generated, balance: 0n, limit: -50_000n, accountType: 'AUTO' });
    expect(decision.events).toEqual([{ type: 'AccountCreationConfirmed', data: { id, ...generated, accountType: 'AUTO' } }]);
  });

  it('answer the same command id with the same iban and token, opening nothing', () => {
    const id = crypto.randomUUID();
    const first = { iban: ibanFromDigits('0000000042'), token: '00000000000000000042', accountType: 'MANUAL' as const };
    const decision = decideAccountCreation({ id, accountType: 'MANUAL' }, generated, { ibanExists: () => false, outcome: () => first });
    expect(decision.created).toBeUndefined();
    expect(decision.events).toEqual([{ type: 'AccountCreationConfirmed', data: { id, ...first } }]);
  });

  it('fail with "generated iban already exists, try again" when the generated IBAN is taken', () => {
    const id = crypto.randomUUID();
    const decision = decideAccountCreation({ id, accountType: 'AUTO' }, generated, { ibanExists: (iban) => iban === generated.iban, outcome: () => undefined });
    expect(decision.created).toBeUndefined();
    expect(decision.store).toBeUndefined();
    expect(decision.events).toEqual([{ type: 'AccountCreationFailed', data: { id, reason: 'generated iban already exists, try again' } }]);
  });
});
