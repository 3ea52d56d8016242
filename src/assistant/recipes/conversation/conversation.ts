import type { InboundPart, OutboundPart } from '../../../messaging/types.ts';
import type { Recipe } from '../catalogue/recipe.ts';
import { extractIngredients } from '../extract-ingredients.ts';
import { defaultLexicon, type Language, type Lexicon } from '../lexicon/lexicon.ts';
import type { Suggestion } from '../ranking/rank-recipes.ts';
import { RecipeIndex } from '../ranking/recipe-index.ts';
import { DEFAULT_SUBSTITUTIONS } from '../ranking/substitutions.ts';
import {
  newConversationState,
  type RecipeConversationState,
  readConversationState,
} from './conversation-state.ts';
import { detectLanguage } from './detect-language.ts';
import { diversify } from './diversify.ts';
import { readFollowUp } from './follow-up-intents.ts';
import { fill, MESSAGES, type Messages } from './messages.ts';
import { explain, recipeCard } from './recipe-card.ts';

export type PhotoPart = Extract<InboundPart, { type: 'media' }>;

export interface RecipeAssistantOptions {
  /** The brand's catalogue, or an index over it (faster for large catalogues). */
  catalogue: readonly Recipe[] | RecipeIndex<Recipe>;
  /** Turns a recipe URL into a tracked share link (src/links), so forwards are measured. */
  shareLink: (url: string) => Promise<string>;
  /** Reads ingredient ids from a photo (see `recognizePhoto`); absent → photos are declined. */
  recognizePhoto?: (part: PhotoPart, language: Language) => Promise<string[]>;
  /** Where a recipe without its own canonical URL lives. */
  recipeUrl?: (recipe: Recipe) => string;
  brand?: string;
  staples?: readonly string[];
  /**
   * Suggest recipes in any language. By default a contact only gets recipes in their language
   * when the catalogue has some (a French speaker gets no Spanish card), else any.
   */
  allLanguages?: boolean;
  /** How many ideas per list (WhatsApp lists hold 10 rows; 3 reads well everywhere). */
  choices?: number;
  lexicon?: Lexicon;
}

export interface RecipeTurn {
  replies: OutboundPart[];
  state: RecipeConversationState;
}

const CHOICE_RECIPE = 'recipe:';
const CHOICE_MORE = 'more';
const CHOICE_PHOTO_YES = 'photo:yes';
const CHOICE_PHOTO_NO = 'photo:no';

/**
 * Handles one inbound message of the recipe assistant, channel-neutral: reads the parts
 * (text, choice replies, photos) against the stored state and returns the replies and the new
 * state. Pure apart from the injected `shareLink` and `recognizePhoto`.
 */
