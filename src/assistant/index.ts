// The assistant folder's public surface: other folders import from here only.
export { type DemoRecipe, demoCatalogue } from './recipes/catalogue/demo-catalogue.ts';
export {
  type Extraction,
  extractIngredients,
  type IngredientMention,
} from './recipes/extract-ingredients.ts';
export {
  defaultLexicon,
  type Ingredient,
  type Language,
  Lexicon,
} from './recipes/lexicon/lexicon.ts';
export {
  type CatalogueRecipe,
  DEFAULT_STAPLES,
  type Diet,
  inverseDocumentFrequency,
  type RankOptions,
  rankRecipes,
  type Suggestion,
} from './recipes/rank-recipes.ts';
