import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** contracts → contract-replacement, with the replacement draft: follow it until it is approved or deleted. */
export const startContractReplacementSchema = z.object({ oldId: z.string(), newId: z.string(), start: day });
export type StartContractReplacement = z.infer<typeof startContractReplacementSchema>;

/** contract-replacement → contracts: end the replaced contract (`replacedBy` names the replacement). */
export const terminateContractSchema = z.object({ contractId: z.string(), end: day, replacedBy: z.string() });

/** `ContractTerminated {contractId, end}`; a replacement's also names `replacedBy`. */
export const contractTerminatedSchema = z.object({ contractId: z.string(), end: day, replacedBy: z.string().optional() });

/** contracts refused `TerminateContract` (the old contract is no longer RUNNING, or billed past the end). */
export const terminationRejectedSchema = z.object({ contractId: z.string(), replacedBy: z.string(), reason: z.string() });

export const contractApprovedSchema = z.object({ contract: z.object({ id: z.string(), replaces: z.string().nullish() }) });
/** `DELETE /drafts/<id>`: the draft is gone; `replaces` names the contract it would have replaced. */
export const draftDeletedSchema = z.object({ contractId: z.string(), replaces: z.string().nullish(), partnerId: z.string().nullish() });

/** The replacement draft was made: about the old contract (its page, its holder's stream). */
export const replacementDraftedSchema = z.object({ contractId: z.string(), replacementId: z.string(), start: day });

/** The old contract was terminated for its approved replacement. */
export const contractReplacedSchema = z.object({ oldId: z.string(), newId: z.string() });
