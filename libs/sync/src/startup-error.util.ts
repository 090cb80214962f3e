import { ConfigError } from './sync-config.js';
import { ServiceUnavailableError } from './service-probe.util.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * What a process prints when it cannot start: a plain sentence for what an operator can fix (a setting, a
 * server, a port), the stack only for what they cannot.
 */
export function describeStartupError(
  error: unknown,
  context: { configErrors?: readonly ErrorClass[]; listen?: { variable: string; host: string; port: number } },
): string {
  if ([ConfigError, ...(context.configErrors ?? [])].some((type) => error instanceof type)) {
    return `Configuration error: ${(error as Error).message}`;
  }
  if (error instanceof ServiceUnavailableError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (context.listen && (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')) {
    const { variable, host, port } = context.listen;
    const why = code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${code})`;
    return `Port ${port} on ${host} ${why}. Stop what holds it, or pick another with ${variable}=<port>.`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
