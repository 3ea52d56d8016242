import type {
  Capabilities,
  ChannelAdapter,
  ChannelKind,
  InboundEvent,
  OutboundMessage,
  ProviderPayload,
  RawRequest,
  SendResult,
} from '../types.ts';

/**
 * A small in-process ChannelAdapter for the hub's own tests: it records every send, answers
 * scripted results, and takes webhooks as `{"events": [...]}` signed with a fixed header. The
 * real adapters (channels/) and fake providers (fakes/) are exercised in the integration tests.
 */
export interface RecordingAdapter extends ChannelAdapter {
  readonly sent: { payload: ProviderPayload; message: OutboundMessage }[];
  /** Results for the next sends, in order; afterwards every send succeeds. */
  script(...results: SendResult[]): void;
  /** Milliseconds each send takes (to observe concurrency). */
  latencyMs: number;
  inFlight: number;
  maxInFlight: number;
}

export const TEST_SIGNATURE = 'x-test-signature';

export function createRecordingAdapter(
  kind: ChannelKind = 'webchat',
  window?: Capabilities['window'],
): RecordingAdapter {
  const scripted: SendResult[] = [];
  const sent: RecordingAdapter['sent'] = [];
  let counter = 0;
  const adapter: RecordingAdapter = {
    kind,
    provider: kind === 'whatsapp' || kind === 'messenger' ? 'meta' : 'native',
    capabilities: {
      maxButtons: 3,
      buttonTitleMax: 20,
      maxListRows: 10,
      listRowTitleMax: 24,
      textMax: 4096,
      media: {},
      ...(window ? { window } : {}),
    },
    sent,
    latencyMs: 0,
    inFlight: 0,
    maxInFlight: 0,
    script(...results) {
      scripted.push(...results);
    },
    verify: (request: RawRequest) => request.headers[TEST_SIGNATURE] === 'ok',
    parse: (request: RawRequest) =>
      (JSON.parse(request.body.toString('utf8')) as { events: InboundEvent[] }).events,
    render(message) {
      return [
        {
          method: 'POST',
          path: `/send/${message.to.userId}`,
          contentType: 'application/json',
          body: JSON.stringify(message),
        },
      ];
    },
    async send(payload) {
      adapter.inFlight++;
      adapter.maxInFlight = Math.max(adapter.maxInFlight, adapter.inFlight);
      try {
        if (adapter.latencyMs > 0) await new Promise((r) => setTimeout(r, adapter.latencyMs));
        const next = scripted.shift();
        if (next && !next.ok) return next;
        sent.push({ payload, message: JSON.parse(payload.body) as OutboundMessage });
        return next ?? { ok: true, providerMessageId: `pm-${++counter}` };
      } finally {
        adapter.inFlight--;
      }
    },
  };
  return adapter;
}

/** A signed test webhook carrying these events. */
export function testWebhook(events: InboundEvent[], signature = 'ok'): RawRequest {
  return {
    method: 'POST',
    url: 'https://hub.example/hooks/test',
    headers: { [TEST_SIGNATURE]: signature, 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ events })),
  };
}
