import { z } from 'zod';
import { defineMessages } from '../../actors/mod.ts';
import {
  announceBillsSchema, billGroupSchema, billingGroupChangedSchema, billsAnnouncedSchema, contractApprovedSchema, groupBilledSchema,
  retryBillingGroupSchema, startBillingGroupSchema, startBillingJobSchema,
} from './billing/billing-messages.ts';
import {
  caseChangedSchema, completeTasksSchema, createCaseSchema, createPartnerRelationshipSchema, createTaskSchema, discountsSurchargesAddedSchema,
  draftSchema, partnerRelationshipChangedSchema, pricesReadSchema, pricesUpdatedSchema, readPricesSchema,
} from './shared/message-schemas.ts';
import {
  contractReplacedSchema, contractTerminatedSchema, draftDeletedSchema, replacementDraftedSchema, startContractReplacementSchema,
  terminateContractSchema, terminationRejectedSchema,
} from './replacement/replacement-messages.ts';
import { indexChangedSchema } from './pricing/milk-index.ts';

// Events no service of the landscape handles (the browser reads them from the stream):
// their schemas name what they carry, for the publishers' compile-time check.
const contractEvent = z.object({ contract: z.unknown() });
const billCreated = z.object({ billId: z.string(), contractId: z.string(), from: z.string(), to: z.string(), price: z.string() });
const billingJobChanged = z.object({ jobId: z.string(), state: z.string(), counters: z.record(z.string(), z.number()) });
const billingJobCompleted = z.object({ jobId: z.string(), contracts: z.number(), bills: z.number() });
/** The runtime's `Error` event (a business failure routed back to its session): its data as `errorEvent` makes it. */
const errorEvent = z.looseObject({});

/** The milk-factory landscape's messages: every command and event its services exchange. */
export const milkFactoryMessages = defineMessages({
  commands: {
    CreateCase: createCaseSchema,
    CreateTask: createTaskSchema,
    CompleteTasks: completeTasksSchema,
    CreatePartnerRelationship: createPartnerRelationshipSchema,
    ReadPrices: readPricesSchema,
    PricesRead: pricesReadSchema,
    StartBillingJob: startBillingJobSchema,
    StartBillingGroup: startBillingGroupSchema,
    RetryBillingGroup: retryBillingGroupSchema,
    BillGroup: billGroupSchema,
    AnnounceBills: announceBillsSchema,
    GroupBilled: groupBilledSchema,
    BillsAnnounced: billsAnnouncedSchema,
    PublishSecurityModel: z.object({}),
    StartContractReplacement: startContractReplacementSchema,
    TerminateContract: terminateContractSchema,
  },
  events: {
    Draft: draftSchema,
    DraftOffered: draftSchema,
    OfferAccepted: contractEvent,
    ContractApproved: contractApprovedSchema,
    DiscountsSurchargesAdded: discountsSurchargesAddedSchema,
    PricesUpdated: pricesUpdatedSchema,
    PartnerCreated: z.object({ partner: z.unknown() }),
    PartnerRelationshipChanged: partnerRelationshipChangedSchema,
    CaseChanged: caseChangedSchema,
    SecurityModelPublished: z.object({ model: z.unknown() }),
    BillCreated: billCreated,
    BillingGroupChanged: billingGroupChangedSchema,
    BillingJobChanged: billingJobChanged,
    BillingJobCompleted: billingJobCompleted,
    ContractTerminated: contractTerminatedSchema,
    TerminationRejected: terminationRejectedSchema,
    ContractReplaced: contractReplacedSchema,
    ReplacementDrafted: replacementDraftedSchema,
    DraftDeleted: draftDeletedSchema,
    IndexChanged: indexChangedSchema,
    Error: errorEvent,
  },
});
