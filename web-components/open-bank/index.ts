// open-bank's web components; bundled to /components/open-bank.js, shown on /open-bank.
import '../shared/index.ts';
import { BankClientView } from './bank-client.ts';
import { BankEmployee } from './bank-employee.ts';
import { BankHome } from './bank-home.ts';
import { BankTransactions } from './bank-transactions.ts';
import { OpenBankApp } from './open-bank-app.ts';

customElements.define('bank-transactions', BankTransactions);
customElements.define('bank-home', BankHome);
customElements.define('bank-client', BankClientView);
customElements.define('bank-employee', BankEmployee);
customElements.define('open-bank-app', OpenBankApp);
