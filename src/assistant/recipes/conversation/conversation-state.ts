import { z } from 'zod';
import type { Language } from '../lexicon/lexicon.ts';
import { DIETS, type Diet } from '../ranking/rank-recipes.ts';

/**
 * What the engine remembers about one contact between messages: plain JSON, so the hub can
 * store it in any state store.
 */
export interface RecipeConversationState {
  version: 1;
  /** Detected from the person's messages, then kept. */
  language: Language;
  greeted: boolean;
  have: string[];
  without: string[];
  diets: Diet[];
  maxMinutes?: number;
  /** Recipe ids already suggested, so "another one" brings new ones. */
  shown: string[];
  /** The recipe ids of the last list, in order, so a typed "2" picks the second. */
  lastChoices: string[];
  /** Ingredients read from a photo, waiting for the person to confirm them. */
  pendingPhoto: string[];
}

export function newConversationState(language: Language = 'en'): RecipeConversationState {
  return {
    version: 1,
    language,
    greeted: false,
    have: [],
    without: [],
    diets: [],
    shown: [],
    lastChoices: [],
    pendingPhoto: [],
  };
}

const ids = z.array(z.string()).max(500);
const stateSchema = z.object({
  version: z.literal(1),
  language: z.enum(['fr', 'en', 'es']),
  greeted: z.boolean(),
  have: ids,
  without: ids,
  diets: z.array(z.enum(DIETS)),
  maxMinutes: z.number().int().min(0).optional(),
  shown: ids,
  lastChoices: ids,
  pendingPhoto: ids,
});

/**
 * Reads a stored state; anything that does not fit (another version, a hand-edited row) starts
 * a fresh conversation instead of failing the message.
 */
export function readConversationState(stored: unknown): RecipeConversationState | undefined {
  const parsed = stateSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  const state: RecipeConversationState = { ...parsed.data };
  if (parsed.data.maxMinutes === undefined) delete state.maxMinutes;
  return state;
}
