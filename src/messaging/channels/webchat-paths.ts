// The web chat HTTP paths, shared by the widget (browser, no dependencies) and the hub routes.
// Kept apart from webchat-protocol.ts so the widget bundle never pulls zod in.

/** POST → WebchatSession: a new anonymous chat session and its token. */
export const WEBCHAT_SESSIONS_PATH = '/webchat/sessions';
/** POST a WebchatClientMessage; GET `?after=<seq>&wait=<s>` → WebchatPollResponse (long poll). */
export const WEBCHAT_MESSAGES_PATH = '/webchat/messages';
/** Longest a poll may be held open, in seconds (below common proxy idle timeouts of 30 s+). */
export const WEBCHAT_MAX_WAIT_S = 25;
