/**
 * Folds text for matching: lower case, accents stripped, ligatures expanded (œ → oe, because
 * people type "oeufs" as often as "œufs"), apostrophes and punctuation turned into spaces.
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
