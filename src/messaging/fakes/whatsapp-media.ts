/**
 * Media held by the WhatsApp fake and its two-step download (research/messaging.md §1.1.6):
 * `GET /{version}/{media-id}` gives a URL that expires (5 minutes at Meta), and that URL only
 * answers with the Bearer token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FakeResponse } from './fake-http-server.ts';
import { graphError } from './graph-errors.ts';
import type { Clock } from './token-bucket.ts';

export interface StoredMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  sha256: string;
}

export class WhatsAppMediaStore {
  private readonly media = new Map<string, StoredMedia>();
  private readonly tokens = new Map<string, { id: string; expiresAt: number }>();

  constructor(
    private readonly now: Clock,
    private readonly ttlMs: number,
  ) {}

  add(bytes: Buffer, mimeType = 'image/jpeg'): StoredMedia {
    const id = String(1_000_000_000_000 + this.media.size + 1);
    const item = { id, bytes, mimeType, sha256: createHash('sha256').update(bytes).digest('hex') };
    this.media.set(id, item);
    return item;
  }

  /** `GET /{version}/{media-id}`: metadata plus a short-lived download URL on the fake. */
  describe(id: string, baseUrl: string): FakeResponse {
    const item = this.media.get(id);
    if (!item) return graphError(100, { message: `(#100) Unknown media id ${id}.` });
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { id, expiresAt: this.now() + this.ttlMs });
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        url: `${baseUrl}/media/${token}`,
        mime_type: item.mimeType,
        sha256: item.sha256,
        file_size: String(item.bytes.length),
        id,
      },
    };
  }

  /** `GET /media/{token}` (the caller has already checked the Bearer token). */
  download(token: string): FakeResponse {
    const entry = this.tokens.get(token);
    const item = entry && entry.expiresAt > this.now() ? this.media.get(entry.id) : undefined;
    if (!item) return graphError(100, { status: 404, message: 'Media URL expired or unknown.' });
    return { status: 200, body: item.bytes, headers: { 'content-type': item.mimeType } };
  }
}
