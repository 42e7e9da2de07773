// milk-factory's web components; bundled to /components/milk-factory.js, shown on /milk-factory.
import '../shared/login-form.ts';
import { defineElements } from '../shared/define-elements.ts';
import { BillingBoard } from './billing-board.ts';
import { MfComponentTree } from './component-tree.ts';
import { MfContractLifecycle } from './contract-lifecycle.ts';
import { MfContract } from './contract-page.ts';
import { MilkFactoryApp } from './milk-factory-app.ts';
import { MfOrganisation } from './organisation-page.ts';
import { MfPartner } from './partner-page.ts';
import { MfPartnerPicker } from './partner-picker.ts';
import { MfPortal } from './portal-page.ts';
import { MfSales } from './sales-page.ts';
import { MfTasks } from './tasks-page.ts';

defineElements({
  'mf-component-tree': MfComponentTree,
  'mf-partner-picker': MfPartnerPicker,
  'mf-sales': MfSales,
  'mf-contract': MfContract,
  'mf-contract-lifecycle': MfContractLifecycle,
  'mf-portal': MfPortal,
  'mf-tasks': MfTasks,
  'mf-partner': MfPartner,
  'mf-organisation': MfOrganisation,
  'billing-board': BillingBoard,
  'milk-factory-app': MilkFactoryApp,
});

export { BillingBoard, MfComponentTree, MfContract, MfContractLifecycle, MfOrganisation, MfPartner, MfPartnerPicker, MfPortal, MfSales, MfTasks, MilkFactoryApp };
