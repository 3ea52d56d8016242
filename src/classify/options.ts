/** Site-specific knobs of the classifier; every field has a safe default. */
export interface ClassifierOptions {
  /** Hosts (without `www.`) whose referrers count as internal, besides the landing URL's host. */
  siteHosts?: string[];
  /** Minimum number of non-empty path segments for the deep-link rule R7 (default 2; 0 disables). */
  deepLinkDepth?: number;
  /** Section landing pages that are never deep links (exact paths, or prefixes ending in `*`). */
  sectionPaths?: string[];
  /** Extension: `fbclid` with no referrer ⇒ social/facebook (off by default, see measurement §5.2). */
  fbclidAsFacebook?: boolean;
  /** Distinct user agents whose UA-only verdicts are cached (default 10,000). */
  uaCacheSize?: number;
}
