import { ManagementApiError, ManagementUnreachableError } from '../broker/management-api.ts';
import { firstNode } from '../broker/broker-nodes.ts';
import { StartupError, isUnreachable, redact } from './startup-error.ts';

const enablePlugins = 'rabbitmq-plugins enable rabbitmq_management rabbitmq_consistent_hash_exchange';

/** What an AMQP failure at start-up means: undefined while the broker may still come (keep waiting). */
export function amqpStartupProblem(error: unknown, amqpUrl: string): StartupError | undefined {
  if (isUnreachable(error)) return undefined;
  const text = error instanceof Error ? error.message : String(error);
  const url = new URL(firstNode(amqpUrl));
  const user = decodeURIComponent(url.username) || 'guest';
  const vhost = url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : '/';
  // Every node of a cluster has the same users and vhosts: the first node's URL names them.
  if (/ACCESS.REFUSED - Login was refused/.test(text)) {
    return new StartupError('START-002', `RabbitMQ at ${redact(amqpUrl)} refused the login of user "${user}"`,
      `set AMQP_URL to amqp://<user>:<password>@${url.host}${url.pathname} with a user RabbitMQ knows, or create it: rabbitmqctl add_user ${user} <password> && rabbitmqctl set_permissions -p ${vhost} ${user} ".*" ".*" ".*"`, { cause: error });
  }
  if (/Expected ConnectionOpenOk|NOT_ALLOWED|vhost .* not found|ACCESS.REFUSED - (access|configure|write|read)/.test(text)) {
    return new StartupError('START-003', `RabbitMQ refused user "${user}" on virtual host "${vhost}" (${text})`,
      `create the virtual host and grant the user full permissions on it: rabbitmqctl add_vhost ${vhost} && rabbitmqctl set_permissions -p ${vhost} ${user} ".*" ".*" ".*"`, { cause: error });
  }
  if (/unknown exchange type 'x-consistent-hash'/.test(text)) return consistentHashMissing(error);
  const conflict = /PRECONDITION_FAILED - (.*?)"?$/.exec(text);
  if (conflict) {
    const name = /(?:exchange|queue) '([^']+)'/.exec(conflict[1]!)?.[1] ?? '(see the message)';
    const kind = /exchange '/.test(conflict[1]!) ? 'exchange' : 'queue';
    return new StartupError('START-007', `RabbitMQ has ${kind} ${name} with other settings than this runtime declares (${conflict[1]})`,
      kind === 'exchange'
        ? `delete it if nothing else uses it (the runtime declares it again): curl -u <user>:<password> -X DELETE http://<host>:15672/api/exchanges/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`
        : `move its messages elsewhere if they matter, then delete it (the runtime declares it again): rabbitmqctl delete_queue -p ${vhost} ${name}`,
      { cause: error });
  }
  return new StartupError('START-000', `RabbitMQ failed during start-up: ${text}`, 'see the error; RabbitMQ\'s log may say more', { cause: error });
}

export function consistentHashMissing(cause?: unknown): StartupError {
  return new StartupError('START-006',
    'RabbitMQ has no x-consistent-hash exchange type, which partitioned mailboxes (ordering per key) need',
    `enable the plugins on the broker: ${enablePlugins}`, { cause });
}

/** What a management API failure at start-up means (the AMQP side answered already). */
export function managementStartupProblem(error: unknown, apiUrl: string, user: string): StartupError {
  if (error instanceof ManagementUnreachableError) {
    return new StartupError('START-004', `the RabbitMQ management API does not answer at ${apiUrl} (mailbox settings are policies, set through it)`,
      `enable the plugins on the broker: ${enablePlugins} (or set RABBITMQ_MANAGEMENT_URL to where the API is)`, { cause: error });
  }
  if (error instanceof ManagementApiError && (error.status === 401 || error.status === 403)) {
    return new StartupError('START-005', `the RabbitMQ management API at ${apiUrl} refused user "${user}" (${error.status}): it sets the mailbox policies`,
      `give the user the policymaker tag (or administrator): rabbitmqctl set_user_tags ${user} policymaker, or set RABBITMQ_MANAGEMENT_URL with a user who has it`, { cause: error });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new StartupError('START-000', `the RabbitMQ management API failed during start-up: ${text}`, 'see the error; RabbitMQ\'s log may say more', { cause: error });
}

export function otherBrokersApi(apiUrl: string, apiCluster: string, amqpCluster: string): StartupError {
  return new StartupError('START-004', `the RabbitMQ management API at ${apiUrl} belongs to cluster "${apiCluster}", not to the broker AMQP_URL reaches ("${amqpCluster}")`,
    'set RABBITMQ_MANAGEMENT_URL to the management API of the broker AMQP_URL names; if both are nodes of one cluster, give the cluster a name (rabbitmqctl set_cluster_name <name>): unset, each node names it after itself');
}
