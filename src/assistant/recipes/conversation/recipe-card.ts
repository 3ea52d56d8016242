import type { OutboundPart } from '../../../messaging/types.ts';
import type { Recipe } from '../catalogue/recipe.ts';
import type { Lexicon } from '../lexicon/lexicon.ts';
import type { Suggestion } from '../ranking/rank-recipes.ts';
import { fill, type Messages } from './messages.ts';

/** One line explaining a suggestion: time, what the person has, what is missing, swaps. */
export function explain(
  suggestion: Suggestion<Recipe>,
  text: Messages,
  names: (ids: string[]) => string,
): string {
  const parts: string[] = [];
  if (suggestion.recipe.totalMinutes !== undefined)
    parts.push(fill(text.minutes, { n: suggestion.recipe.totalMinutes }));
  parts.push(fill(text.have, { items: names(suggestion.have) || text.nothing }));
  if (suggestion.swaps.length > 0)
    parts.push(
      ...suggestion.swaps.map((s) =>
        fill(text.swap, { use: names([s.use]), need: names([s.need]) }),
      ),
    );
  parts.push(fill(text.missing, { items: names(suggestion.missing) || text.nothing }));
  return parts.join(' · ');
}

/**
 * The recipe card: title and explanation, ingredients, steps, and the tracked share link
 * (obtained by the caller through `shareLink`, so forwards of the card are measured).
 */
export function recipeCard(
  suggestion: Suggestion<Recipe>,
  trackedUrl: string,
  text: Messages,
  lexicon: Lexicon,
  language: 'fr' | 'en' | 'es',
): OutboundPart[] {
  const names = (ids: string[]) => ids.map((id) => lexicon.label(id, language)).join(', ');
  const { recipe } = suggestion;
  const header = [recipe.title];
  if (recipe.servings !== undefined) header.push(fill(text.servings, { n: recipe.servings }));
  const body = [
    `*${header.join(' — ')}*`,
    explain(suggestion, text, names),
    '',
    `${text.ingredients}:`,
    ...recipe.lines.map((line) => `• ${line.text}`),
    '',
    `${text.steps}:`,
    ...recipe.steps.map((step, i) => `${i + 1}. ${step}`),
    '',
    fill(text.link, { url: trackedUrl }),
  ].join('\n');
  const parts: OutboundPart[] = [];
  if (recipe.image)
    parts.push({ type: 'media', url: recipe.image, mime: 'image/jpeg', caption: recipe.title });
  parts.push({ type: 'text', text: body });
  return parts;
}
