/**
 * Single-word STOP / START / HELP keywords (research/messaging.md §2.2), English, French, Spanish.
 *
 * Why whole messages only: carriers and Twilio trigger on single-word messages ("STOP PLEASE"
 * does not block, Twilio FAQ [P]); a sentence like "please stop sending recipes I love them" is
 * not an opt-out. Such sentences are flagged `review` instead, so a person can look at them
 * (TextAnywhere advice, §2.2) without the ledger changing.
 *
 * YES re-subscribes on SMS only (keyword-consent.ts): in a chat it mostly answers a question.
 *
 * Choices beyond the cited lists, made for this platform: DESABONNER and ALTO (not found in any
 * source, accepted as platform words); Spanish NO is left out although some vendors use it,
 * because on a chat channel "no" answers questions far more often than it opts out.
 */
export type ConsentKeywordAction = 'opt_out' | 'opt_in' | 'help';

export type ConsentKeywordMatch =
  | { action: ConsentKeywordAction; keyword: string }
  /** Several words, one of them a strong opt-out word: surface to a human, change nothing. */
  | { action: 'review'; keyword: string };

const OPT_OUT = [
  // Carrier/Twilio defaults [P]; AWS required list adds OPTOUT/OPT-OUT, REMOVE, TD, ARRET [P].
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REMOVE',
  'TD',
  // French: Twilio Proxy list ARRET/ARRETT/ARRETE [P]; DESABONNER is a platform choice [U].
  'ARRET',
  'ARRETT',
  'ARRETE',
  'DESABONNER',
  'DESINSCRIRE',
  // Spanish: vendor lists (notifycame, Aivo) [S]; ALTO is a platform choice.
  'BAJA',
  'PARAR',
  'CANCELAR',
  'DETENER',
  'DESUSCRIBIR',
  'ALTO',
];
// Carrier/Twilio defaults [P]; no French or Spanish opt-in words were found in the sources.
const OPT_IN = ['START', 'UNSTOP', 'YES'];
const HELP = ['HELP', 'INFO', 'AIDE', 'AYUDA'];
/** Stems that, inside a longer message, still deserve a human look ("arrêtez", "unsubscribing"). */
const REVIEW = [
  'STOP',
  'UNSUBSCRIB',
  'OPTOUT',
  'ARRET',
  'DESABONN',
  'DESINSCRI',
  'BAJA',
  'DESUSCRIB',
];

const ACTIONS = new Map<string, ConsentKeywordAction>([
  ...OPT_OUT.map((word) => [word, 'opt_out'] as const),
  ...OPT_IN.map((word) => [word, 'opt_in'] as const),
  ...HELP.map((word) => [word, 'help'] as const),
]);

/** Upper case, accents stripped (ARRÊT → ARRET), joining marks removed (OPT-OUT → OPTOUT). */
function normalise(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[-_.'’]/g, '');
}

/** Match a whole inbound text; undefined when it is neither a keyword nor worth a review. */
export function matchConsentKeyword(text: string): ConsentKeywordMatch | undefined {
  // Surrounding punctuation, emoji and whitespace do not count ("Stop!", " stop. ", "🛑 STOP").
  const trimmed = text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (trimmed.length === 0) return undefined;
  const words = trimmed
    .split(/[^\p{L}\p{N}\-_.'’]+/u)
    .map(normalise)
    .filter(Boolean);
  // "OPT OUT" and "STOP ALL" are the two-word spellings of single keywords.
  const single = words.length <= 2 ? words.join('') : '';
  const action = ACTIONS.get(single);
  if (action && (words.length === 1 || action === 'opt_out')) return { action, keyword: single };
  const strong = words.find((word) => REVIEW.some((stem) => word.startsWith(stem)));
  return strong ? { action: 'review', keyword: strong } : undefined;
}
