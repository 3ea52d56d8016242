import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Classifier, createClassifier } from '../classify/index.ts';
import { type Classification, nestedMap } from '../core/index.ts';
import type { EventStore, ShareLink, StateStore } from '../store/index.ts';
import { compactClickLine } from './click-event.ts';
import { type DurableLog, openDurableLog } from './durable-log.ts';
import { parseTrackerPayload } from './payload-schema.ts';
import { DROP_REASONS, type DropReason, type RequestMeta, runPipeline } from './pipeline.ts';
import { createPipelineSteps } from './pipeline-steps.ts';
import { type ServerHit, toPreviewEvent } from './preview-event.ts';
import { createRecentViews } from './recent-views.ts';
import { createSessionTracker } from './session-tracker.ts';
import { COLLECTOR_STREAM, createStoreWriter } from './store-writer.ts';
import { createVisitorHasher } from './visitor-hash.ts';

export interface CollectorOptions {
  events: EventStore;
  state: StateStore;
  /** Directory of the durable ingest log. */
  logDir: string;
  fsync: 'always' | 'never';
  /** Accepted-but-unstored events above which the collector answers 503. */
  maxBacklog: number;
  rateLimitPerSecond: number;
  flushIntervalMs?: number;
  onError?: (error: Error) => void;
}

export type CollectResult =
  | { status: 202; dropped?: DropReason }
  | { status: 400; reason: string }
  | { status: 503; reason: string; retryAfterSeconds: number };

/**
 * The collector: validate → pipeline → durable log → 202. An event is acknowledged only after
 * its record is on disk; a background writer loads the log into the event store a sealed segment
 * at a time, with its position, and on start-up everything after the stored position is replayed.
 */
export async function createCollector(options: CollectorOptions) {
  const { events, state } = options;
  const checkpoint = await events.checkpoint(COLLECTOR_STREAM);
  const log: DurableLog = await openDurableLog({
    dir: options.logDir,
    fsync: options.fsync,
    checkpoint,
  });
  let rejected = 0;
  const writer = createStoreWriter({
    store: events,
    log,
    intervalMs: options.flushIntervalMs,
    onError: options.onError,
    onRejected: (event, error) => {
      rejected++;
      appendFileSync(
        join(options.logDir, 'rejected.jsonl'),
        `${JSON.stringify({ error: error.message, event })}\n`,
      );
    },
  });
  const replayed = log.recovered.reduce((sum, piece) => sum + piece.records, 0);
  writer.noteRecovered(replayed);

  const bootId = randomBytes(4).toString('hex');
  let sequence = 0;
  const newEventId = () => `${bootId}${(sequence++).toString(36).padStart(8, '0')}`;
  const hasher = createVisitorHasher(state);
  const recentViews = createRecentViews();
  const steps = createPipelineSteps({
    state,
    hasher,
    sessions: createSessionTracker(),
    rateLimitPerSecond: options.rateLimitPerSecond,
    newEventId,
    recentViews,
  });
  const serverClassifiers = new Map<string, Classifier>();
  let previews = 0;
  let clicks = 0;
  // One click per visitor per link per hour is unique (Dub's rule); the rest are repeats.
  // Nested by link code and visitor (see nestedMap).
  let lastClick = new Map<string, Map<string, number>>();
  let clickers = 0;
  const drops = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<
    DropReason,
    number
  >;
  let accepted = 0;
  let invalid = 0;

  function storeClick(
    link: ShareLink,
    hit: ServerHit,
    token: string,
    classification: Classification,
    visitorId: string,
  ): void {
    const last = lastClick.get(link.code)?.get(visitorId);
    const unique = last === undefined || hit.now - last >= 3_600_000;
    if (unique) {
      if (clickers >= 100_000) {
        lastClick = new Map();
        clickers = 0;
      }
      nestedMap(lastClick, link.code).set(visitorId, hit.now);
      clickers++;
    }
    const click = {
      link,
      token,
      userAgent: hit.userAgent,
      visitorId,
      classification,
      unique,
      now: hit.now,
    };
    const { line, variant } = compactClickLine(click, newEventId());
    log.writeRecord(line, variant);
    writer.noteAppended();
    clicks++;
  }

  return {
    replayed,
    async collect(body: string, request: RequestMeta): Promise<CollectResult> {
      const parsed = parseTrackerPayload(body);
      if (!parsed.ok) {
        invalid++;
        return { status: 400, reason: parsed.reason };
      }
      if (writer.backlog >= options.maxBacklog) {
        return {
          status: 503,
          reason: 'event store is behind; retry shortly',
          retryAfterSeconds: 2,
        };
      }
      const result = await runPipeline(steps, { payload: parsed.payload, request });
      if ('dropped' in result) {
        drops[result.dropped]++;
        return { status: 202, dropped: result.dropped };
      }
      await log.append(result.event!);
      writer.noteAppended();
      accepted++;
      void hasher
        .pruneSalts(request.now)
        .catch((error: unknown) => options.onError?.(error as Error));
      return { status: 202 };
    },
    /**
     * Records a link-preview fetch seen server-side (logs, middleware, share links) as a
     * `preview` event; returns false when the hit was not a preview or the site is unknown.
     */
    async collectPreview(siteDomain: string, hit: ServerHit): Promise<boolean> {
      const site = await state.findSiteByDomain(siteDomain);
      if (!site) return false;
      let classify = serverClassifiers.get(site.id);
      if (!classify) {
        classify = createClassifier({ siteHosts: [site.domain, ...site.settings.extraDomains] });
        serverClassifiers.set(site.id, classify);
      }
      const event = await toPreviewEvent(hit, site, classify, hasher, newEventId());
      if (!event) return false;
      // Sender-side fetchers (WhatsApp, iMessage, Signal) come from the sharer's own device.
      const sharerView = event.visitor_id
        ? recentViews.sharerView(
            site.id,
            await hasher.deviceId(site.id, hit.ip, hit.now),
            event.path,
            event.ts,
          )
        : null;
      if (sharerView) event.props = JSON.stringify({ sharer_view: sharerView });
      await log.append(event);
      writer.noteAppended();
      previews++;
      return true;
    },
    /**
     * Records a person's click on a share link, called once the redirect has gone out. Returns
     * at once: synchronous while the day's salt is loaded, otherwise it finishes in the
     * background; a failure goes to `onError`.
     */
    recordClick(
      link: ShareLink,
      hit: ServerHit,
      token: string,
      classification: Classification,
    ): void {
      const ready = hasher.visitorIdIfReady(link.siteId, hit.ip, hit.userAgent, hit.now);
      if (ready !== undefined) {
        try {
          storeClick(link, hit, token, classification, ready);
        } catch (error) {
          options.onError?.(error as Error);
        }
        return;
      }
      hasher
        .visitorId(link.siteId, hit.ip, hit.userAgent, hit.now)
        .then((visitorId) => storeClick(link, hit, token, classification, visitorId))
        .catch((error: unknown) => options.onError?.(error as Error));
    },
    stats() {
      return {
        accepted,
        previews,
        clicks,
        invalid,
        rejected,
        dropped: { ...drops },
        backlog: writer.backlog,
        replayed,
      };
    },
    /** Stores everything accepted so far (tests, shutdown). */
    flush: () => writer.flush(),
    async close(): Promise<void> {
      // The writer seals and stores the last segment before the log closes its file.
      await writer.stop();
      await log.close();
    },
  };
}

export type Collector = Awaited<ReturnType<typeof createCollector>>;
