import { defaultLexicon, type Language, type Lexicon } from '../lexicon/lexicon.ts';
import { normalizeText } from '../lexicon/normalize-text.ts';

// Short words that give a language away in fridge messages; ingredient names count too.
const FUNCTION_WORDS: Record<Language, readonly string[]> = {
  fr: [
    'j',
    'ai',
    'je',
    'des',
    'du',
    'le',
    'la',
    'les',
    'et',
    'un',
    'une',
    'pas',
    'sans',
    'avec',
    'bonjour',
    'salut',
    'merci',
    'oui',
    'non',
    'autre',
    'moins',
    'qu',
    'quoi',
    'est',
    'mais',
  ],
  en: [
    'i',
    'have',
    'the',
    'and',
    'some',
    'with',
    'without',
    'no',
    'hi',
    'hello',
    'thanks',
    'yes',
    'another',
    'under',
    'what',
    'can',
    'got',
    'my',
    'of',
    'please',
  ],
  es: [
    'tengo',
    'hay',
    'el',
    'los',
    'las',
    'y',
    'unos',
    'unas',
    'con',
    'sin',
    'hola',
    'gracias',
    'si',
    'otra',
    'otro',
    'menos',
    'que',
    'de',
    'mi',
    'por',
    'favor',
  ],
};

/**
 * Guesses fr, en or es from one message, or undefined when nothing tells (a bare "2"). Counts
 * function words and ingredient names that exist in one language only ("huevos", "oeufs").
 */
export function detectLanguage(
  text: string,
  lexicon: Lexicon = defaultLexicon,
): Language | undefined {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const votes: Record<Language, number> = { fr: 0, en: 0, es: 0 };
  for (const word of words) {
    for (const language of ['fr', 'en', 'es'] as const)
      if (FUNCTION_WORDS[language].includes(word)) votes[language] += 1;
    const id = lexicon.byName.get(word);
    const entry = id ? lexicon.get(id) : undefined;
    if (!entry) continue;
    const speakers = (['fr', 'en', 'es'] as const).filter((language) =>
      entry.names[language].some((name) => normalizeText(name) === word),
    );
    if (speakers.length === 1 && speakers[0]) votes[speakers[0]] += 2;
  }
  const ranked = (Object.entries(votes) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0 || (second && second[1] === best[1])) return undefined;
  return best[0];
}
