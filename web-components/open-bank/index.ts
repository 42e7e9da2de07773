// open-bank's web components; bundled to /components/open-bank.js, shown on /open-bank.
import '../shared/index.ts';
import { defineElements } from '../shared/define-elements.ts';
import { BankClientView } from './bank-client.ts';
import { BankEmployee } from './bank-employee.ts';
import { BankHome } from './bank-home.ts';
import { BankTransactions } from './bank-transactions.ts';
import { OpenBankApp } from './open-bank-app.ts';

defineElements({
  'bank-transactions': BankTransactions,
  'bank-home': BankHome,
  'bank-client': BankClientView,
  'bank-employee': BankEmployee,
  'open-bank-app': OpenBankApp,
});
