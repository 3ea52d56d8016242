// The recipe assistant's public surface (documented in docs/recipes.md).
export { demoCatalogue } from './catalogue/demo-catalogue.ts';
export {
  type CatalogueFormat,
  type CatalogueImport,
  type ImportOptions,
  importCatalogue,
  type RecordProblem,
} from './catalogue/import-catalogue.ts';
export { type Recipe, toRecord } from './catalogue/recipe.ts';
export { type RecipeRecord, recipeRecordSchema } from './catalogue/recipe-schema.ts';
export {
  handleRecipeMessage,
  type PhotoPart,
  type RecipeAssistantOptions,
  type RecipeTurn,
} from './conversation/conversation.ts';
export {
  newConversationState,
  type RecipeConversationState,
  readConversationState,
} from './conversation/conversation-state.ts';
export { detectLanguage } from './conversation/detect-language.ts';
export {
  type Extraction,
  extractIngredients,
  type IngredientMention,
} from './extract-ingredients.ts';
export { defaultLexicon, type Ingredient, type Language, Lexicon } from './lexicon/lexicon.ts';
export { type IngredientLine, parseIngredientLine } from './parse-ingredient-line.ts';
export { type PhotoRecognition, recognizePhoto } from './photo/recognize-photo.ts';
export {
  type CatalogueRecipe,
  DEFAULT_STAPLES,
  DIETS,
  type Diet,
  inverseDocumentFrequency,
  type RankOptions,
  rankRecipes,
  type Suggestion,
} from './ranking/rank-recipes.ts';
export { RecipeIndex } from './ranking/recipe-index.ts';
export { DEFAULT_SUBSTITUTIONS } from './ranking/substitutions.ts';
