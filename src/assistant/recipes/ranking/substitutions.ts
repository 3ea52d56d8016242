/**
 * Curated swaps a cook makes without thinking twice (research §3.3, Teng-style substitute
 * groups). A swap gives partial credit and is shown in the explanation ("use onion instead
 * of shallot"); it never silently counts as the real thing.
 */
export const DEFAULT_SUBSTITUTIONS: readonly (readonly string[])[] = [
  ['onion', 'shallot', 'red-onion', 'spring-onion'],
  ['cream', 'creme-fraiche', 'sour-cream'],
  ['butter', 'margarine'],
  ['lemon', 'lime'],
  ['parsley', 'coriander'],
  ['bacon', 'lardon', 'pancetta'],
  ['spaghetti', 'linguine', 'pasta'],
  ['zucchini', 'eggplant'],
  ['yogurt', 'sour-cream'],
  ['honey', 'maple-syrup', 'agave-syrup'],
  ['white-wine', 'cider'],
  ['broth', 'dashi'],
  ['cheddar', 'monterey-jack', 'gouda'],
  ['gruyere', 'emmental', 'comte', 'swiss-cheese'],
  ['parmesan', 'pecorino'],
  ['chicken', 'turkey'],
  ['spinach', 'swiss-chard', 'kale'],
  ['black-beans', 'red-beans', 'kidney-beans'],
];
