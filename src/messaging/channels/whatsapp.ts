import type {
  ChannelAdapter,
  MediaContent,
  MediaRef,
  ProviderPayload,
  RawRequest,
  SendResult,
} from '../types.ts';
import { asRecord, callProvider } from './call-provider.ts';
import { fetchMedia } from './fetch-media.ts';
import { metaHandshake } from './meta-handshake.ts';
import { verifyMetaSignature } from './meta-signature.ts';
import { classifyWhatsAppError } from './whatsapp-errors.ts';
import { parseWhatsAppWebhook } from './whatsapp-parse.ts';
import { renderWhatsApp, WHATSAPP_CAPABILITIES } from './whatsapp-render.ts';

export interface WhatsAppOptions {
  /** https://graph.facebook.com in production; a local fake in tests and the demo. */
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  /** System-user access token (Bearer). */
  accessToken: string;
  /** App secret: the key of X-Hub-Signature-256. */
  appSecret: string;
  /** The string typed in the App Dashboard for the GET handshake. */
  verifyToken: string;
  timeoutMs?: number;
  maxMediaBytes?: number;
}

export interface WhatsAppAdapter extends ChannelAdapter {
  /** Media id → short-lived URL (5 min) → Bearer GET of the bytes, checked against sha256. */
  fetchMedia(ref: MediaRef): Promise<MediaContent>;
}

/** WhatsApp Business Cloud API adapter (research §1.1). */
export function createWhatsAppAdapter(options: WhatsAppOptions): WhatsAppAdapter {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const auth = { authorization: `Bearer ${options.accessToken}` };
  return {
    kind: 'whatsapp',
    provider: 'meta',
    capabilities: WHATSAPP_CAPABILITIES,
    handshake: (request: RawRequest) => metaHandshake(request, options.verifyToken),
    verify: (request: RawRequest) => verifyMetaSignature(request, options.appSecret),
    parse: (request: RawRequest) => parseWhatsAppWebhook(request.body),
    render: (message) => renderWhatsApp(message, options.apiVersion, options.phoneNumberId),
    async send(payload: ProviderPayload): Promise<SendResult> {
      const call = await callProvider(payload, {
        baseUrl: options.baseUrl,
        headers: auth,
        timeoutMs,
      });
      if (!call.ok) return { ok: false, error: { kind: 'retry' }, detail: call.networkError };
      const { status, json } = call.reply;
      const messages = asRecord(json).messages;
      const id = Array.isArray(messages) ? asRecord(messages[0]).id : undefined;
      if (status >= 200 && status < 300 && typeof id === 'string')
        return { ok: true, providerMessageId: id };
      const error = asRecord(asRecord(json).error);
      const code = typeof error.code === 'number' ? error.code : undefined;
      const detail = typeof error.message === 'string' ? error.message : `HTTP ${status}`;
      return { ok: false, error: classifyWhatsAppError(code, status), detail };
    },
    fetchMedia: (ref) => downloadMedia(options, ref.id, timeoutMs),
  };
}

async function downloadMedia(
  options: WhatsAppOptions,
  mediaId: string,
  timeoutMs: number,
): Promise<MediaContent> {
  const headers = { authorization: `Bearer ${options.accessToken}` };
  const base = options.baseUrl.replace(/\/+$/, '');
  const lookup = `${base}/${options.apiVersion}/${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(options.phoneNumberId)}`;
  const info = await fetch(lookup, {
    headers,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  if (!info.ok)
    throw new Error(`WhatsApp media ${mediaId}: lookup failed with HTTP ${info.status}`);
  const meta = asRecord(await info.json().catch(() => undefined));
  if (typeof meta.url !== 'string')
    throw new Error(`WhatsApp media ${mediaId}: no url in the lookup answer`);
  // The URL is valid 5 minutes and needs the same Bearer token (a plain GET gets nothing).
  return fetchMedia(meta.url, {
    headers,
    baseUrl: base,
    maxBytes: options.maxMediaBytes ?? 100 * 1024 * 1024,
    timeoutMs,
    ...(typeof meta.sha256 === 'string' ? { expectedSha256: meta.sha256 } : {}),
    ...(typeof meta.mime_type === 'string' ? { mime: meta.mime_type } : {}),
  });
}
