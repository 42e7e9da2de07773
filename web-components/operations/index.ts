// The operations page's bundle (/components/operations.js): the four operations components
// and <operations-app>, which lays them out with the admin's login.
import '../shared/login-form.ts';
import { defineElements } from '../shared/define-elements.ts';
import { defineOperationsElements } from '../shared/operations/index.ts';
import { OperationsApp } from './operations-app.ts';

defineOperationsElements();
defineElements({ 'operations-app': OperationsApp });

export { OperationsApp };
