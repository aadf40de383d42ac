import {EnvHttpProxyAgent, type Dispatcher} from 'undici';

// One pool per connect timeout; a process uses one timeout, so in practice this holds one agent.
const agents = new Map<number, Dispatcher>();

/**
 * The shared, proxy-aware (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) keep-alive pool, made on first use.
 * undici unrefs idle sockets, so a kept-alive connection never holds the process open after the
 * answer; the connect timeout makes sure a connection attempt does not either.
 */
export function getDispatcher(connectTimeoutMs: number): Dispatcher {
  let agent = agents.get(connectTimeoutMs);
  if (agent === undefined) {
    agent = new EnvHttpProxyAgent({connect: {timeout: connectTimeoutMs}, keepAliveTimeout: 4_000});
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
}

/** Closes every pooled connection (tests; a long-lived host that wants a clean shutdown). */
export async function closeDispatchers(): Promise<void> {
  const closing = [...agents.values()].map((agent) => agent.close());
  agents.clear();
  await Promise.allSettled(closing);
}
