/**
 * The messaging hub's pages of a site (`#/site/<domain>/<view>`). In a file of its own, with no
 * imports, so route.ts can read it without a cycle through the views.
 */
export const MESSAGING_VIEWS = ['inbox', 'dead-letters', 'communities'] as const;
export type MessagingView = (typeof MESSAGING_VIEWS)[number];
