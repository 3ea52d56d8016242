import type { ProviderPayload } from '../types.ts';

export interface ProviderReply {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  text: string;
}

export type ProviderCall = { ok: true; reply: ProviderReply } | { ok: false; networkError: string };

export interface CallProviderOptions {
  baseUrl: string;
  /** Prepended to the payload path but kept out of it, so payloads never carry secrets. */
  pathPrefix?: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * One HTTP call to a provider API. Network failures and timeouts come back as values (the caller
 * classifies them as retryable); the error text never includes request headers (tokens).
 */
export async function callProvider(
  payload: ProviderPayload,
  options: CallProviderOptions,
): Promise<ProviderCall> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${options.pathPrefix ?? ''}${payload.path}`;
  try {
    const response = await fetch(url, {
      method: payload.method,
      headers: { 'content-type': payload.contentType, ...options.headers },
      body: payload.method === 'GET' ? undefined : payload.body,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    return {
      ok: true,
      reply: { status: response.status, headers: response.headers, json: parseJson(text), text },
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return { ok: false, networkError: name === 'TimeoutError' ? 'timeout' : `network: ${name}` };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Narrow an unknown JSON value to a plain object (for reading provider error bodies). */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
