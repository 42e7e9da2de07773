/** The `contract-replacement` orchestrator's service name (its mailbox, its commands' routing key). */
export const replacementService = 'contract-replacement';
