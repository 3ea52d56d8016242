import data from './demo-recipes.json' with { type: 'json' };
import { importCatalogue } from './import-catalogue.ts';
import type { Recipe } from './recipe.ts';

function loadDemo(): readonly Recipe[] {
  // Goes through the importer like any brand catalogue, so the demo doubles as its test.
  const loaded = importCatalogue(JSON.stringify(data), { format: 'json' });
  const first = loaded.errors[0];
  if (first) throw new Error(`demo recipe ${first.id ?? first.record}: ${first.message}`);
  return loaded.recipes;
}

/** The shipped demo catalogue: 63 recipes we wrote (fr, en, es), CC0; see README.md. */
export const demoCatalogue: readonly Recipe[] = loadDemo();
