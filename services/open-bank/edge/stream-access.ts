import type { Envelope } from '../../../actors/mod.ts';
import type { Readers, StreamAccess } from '../../../gateway/landscape.ts';
import { companyAccount } from '../command-handler/company-account.ts';
import { roles } from './security.ts';

const employee = [roles.employee];

/**
 * Who reads which open-bank event on the stream, as over REST: an account's balance
 * changes its owner (the client whose `jwt` names the IBAN) and the bank's employees,
 * the company account's anyone (the home page shows it); a transfer's outcome the
 * principal who posted it and the employees; an account's creation its owner and the
 * employees. The account token never travels on the stream: it is the key to the
 * account's money, and only the sign-up answer gives it to its owner.
 */
export const openBankStreamAccess: StreamAccess = {
  readers(event: Envelope): Readers {
    const data = event.data as Record<string, unknown>;
    const requestedBy = typeof event.metadata.requestedBy === 'string' ? [event.metadata.requestedBy] : [];
    switch (event.type) {
      case 'BalanceChanged':
        return data.iban === companyAccount.iban ? { everyone: true } : { roles: employee, partners: typeof data.iban === 'string' ? [data.iban] : [] };
      case 'MoneyTransferConfirmed':
      case 'MoneyTransferFailed':
        return { roles: employee, users: requestedBy };
      case 'AccountCreationConfirmed':
        return { roles: employee, partners: typeof data.iban === 'string' ? [data.iban] : [], users: requestedBy };
      case 'AccountCreationFailed':
        return { roles: employee, users: requestedBy };
      default:
        return {}; // heartbeats and anything new: operations only until decided here
    }
  },
  redact(event: Envelope): Envelope {
    if (!('token' in event.data)) return event;
    const { token: _secret, ...data } = event.data;
    return { ...event, data };
  },
};
