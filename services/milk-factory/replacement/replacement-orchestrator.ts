import type { Envelope } from '../../../actors/mod.ts';
import { milkFactory } from '../landscape.ts';
import { replacementMachine } from './replacement-machine.ts';
import {
  contractApprovedSchema, contractTerminatedSchema, draftDeletedSchema, startContractReplacementSchema, terminationRejectedSchema,
  type StartContractReplacement,
} from './replacement-messages.ts';
import { replacementService } from './replacement-names.ts';

/**
 * The replacement a message is about: the replacement draft's id. Approvals and deletions
 * of contracts that replace nothing, and terminations that are no replacement's, are for
 * no instance (ignored).
 */
export function replacementKey(message: Envelope): string | undefined {
  const data = message.data as Record<string, any>;
  switch (message.type) {
    case 'StartContractReplacement': return data.newId;
    case 'ContractApproved': return data.contract?.replaces ? data.contract.id : undefined;
    case 'DraftDeleted': return data.replaces ? data.contractId : undefined;
    case 'ContractTerminated':
    case 'TerminationRejected': return data.replacedBy ?? undefined;
    default: return undefined;
  }
}

/** The `contract-replacement` orchestrator (spec, Replacement): one instance per replacement draft. */
export const replacementOrchestrator = milkFactory.defineOrchestrator({
  service: replacementService,
  machines: [replacementMachine],
  commands: ['StartContractReplacement'],
  events: ['ContractApproved', 'DraftDeleted', 'ContractTerminated', 'TerminationRejected'],
  starts: ['StartContractReplacement'],
  schemas: {
    StartContractReplacement: startContractReplacementSchema, ContractApproved: contractApprovedSchema, DraftDeleted: draftDeletedSchema,
    ContractTerminated: contractTerminatedSchema, TerminationRejected: terminationRejectedSchema,
  },
  key: replacementKey,
  input: (message) => message.data as StartContractReplacement,
});
