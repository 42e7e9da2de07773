/**
 * AMQP header names the runtime writes. Kept in one place so the management UI,
 * the dead-letter office and the consumers agree on them.
 */
export const headers = {
  causationId: 'x-causation-id',
  sessionId: 'x-session-id',
  requestId: 'x-request-id',
  deadline: 'x-deadline',
  attempt: 'x-attempt',
  partitionKey: 'x-partition-key',
  /** W3C trace context (OpenTelemetry), mirrored from the metadata; a publish's span when tracing. */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  /** HMAC of the body and the ids (rule 15); see `security/signing.ts`. */
  signature: 'x-signature',
  /** Where a waiting room returns the message. Not `x-` prefixed: headers exchanges ignore those when matching. */
  returnTo: 'actors-return-to',
  originalExchange: 'x-original-exchange',
  originalRoutingKey: 'x-original-routing-key',
  originalQueue: 'x-original-queue',
  parkReason: 'x-park-reason',
  errorClass: 'x-error-class',
  errorMessage: 'x-error-message',
  errorStack: 'x-error-stack',
  attempts: 'x-attempts',
  parkedAt: 'x-parked-at',
  /** The dead letter a message was retried from: the same message parked again is a new dead letter. */
  retriedFrom: 'x-retried-from',
} as const;
