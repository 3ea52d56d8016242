import { createHmac } from 'node:crypto';
import type {
  ConsentRecord,
  Contact,
  ContactExport,
  HubStore,
  JsonValue,
} from '../../store/index.ts';
import { type ConsentView, consentView } from '../policy/consent-status.ts';
import { PURPOSES } from '../types.ts';

export interface ConsentChange {
  brandId: string;
  contact: Pick<Contact, 'id' | 'channel'>;
  /** A purpose, or `all` (STOP / START). */
  purpose: string;
  source: string;
  /** The exact text the person saw or sent, and its version (a hash or a label). */
  wording: string;
  wordingVersion: string;
  evidence: { [key: string]: JsonValue };
  at?: number;
}

export interface ConsentLedger {
  grant(change: ConsentChange): Promise<ConsentRecord>;
  /** Records the withdrawal and, at once, cancels the contact's queued messages it covers. */
  revoke(change: ConsentChange): Promise<{ record: ConsentRecord; cancelled: number }>;
  view(brandId: string, contactId: string): Promise<ConsentView>;
  /** Scopes suppressed for this address after an erasure. */
  suppressed(contact: Contact): Promise<string[]>;
  exportContact(brandId: string, contactId: string): Promise<ContactExport | null>;
  /**
   * Erases the contact; when their last word was "no" (to all or to a purpose), keeps a keyed
   * hash of the address with that scope, so a re-imported number is still not messaged.
   */
  eraseContact(brandId: string, contactId: string): Promise<boolean>;
}

export interface ConsentLedgerOptions {
  hub: HubStore;
  now?: () => number;
  /**
   * Key of the suppression hashes. Phone numbers are a small space: an unkeyed hash could be
   * reversed by trying them all, so keep this secret (config), stable across restarts.
   */
  suppressionSecret: string;
}

/** Which queued purposes a withdrawal cancels: STOP to all stops everything queued. */
const covered = (purpose: string): string[] => (purpose === 'all' ? [...PURPOSES] : [purpose]);

/** The consent ledger service over the hub store (research/messaging.md §2.1, §2.5). */
export function createConsentLedger(options: ConsentLedgerOptions): ConsentLedger {
  const { hub } = options;
  const now = options.now ?? Date.now;
  const hashOf = (contact: Contact) =>
    createHmac('sha256', options.suppressionSecret)
      .update(`${contact.channel}\n${contact.endpointId}\n${contact.userId}`)
      .digest('hex');

  const append = (change: ConsentChange, status: 'granted' | 'revoked') =>
    hub.appendConsent({
      brandId: change.brandId,
      contactId: change.contact.id,
      channel: change.contact.channel,
      purpose: change.purpose,
      status,
      at: change.at ?? now(),
      source: change.source,
      wording: change.wording,
      wordingVersion: change.wordingVersion,
      evidence: change.evidence,
    });

  return {
    grant: (change) => append(change, 'granted'),
    async revoke(change) {
      const record = await append(change, 'revoked');
      const cancelled = await hub.cancelQueued(
        change.brandId,
        change.contact.id,
        covered(change.purpose),
        { kind: 'opted_out', scope: change.purpose, consentId: record.id },
        now(),
      );
      return { record, cancelled };
    },
    async view(brandId, contactId) {
      return consentView(await hub.consentHistory(brandId, contactId));
    },
    async suppressed(contact) {
      return hub.suppressedScopes(contact.brandId, contact.channel, hashOf(contact));
    },
    exportContact: (brandId, contactId) => hub.exportContact(brandId, contactId),
    async eraseContact(brandId, contactId) {
      const contact = await hub.getContact(brandId, contactId);
      if (!contact) return false;
      const view = consentView(await hub.consentHistory(brandId, contactId));
      const scopes =
        view.allRevokedAt !== null
          ? ['all']
          : PURPOSES.filter((purpose) => view.status(purpose) === 'revoked');
      const at = now();
      return hub.eraseContact(
        brandId,
        contactId,
        scopes.map((scope) => ({
          brandId,
          channel: contact.channel,
          addressHash: hashOf(contact),
          scope,
          at,
        })),
      );
    },
  };
}
