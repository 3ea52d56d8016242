/** How long after viewing a page a preview fetch from the same device counts as that viewer's share. */
export const SHARER_WINDOW_MS = 30 * 60 * 1000;
const MAX_VIEWS = 200_000;

/**
 * Recent page views by (site, device, path): when WhatsApp, iMessage or Signal fetch a preview
 * from the sender's own device, the device's daily hash (site + IP, in memory only) matches the
 * sharer's view of the page — a cookieless "this viewer just shared this page via app X"
 * (research/measurement.md §3 point 4).
 */
export function createRecentViews() {
  const views = new Map<string, { ts: number; token: string }>();
  const key = (siteId: string, deviceId: string, path: string) => `${siteId}|${deviceId}|${path}`;
  return {
    remember(siteId: string, deviceId: string, path: string, token: string, ts: number): void {
      if (views.size >= MAX_VIEWS) views.delete(views.keys().next().value!);
      views.set(key(siteId, deviceId, path), { ts, token });
    },
    /** The view token of the visitor's recent view of this page, if any. */
    sharerView(siteId: string, deviceId: string, path: string, now: number): string | null {
      const view = views.get(key(siteId, deviceId, path));
      return view && now - view.ts <= SHARER_WINDOW_MS && now >= view.ts ? view.token : null;
    },
  };
}

export type RecentViews = ReturnType<typeof createRecentViews>;
