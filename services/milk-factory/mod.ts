import { Hono } from 'hono';
import type { AuthEnv } from '../../gateway/auth/index.ts';
import { withMessaging, type Landscape } from '../landscape.ts';
import { billingActor } from './billing/billing-actor.ts';
import { billingSecurityModel } from './billing/billing-security.ts';
import { groupOrchestrator } from './billing/group/group-orchestrator.ts';
import { jobOrchestrator } from './billing/job/job-orchestrator.ts';
import { readRoutes as billingReadRoutes } from './billing/routes/read-routes.ts';
import { runRoutes as billingRunRoutes } from './billing/routes/run-routes.ts';
import { caseRoutes } from './cases/case-routes.ts';
import { casesActor } from './cases/cases-actor.ts';
import { contractRoutes } from './contracts/routes/contract-routes.ts';
import { lifecycleRoutes } from './contracts/routes/lifecycle-routes.ts';
import { draftRoutes } from './contracts/routes/draft-routes.ts';
import { productRoutes } from './contracts/routes/product-routes.ts';
import { contractsActor } from './contracts/contracts-actor.ts';
import { discountRoutes } from './dsc/discount-routes.ts';
import { dscActor } from './dsc/dsc-actor.ts';
import { organisationActor } from './organisation/organisation-actor.ts';
import { organisationRoutes } from './organisation/organisation-routes.ts';
import { milkFactoryUsers, requisitionSecurityModel, salesSecurityModel } from './organisation/security-model.ts';
import { mergeSecurityModels } from '../../gateway/auth/index.ts';
import { partnerRoutes } from './partners/partner-routes.ts';
import { partnersActor } from './partners/partners-actor.ts';
import { indexRoutes, indexSecurityModel } from './pricing/index-routes.ts';
import { pricingActor } from './pricing/pricing-actor.ts';
import { distributionActor } from './distribution/distribution-actor.ts';
import { distributionRoutes } from './distribution/distribution-routes.ts';
import { requisitionIntake } from './requisitions/requisition-intake.ts';
import { requisitionOrchestrator } from './requisitions/requisition-orchestrator.ts';
import { requisitionRoutes } from './requisitions/routes/requisition-routes.ts';
import { replacementOrchestrator } from './replacement/replacement-orchestrator.ts';
import { landscapeName } from './shared/landscape-name.ts';
import { milkFactoryMessages } from './messages.ts';
import { milkFactoryStreamAccess } from './stream-access.ts';
import { milkFactoryStreamFilters } from './stream-filters.ts';

/**
 * milk-factory (spec `milk-factory.md`): contracts, dsc, pricing, partners, cases,
 * organisation, billing (a worker and the billing-job and billing-group orchestrators),
 * the contract-replacement orchestrator, the MILK_INDEX, requisitions (an intake and the
 * requisition orchestrator) and distribution,
 * their REST API under `/api/milk-factory`, the stream filters, the users and the SALES,
 * BILLING, index and REQUISITION security models.
 */
export const milkfactoryLandscape: Landscape = withMessaging({
  name: landscapeName,
  actors: [contractsActor, dscActor, pricingActor, partnersActor, casesActor, organisationActor, billingActor, jobOrchestrator, groupOrchestrator, replacementOrchestrator,
    requisitionIntake, requisitionOrchestrator, distributionActor],
  edge: {
    name: landscapeName,
    routes: (deps) => new Hono<AuthEnv>()
      .route('/', productRoutes())
      .route('/', draftRoutes(deps))
      .route('/', discountRoutes(deps))
      .route('/', contractRoutes(deps))
      .route('/', lifecycleRoutes(deps))
      .route('/', partnerRoutes(deps))
      .route('/', caseRoutes(deps))
      .route('/', organisationRoutes())
      .route('/', indexRoutes(deps))
      .route('/', billingRunRoutes(deps))
      .route('/', billingReadRoutes(deps))
      .route('/', requisitionRoutes(deps))
      .route('/', distributionRoutes(deps)),
    streamFilters: milkFactoryStreamFilters,
    streamAccess: milkFactoryStreamAccess(),
  },
  users: milkFactoryUsers,
  securityModel: mergeSecurityModels([salesSecurityModel, billingSecurityModel, indexSecurityModel, requisitionSecurityModel]),
}, milkFactoryMessages);
