/**
 * One request to a page, as the classifier sees it: what a server log line, the tracker or a
 * share-link redirect knows about a visit. Everything here is untrusted input.
 */
export interface Hit {
  /** The landing URL. Absolute, scheme-less (`example.com/a`) or path-only (`/a`) are accepted. */
  url: string;
  /** The Referer header or `document.referrer`; `-`, empty or host-only values are accepted. */
  referrer?: string | null;
  /** The User-Agent header. Absent means "unknown"; present but empty or `-` means a script. */
  user_agent?: string | null;
  /** HTTP method; defaults to GET. */
  method?: string | null;
  /** Flags only the browser can see, reported by the tracker (e.g. `telegram_webview`). */
  client?: ClientSignals | null;
  /** ISO-8601 time of the hit; carried through, not used by the rules. */
  time?: string | null;
  /**
   * The share token the visitor arrived with, as the tracker reports it (fragments never reach
   * servers); when absent, the URL's fragment is read instead.
   */
  share_token?: string | null;
  /**
   * The channel the sharer's share button stamped next to the token (`pc=whatsapp` in the
   * fragment): it names the app when neither referrer nor user agent does.
   */
  share_channel?: string | null;
  /**
   * Whether the share token in the URL was minted by this same visitor (same daily hash):
   * `true` = a revisit by the sharer, `false` = verified share, absent = unverified.
   */
  share_self?: boolean | null;
}

/** Client-side signals the tracker reports; unknown keys are ignored. */
export interface ClientSignals {
  telegram_webview?: boolean;
  [flag: string]: unknown;
}
