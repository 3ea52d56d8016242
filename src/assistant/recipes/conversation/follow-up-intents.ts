import { normalizeText } from '../lexicon/normalize-text.ts';
import type { Diet } from '../ranking/rank-recipes.ts';

export interface FollowUp {
  another: boolean;
  diets: Diet[];
  maxMinutes?: number;
  restart: boolean;
  help: boolean;
  yes: boolean;
  no: boolean;
  /** A bare number: picks that item of the last list ("2"). */
  pick?: number;
}

const has = (text: string, pattern: RegExp) => pattern.test(` ${text} `);

/**
 * Reads the follow-ups of the conversation in fr, en and es: "another one", "vegetarian",
 * "under 20 minutes", "start over", yes/no. "Without eggs" is left to ingredient extraction.
 */
export function readFollowUp(message: string): FollowUp {
  const text = normalizeText(message);
  const diets: Diet[] = [];
  if (has(text, / (vegetarian|veggie|vegetarien|vegetarienne|vege|vegetariano|vegetariana) /))
    diets.push('vegetarian');
  if (has(text, / (vegan|vegane|vegano|vegana|vegetalien|vegetalienne) /)) diets.push('vegan');
  if (has(text, / (gluten free|sans gluten|sin gluten|glutenfree) /)) diets.push('gluten-free');
  if (has(text, / (dairy free|sans lactose|sin lactosa|sans produits laitiers|sin lacteos) /))
    diets.push('dairy-free');
  const follow: FollowUp = {
    another: has(
      text,
      / (another|other|something else|next|more|autre|encore|suivant|otra|otro|mas|siguiente) /,
    ),
    diets,
    restart: has(
      text,
      / (start over|restart|reset|recommencer|on recommence|empezar de nuevo|reiniciar|de nuevo) /,
    ),
    help: has(text, / (help|aide|ayuda) /),
    yes: has(
      text,
      /^ ?(yes|yep|yeah|right|correct|ok|oui|ouais|exact|c est ca|si|claro|correcto|vale) /,
    ),
    no: has(text, /^ ?(no|nope|non|pas du tout|incorrect|wrong) ?$/),
  };
  const minutes =
    /(?:under|less than|within|in|moins de|en moins de|menos de|en menos de|max|maximum|maximo)\s+(\d{1,3})\s*(?:min|mins|minute|minutes|minuto|minutos|mn)?\b/.exec(
      text,
    ) ?? /\b(\d{1,3})\s*(?:min|mins|minute|minutes|minuto|minutos|mn)\b/.exec(text);
  if (minutes?.[1]) follow.maxMinutes = Number(minutes[1]);
  else if (has(text, / (quick|fast|rapide|vite|rapido|rapida) /)) follow.maxMinutes = 20;
  const pick = /^\s*(\d{1,2})\s*$/.exec(message);
  if (pick?.[1]) follow.pick = Number(pick[1]);
  return follow;
}
