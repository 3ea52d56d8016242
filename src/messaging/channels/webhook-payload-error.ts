/**
 * A verified webhook whose body is not the shape the provider documents. The route answers 400
 * with `message` (no payload echo: bodies carry personal data).
 */
export class WebhookPayloadError extends Error {
  constructor(provider: string, detail: string) {
    super(`${provider} webhook body not understood: ${detail}`);
    this.name = 'WebhookPayloadError';
  }
}

/** JSON.parse of a raw body, or a WebhookPayloadError. */
export function parseJsonBody(provider: string, body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookPayloadError(provider, 'not JSON');
  }
}
