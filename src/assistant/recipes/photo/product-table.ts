/** Finds the ingredient ids a scanned product stands for; undefined when unknown. */
export type ProductLookup = (gtin: string) => Promise<string[] | undefined>;

/**
 * A small built-in product table, the seam where a brand plugs its own products or an
 * Open Food Facts mirror. The GTINs below are illustrative entries for demos and tests.
 */
export const DEMO_PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  '3017620422003': ['nutella'],
  '4006381333931': ['pasta'],
  '8410076472885': ['chickpea'],
  '5000157024671': ['beans'],
  '3560070614202': ['egg'],
};

export function productTable(
  table: Readonly<Record<string, readonly string[]>> = DEMO_PRODUCTS,
): ProductLookup {
  return async (gtin) => (table[gtin] ? [...(table[gtin] ?? [])] : undefined);
}
