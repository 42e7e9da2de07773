// The actor runtime's public surface. Names are listed, not re-exported wholesale,
// so what a landscape may rely on is visible here.

export { defineActor, on, onBatch, entryFor, actorName, schemaOf, defaultRetrySchedule } from './actor/actor-definition.ts';
export type { ActorContext, ActorDefinition, BatchHandler, BatchItem, HandlerEntry, HandlerFor, HandlerOptions, Handles, MessageHandler, Prepare, PrepareContext } from './actor/actor-definition.ts';
export { decideAfterFailure } from './actor/failure-decision.ts';
export { mailboxPlan } from './actor/mailbox-plan.ts';
export type { MailboxPlan } from './actor/mailbox-plan.ts';
export type { FailureDecision } from './actor/failure-decision.ts';
export type { ContextOrigin, EmitOptions, HandlerContext, When } from './actor/handler-context.ts';
export { defineLandscape } from './landscape/define-landscape.ts';
export type { ContextOf, LandscapeDefinition } from './landscape/define-landscape.ts';
export { errorEvent } from './actor/mailbox-worker.ts';
export type { Executor, Work, WorkOutcome } from './actor/executor.ts';

export { Broker } from './broker/broker.ts';
export type { BrokerOptions, ConnectionStatus } from './broker/broker.ts';
export { brokerNodes, firstNode } from './broker/broker-nodes.ts';
export { parseChaos } from './chaos/delivery-chaos.ts';
export { isLostPostgresConnection } from './persistence/driver-leftovers.ts';
export type { ChaosCounts, ChaosOptions } from './chaos/delivery-chaos.ts';
export type { Delivery, Subscription, SubscriptionOptions } from './broker/subscription.ts';

export { manualClock, scaled, systemClock } from './clock/clock.ts';
export type { Clock } from './clock/clock.ts';
export { readTimeScale } from './clock/time-scale.ts';

export { createCommand, createEvent, createMessage, isPastDeadline, timeLeft } from './envelope/envelope.ts';
export type { Command, Envelope, Event, MessageData, MessageKind, MessageOptions, Metadata } from './envelope/envelope.ts';
export { decodeMessage, encodeMessage } from './envelope/codec.ts';
export { newMessageId } from './envelope/message-id.ts';
export { headers } from './envelope/headers.ts';
export type { StandardSchemaV1 } from './envelope/standard-schema.ts';
export { defineMessages } from './envelope/message-catalogue.ts';
export type { AnyCatalogue, AnySchema, CommandOf, CommandType, DataIn, DataOut, Emit, EventType, MessageCatalogue, MessageType } from './envelope/message-catalogue.ts';
export { validateData } from './envelope/validate.ts';

export {
  ActorError, BusinessError, ConflictError, DeadlineExpiredError, MalformedMessageError, NotFoundError,
  PublishRejectedError, SignatureError, TechnicalError, UnroutableError, ValidationError, isBusinessError, toError,
} from './errors/errors.ts';
export type { ValidationIssue } from './errors/errors.ts';

export { DeadLetterOffice } from './dead-letters/dead-letter-office.ts';
export type { DeadLetterFilter } from './dead-letters/dead-letter-office.ts';
export { deadLetterStatuses } from './dead-letters/dead-letter-table.ts';
export type { DeadLetter, DeadLetterDetail, DeadLetterStatus } from './dead-letters/dead-letter-table.ts';

export { createLogger, messageLogger } from './logging/logger.ts';
export type { Logger } from './logging/logger.ts';

export { MessageBus } from './messaging/message-bus.ts';
export type { Due } from './messaging/message-bus.ts';
export type { ParkRecord } from './messaging/park-record.ts';