export async function handleRecipeMessage(
  parts: readonly InboundPart[],
  storedState: unknown,
  options: RecipeAssistantOptions,
): Promise<RecipeTurn> {
  const lexicon = options.lexicon ?? defaultLexicon;
  const stored = readConversationState(storedState);
  const state: RecipeConversationState = structuredClone(stored ?? newConversationState());
  const replies: OutboundPart[] = [];
  const index =
    options.catalogue instanceof RecipeIndex
      ? options.catalogue
      : new RecipeIndex(options.catalogue, {
          lexicon,
          ...(options.staples ? { staples: options.staples } : {}),
        });
  const text = parts
    .flatMap((p) =>
      p.type === 'text' ? [p.text] : p.type === 'media' && p.caption ? [p.caption] : [],
    )
    .join('\n');
  const language = detectLanguage(text, lexicon);
  if (language && (!stored || language !== state.language)) state.language = language;
  const t: Messages = MESSAGES[state.language];
  const names = (ids: readonly string[]) =>
    ids.map((id) => lexicon.label(id, state.language)).join(', ');
  const say = (line: string) => replies.push({ type: 'text', text: line });
  if (!state.greeted) {
    state.greeted = true;
    say(fill(t.greeting, { brand: options.brand ?? 'Penumbra' }));
  }

  const ownLanguage =
    !options.allLanguages && index.recipes.some((r) => r.language === state.language);
  const rank = (): Suggestion<Recipe>[] =>
    index.rank(state.have, {
      ...(ownLanguage ? { languages: [state.language] } : {}),
      diet: state.diets,
      exclude: state.without,
      skip: state.shown,
      substitutions: DEFAULT_SUBSTITUTIONS,
      ...(state.maxMinutes === undefined ? {} : { maxMinutes: state.maxMinutes }),
    });
  const offer = (ranked: Suggestion<Recipe>[], fresh: boolean) => {
    const shownRecipes = index.recipes.filter((r) => state.shown.includes(r.id));
    const picked = fresh
      ? ranked.slice(0, options.choices ?? 3)
      : diversify(ranked, shownRecipes, options.choices ?? 3);
    if (picked.length === 0) {
      say(state.shown.length > 0 && !fresh ? t.noMore : t.noMatch);
      return;
    }
    state.lastChoices = picked.map((s) => s.recipe.id);
    state.shown.push(...state.lastChoices);
    replies.push({
      type: 'choices',
      prompt: t.suggestionsPrompt,
      options: [
        ...picked.map((s) => ({
          id: `${CHOICE_RECIPE}${s.recipe.id}`,
          title: s.recipe.title,
          description: explain(s, t, (ids) => names(ids)),
        })),
        ...(ranked.length > picked.length ? [{ id: CHOICE_MORE, title: t.moreOption }] : []),
      ],
    });
  };
  const suggestAfresh = () => {
    state.shown = [];
    offer(rank(), true);
  };
  const card = async (recipeId: string) => {
    const recipe = index.recipes.find((r) => r.id === recipeId);
    if (!recipe) return false;
    const [suggestion] = new RecipeIndex([recipe], { lexicon, idf: index.idf }).rank(state.have, {
      substitutions: DEFAULT_SUBSTITUTIONS,
    });
    const url = recipe.url ?? options.recipeUrl?.(recipe) ?? `https://recipes.invalid/${recipe.id}`;
    const tracked = await options.shareLink(url);
    const explained = suggestion ?? {
      recipe,
      score: 0,
      have: [],
      swaps: [],
      missing: recipe.ingredients,
      assumed: [],
    };
    replies.push(...recipeCard(explained, tracked, t, lexicon, state.language));
    return true;
  };
  const confirmPhoto = (accepted: boolean) => {
    if (accepted) state.have = [...new Set([...state.have, ...state.pendingPhoto])];
    else say(t.photoRejected);
    state.pendingPhoto = [];
    if (accepted) {
      say(fill(t.understood, { items: names(state.have) }));
      suggestAfresh();
    }
  };

  for (const part of parts) {
    if (part.type === 'choice') {
      if (part.choiceId.startsWith(CHOICE_RECIPE)) {
        // A stale button (a recipe since removed from the catalogue) gets the help text.
        if (!(await card(part.choiceId.slice(CHOICE_RECIPE.length)))) say(t.didNotUnderstand);
      } else if (part.choiceId === CHOICE_MORE) offer(rank(), false);
      else if (part.choiceId === CHOICE_PHOTO_YES) confirmPhoto(true);
      else if (part.choiceId === CHOICE_PHOTO_NO) confirmPhoto(false);
    } else if (part.type === 'media' && part.mediaKind === 'image') {
      const found = options.recognizePhoto
        ? await options.recognizePhoto(part, state.language).catch(() => [])
        : [];
      if (found.length === 0) say(t.photoNothing);
      else {
        // Never used before the person confirms: photo recognition is a guess.
        state.pendingPhoto = found;
        replies.push({
          type: 'choices',
          prompt: fill(t.photoSee, { items: names(found) }),
          options: [
            { id: CHOICE_PHOTO_YES, title: t.photoYes },
            { id: CHOICE_PHOTO_NO, title: t.photoNo },
          ],
        });
      }
    }
  }
  if (text.trim() !== '') await handleText(text);
  return { replies, state };

  async function handleText(message: string) {
    const follow = readFollowUp(message);
    const found = extractIngredients(message, lexicon);
    if (state.pendingPhoto.length > 0 && (follow.yes || follow.no) && found.mentions.length === 0) {
      confirmPhoto(follow.yes);
      return;
    }
    if (follow.pick !== undefined && state.lastChoices[follow.pick - 1]) {
      await card(state.lastChoices[follow.pick - 1] as string);
      return;
    }
    if (follow.restart) {
      Object.assign(state, newConversationState(state.language), { greeted: true });
      say(t.restarted);
      return;
    }
    const changedFilters =
      follow.diets.length > 0 || follow.maxMinutes !== undefined || found.without.length > 0;
    state.diets = [...new Set([...state.diets, ...follow.diets])];
    if (follow.maxMinutes !== undefined) state.maxMinutes = follow.maxMinutes;
    // Saying you have something again lifts an earlier "without" ("no eggs" … "I got eggs").
    state.without = [...new Set([...state.without, ...found.without])].filter(
      (id) => !found.have.includes(id),
    );
    state.have = [
      ...new Set([...state.have.filter((id) => !found.without.includes(id)), ...found.have]),
    ];
    if (found.have.length > 0 || changedFilters) {
      const lines = [fill(t.understood, { items: names(state.have) || t.nothing })];
      if (state.without.length > 0) lines.push(fill(t.without, { items: names(state.without) }));
      const filters = [
        ...state.diets.map((diet) => t.diets[diet]),
        ...(state.maxMinutes === undefined
          ? []
          : [`≤ ${fill(t.minutes, { n: state.maxMinutes })}`]),
      ];
      if (filters.length > 0) lines.push(fill(t.filters, { items: filters.join(', ') }));
      say(lines.join(' '));
      if (state.have.length === 0) say(t.askIngredients);
      else suggestAfresh();
      return;
    }
    if (follow.another && state.have.length > 0) {
      offer(rank(), false);
      return;
    }
    if (follow.help || !stored?.greeted) {
      if (!replies.some((r) => r.type === 'text' && r.text.includes('STOP')))
        say(t.didNotUnderstand);
      else say(t.askIngredients);
      return;
    }
    say(t.didNotUnderstand);
  }
}
