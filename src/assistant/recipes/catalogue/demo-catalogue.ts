import type { CatalogueRecipe } from '../rank-recipes.ts';
import data from './demo-recipes.json' with { type: 'json' };

export interface DemoRecipe extends CatalogueRecipe {
  language: 'fr' | 'en' | 'es';
  servings: number;
  steps: string[];
}

/** The shipped demo catalogue (our own text, MIT): enough to try `penumbra recipes suggest`. */
export const demoCatalogue: readonly DemoRecipe[] = data as DemoRecipe[];
