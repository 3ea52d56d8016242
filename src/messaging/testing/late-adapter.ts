import type { Capabilities, ChannelAdapter, ChannelKind, Provider } from '../types.ts';

/**
 * An adapter whose implementation is supplied after the routes exist: a provider fake needs our
 * webhook URL to start, and the real adapter needs the fake's URL (integration tests only).
 */
export function lateAdapter(
  kind: ChannelKind,
  provider: Provider,
  capabilities: Capabilities,
  get: () => ChannelAdapter,
): ChannelAdapter {
  return {
    kind,
    provider,
    capabilities,
    handshake: (request) => get().handshake?.(request),
    verify: (request) => get().verify(request),
    webhookResponse: (request) => get().webhookResponse?.(request),
    parse: (request) => get().parse(request),
    render: (message) => get().render(message),
    send: (payload) => get().send(payload),
  };
}
