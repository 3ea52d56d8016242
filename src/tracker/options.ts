/**
 * A flag is on when present: the script tag's attribute (`data-allow-local` gives '') or `true`
 * from code. Leave it out (or `undefined`) to turn it off; there is no `false`, which keeps
 * the tracker's check a single `!= null`.
 */
export type Flag = true | string;

/**
 * Tracker options. The script tag passes its `dataset` as is, so each name is the camelCase of
 * a `data-*` attribute (`data-allow-local` → `allowLocal`).
 */
export interface TrackerOptions {
  /** The site's domain as registered in Penumbra (`data-site`); defaults to `location.hostname`. */
  site?: string;
  /**
   * Base URL of the Penumbra server (`data-api`, e.g. `https://penumbra.example` or a proxied
   * `/penumbra`): events go to `{api}/api/event`, share buttons to `{api}/share/…`. The script
   * defaults it to its own origin; the ES module to the page's origin.
   */
  api?: string;
  /** `'off'` keeps the viewer's token out of the address bar (`data-address-bar="off"`). */
  addressBar?: string;
  /** Rewrite copied text to end with a tokened link (`data-copy-link`); opt-in. */
  copyLink?: Flag;
  /** Track on localhost, 127.0.0.1 and file: (`data-allow-local`). */
  allowLocal?: Flag;
  /** Track browsers driven by automation, `navigator.webdriver` (`data-allow-automation`). */
  allowAutomation?: Flag;
  /** Send nothing when Do Not Track or Global Privacy Control is on (`data-respect-dnt`). */
  respectDnt?: Flag;
  /** Facebook app id, needed by Messenger's desktop send dialog (`data-fb-app-id`). */
  fbAppId?: string;
}