export { openDatabase, ensureDatabaseExists, schemaName } from './persistence/database.ts';
export { anyOf } from './persistence/any-of.ts';
export type { Database, DatabaseOptions } from './persistence/database.ts';
export { migrate, readMigrations } from './persistence/migrations.ts';
export type { AppliedMigration, Migration } from './persistence/migrations.ts';
export { flowOf, recordFlow } from './persistence/flow-log.ts';
export { OutboxSweeper } from './persistence/outbox-sweeper.ts';
export type { SweeperOptions } from './persistence/outbox-sweeper.ts';
export { isPersistent } from './persistence/persistent-context.ts';
export type { PersistentContext } from './persistence/persistent-context.ts';
export { cleanUp } from './persistence/retention.ts';
export { afterFailedPublish, publicationStatuses } from './persistence/publish-retry.ts';
export type { AfterFailedPublish, Publication, PublicationStatus, PublishRetry } from './persistence/publish-retry.ts';
export type { RetentionResult } from './persistence/retention.ts';
export type { RuntimeTables } from './persistence/runtime-tables.ts';
export { StateStore, migrateActors, runtimeMigrations } from './persistence/state-store.ts';
export type { RequestFlow, StateStoreOptions } from './persistence/state-store.ts';

export { createMessageSigner, developmentSigningKey, signerFromKey } from './security/signing.ts';
export type { MessageSigner, SignatureCheck, SignedProperties } from './security/signing.ts';

export { publishEvent, sendCommand } from './orchestrator/actions.ts';
export type { MachineOutput, OutputOptions } from './orchestrator/actions.ts';
export { defineOrchestrator, isOrchestrator } from './orchestrator/define-orchestrator.ts';
export type { OrchestratorDefinition, OrchestratorOptions } from './orchestrator/define-orchestrator.ts';
export { describeInstance } from './orchestrator/instance-store.ts';
export { MachineVersions, parseMachineId } from './orchestrator/machine-versions.ts';
export { machineEvent, timerMessageType } from './orchestrator/orchestrator-host.ts';
export type { InstanceView, Projection } from './orchestrator/orchestrator-host.ts';
export type { InspectedActor, InspectedSnapshot, OrchestratorInspector } from './orchestrator/inspection.ts';
export { machineConfig } from './orchestrator/machine-config.ts';

export { ActorSystem } from './system/actor-system.ts';
export type { EdgeEvents, EdgeSubscription, EdgeSubscriptionOptions, ReplayedEvent } from './system/edge-events.ts';
export type { ReplayRetention } from './topology/declare-replay-stream.ts';
export type { ActorSystemOptions } from './system/actor-system.ts';
export { SystemOperations } from './system/operations.ts';
export type { MailboxHandle } from './system/operations.ts';
export { StartupError, startupCodes } from './system/startup-error.ts';
export type { StartupCode } from './system/startup-error.ts';
export { describeStartupFailure } from './system/startup-failure.ts';
export type { StartupFailure } from './system/startup-failure.ts';
export type { Waiting } from './system/startup-progress.ts';
export { startupStages } from './system/stages.ts';
export type { Stage } from './system/stages.ts';

export { activeTracer, carrierOf, parentContext, parseTraceparent, traceHeaders, instrumentationName } from './telemetry/trace-context.ts';
export type { TraceCarrier } from './telemetry/trace-context.ts';
export { Counter, Gauge, Histogram, LabelledFamily, MetricsRegistry, secondsBuckets, sizeBuckets } from './telemetry/metrics-registry.ts';
export type { Collect, Labels, ReadableFamily } from './telemetry/metrics-registry.ts';
export { observeInOpenTelemetry } from './telemetry/otel-metrics.ts';
export { RuntimeMetrics, stateText } from './telemetry/runtime-metrics.ts';
export type { MailboxMetrics } from './telemetry/runtime-metrics.ts';
export { readinessOf } from './telemetry/readiness.ts';
export type { Readiness, ReadinessCheck, ReadinessFacts } from './telemetry/readiness.ts';
export { startTelemetry, telemetrySettings } from './telemetry/otel-sdk.ts';
export type { RunningTelemetry, TelemetrySettings } from './telemetry/otel-sdk.ts';

export { delayRoutingKey, maxDelay } from './topology/delay-levels.ts';
export type { MailboxOptions } from './topology/mailbox-policy.ts';
export { topologyNames } from './topology/names.ts';
export type { TopologyNames } from './topology/names.ts';
