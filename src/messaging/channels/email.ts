import { createTransport } from 'nodemailer';
import type {
  Capabilities,
  ChannelAdapter,
  OutboundMessage,
  ProviderPayload,
  RawRequest,
  SendResult,
} from '../types.ts';
import { numberedText } from './numbered-text.ts';
import { oneClickUnsubscribe, unsubscribePage } from './one-click-unsubscribe.ts';
import { createUnsubscribeToken } from './unsubscribe-token.ts';

export interface EmailOptions {
  smtp: { host: string; port: number; secure?: boolean; user?: string; pass?: string };
  /** The sending mailbox, e.g. `Recipes <recipes@brand.example>`; its address is the endpoint id. */
  from: string;
  /** Public base of the one-click route: the token is appended as `/u/<token>`. */
  unsubscribeBaseUrl: string;
  /** Optional mailto fallback of List-Unsubscribe (RFC 2369). */
  unsubscribeMailto?: string;
  unsubscribeSecret: string;
  /** RFC 8058 wants DKIM covering both List-Unsubscribe headers; nodemailer's default list lacks the -Post one. */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  defaultSubject?: string;
  now?: () => number;
}

/** The JSON body of an email ProviderPayload: what `send` hands to nodemailer. */
export interface EmailEnvelope {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export const EMAIL_CAPABILITIES: Capabilities = {
  maxButtons: 0,
  buttonTitleMax: 0,
  maxListRows: 0,
  listRowTitleMax: 0,
  textMax: 100_000,
  media: {},
};

const DKIM_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:' +
  'Content-Transfer-Encoding:In-Reply-To:References:List-Id:List-Unsubscribe:List-Unsubscribe-Post';

/**
 * Email adapter: sends through SMTP (nodemailer); on the HTTP side its only webhook is the RFC 8058
 * one-click unsubscribe POST, which `verify`/`parse` turn into a consent opt-out. Inbound mail
 * arrives over SMTP instead: see createInboundSmtp.
 */
export function createEmailAdapter(options: EmailOptions): ChannelAdapter {
  const now = options.now ?? Date.now;
  const transport = createTransport({
    host: options.smtp.host,
    port: options.smtp.port,
    secure: options.smtp.secure ?? false,
    ...(options.smtp.user
      ? { auth: { user: options.smtp.user, pass: options.smtp.pass ?? '' } }
      : {}),
    ...(options.dkim ? { dkim: { ...options.dkim, headerFieldNames: DKIM_FIELDS } } : {}),
  });
  return {
    kind: 'email',
    provider: 'smtp',
    capabilities: EMAIL_CAPABILITIES,
    // GET on the one-click URI shows a confirmation page: link scanners must not unsubscribe people.
    handshake: (request: RawRequest) => unsubscribePage(request, options.unsubscribeSecret),
    verify: (request: RawRequest) =>
      oneClickUnsubscribe(request, options.unsubscribeSecret, now()) !== undefined,
    parse(request: RawRequest) {
      const event = oneClickUnsubscribe(request, options.unsubscribeSecret, now());
      return event ? [event] : [];
    },
    render: (message) => [renderEmail(message, options, now())],
    async send(payload: ProviderPayload): Promise<SendResult> {
      try {
        const envelope = JSON.parse(payload.body) as EmailEnvelope;
        const info = await transport.sendMail(envelope);
        return { ok: true, providerMessageId: info.messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const detail = error instanceof Error ? error.message : 'SMTP failure';
        // 5xx is a permanent refusal (bad mailbox); 4xx and connection failures are worth a retry.
        if (error instanceof SyntaxError)
          return { ok: false, error: { kind: 'permanent', code: 'bad_payload' }, detail };
        // Our own relay refusing our login fails every send: stop the endpoint, not the message.
        if ((error as { code?: string }).code === 'EAUTH')
          return { ok: false, error: { kind: 'halt_sender', code: 'EAUTH' }, detail };
        if (typeof code === 'number' && code >= 500)
          return { ok: false, error: { kind: 'permanent', code: String(code) }, detail };
        return {
          ok: false,
          error: { kind: 'retry', ...(code ? { code: String(code) } : {}) },
          detail,
        };
      }
    },
  };
}

function mailbox(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/** OutboundMessage → one mail. Marketing mail gets RFC 8058 headers and a visible link. */
export function renderEmail(
  message: OutboundMessage,
  options: EmailOptions,
  issuedAt: number,
): ProviderPayload {
  const blocks = message.parts.map((part) =>
    part.type === 'text'
      ? part.text
      : part.type === 'choices'
        ? numberedText(part)
        : `${part.caption ?? part.url}\n${part.url}`,
  );
  const firstLine =
    (message.parts.find((p) => p.type === 'text')?.text ?? '').split('\n')[0]?.trim() ?? '';
  const subject =
    message.template?.params.subject ??
    (firstLine.slice(0, 78) || options.defaultSubject || 'Message');
  const headers: Record<string, string> = {};
  if (message.correlation) headers['X-Penumbra-Correlation'] = message.correlation;
  if (message.purpose === 'marketing') {
    const token = createUnsubscribeToken(options.unsubscribeSecret, {
      userId: message.to.email ?? message.to.userId,
      endpointId: mailbox(options.from),
      scope: 'marketing',
      issuedAt,
    });
    const url = `${options.unsubscribeBaseUrl.replace(/\/+$/, '')}/u/${token}`;
    const targets = [`<${url}>`];
    if (options.unsubscribeMailto)
      targets.push(`<mailto:${options.unsubscribeMailto}?subject=unsubscribe>`);
    headers['List-Unsubscribe'] = targets.join(', ');
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    // Gmail asks for a visible link in the body too, beside the one-click header.
    blocks.push(`--\nUnsubscribe: ${url}`);
  }
  const envelope: EmailEnvelope = {
    from: options.from,
    to: message.to.email ?? message.to.userId,
    subject,
    text: blocks.join('\n\n'),
    headers,
  };
  return {
    method: 'POST',
    path: '/smtp',
    contentType: 'application/json',
    body: JSON.stringify(envelope),
  };
}
