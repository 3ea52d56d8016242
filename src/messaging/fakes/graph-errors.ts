/**
 * Meta Graph API error bodies, shared by the WhatsApp and Messenger fakes: clients classify
 * errors on `error.code` / `error.error_subcode`, so the envelope must be the real one.
 */
import { randomBytes } from 'node:crypto';
import { DROP_CONNECTION, type FakeResponse, type ScriptedFault } from './fake-http-server.ts';

export interface GraphErrorSpec {
  code: number;
  message: string;
  status?: number;
  subcode?: number;
  title?: string;
  details?: string;
  type?: string;
}

/** Messages and titles per code (research §1.1.10–1.1.11, §1.3; Meta error-code page). */
export const GRAPH_ERRORS: Record<number, Omit<GraphErrorSpec, 'code'>> = {
  1: { message: 'An unknown error occurred', status: 500 },
  2: { message: 'Service temporarily unavailable', status: 503 },
  10: { message: '(#10) This message is sent outside of allowed window.', status: 400 },
  100: { message: '(#100) Invalid parameter', status: 400 },
  131009: { message: '(#131009) Parameter value is not valid', status: 400 },
  130429: {
    message: '(#130429) Rate limit hit',
    status: 400,
    details: 'Cloud API message throughput has been reached.',
  },
  131026: { message: '(#131026) Message undeliverable', status: 400 },
  131047: {
    message: '(#131047) Re-engagement message',
    status: 400,
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131048: { message: '(#131048) Spam rate limit hit', status: 400 },
  131049: {
    message: '(#131049) This message was not delivered to maintain healthy ecosystem engagement.',
    status: 400,
  },
  131050: {
    message: '(#131050) Unable to deliver message. User has stopped marketing messages from you.',
    status: 400,
  },
  131056: {
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    status: 400,
    details:
      'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  131057: { message: '(#131057) Account in maintenance mode', status: 400 },
  132001: { message: '(#132001) Template name does not exist in the translation', status: 404 },
  190: { message: 'Invalid OAuth access token - Cannot parse access token', status: 401 },
  551: { message: "(#551) This person isn't available right now.", status: 400 },
  613: { message: '(#613) Calls to this api have exceeded the rate limit.', status: 400 },
};

export function graphError(
  code: number,
  overrides: Partial<GraphErrorSpec> = {},
  whatsapp = true,
): FakeResponse {
  const known = GRAPH_ERRORS[code];
  const message = overrides.message ?? known?.message ?? `(#${code}) Error`;
  const details = overrides.details ?? known?.details ?? message;
  const subcode = overrides.subcode ?? known?.subcode;
  const error: Record<string, unknown> = {
    message,
    type: overrides.type ?? 'OAuthException',
    code,
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
    ...(whatsapp && code !== 190 ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
    fbtrace_id: randomBytes(9).toString('base64url'),
  };
  return { status: overrides.status ?? known?.status ?? 400, body: { error } };
}

/** Graph accepts the token as `Authorization: Bearer` or as the `access_token` query parameter. */
export function graphTokenOf(
  authorization: string | undefined,
  query: URLSearchParams,
): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
  return query.get('access_token') ?? undefined;
}

/**
 * The answer to a scripted fault: its Graph code, or for a bare HTTP status the generic codes
 * Graph uses (2 "service temporarily unavailable" for 503, 1 "unknown error" otherwise).
 */
export function graphFaultResponse(
  fault: ScriptedFault,
  whatsapp: boolean,
): { code: number; response: FakeResponse } {
  const code = fault.code ?? (fault.status === 503 ? 2 : 1);
  if (fault.drop) return { code, response: DROP_CONNECTION };
  const overrides: Partial<GraphErrorSpec> = {};
  if (fault.status !== undefined) overrides.status = fault.status;
  if (fault.subcode !== undefined) overrides.subcode = fault.subcode;
  if (fault.message !== undefined) overrides.message = fault.message;
  return { code, response: graphError(code, overrides, whatsapp) };
}
