import { extractIngredients } from '../extract-ingredients.ts';
import type { Language, Lexicon } from '../lexicon/lexicon.ts';
import { defaultLexicon } from '../lexicon/lexicon.ts';
import type { DetectorLoad } from './object-detector.ts';
import { type ProductLookup, productTable } from './product-table.ts';
import { readRetailBarcodes } from './read-barcodes.ts';
import { readShoppingList } from './read-shopping-list.ts';

export interface PhotoRecognition {
  /** Ingredient ids to confirm with the person, never to use unconfirmed. */
  ingredients: string[];
  barcodes: string[];
  /** Barcodes the product table does not know. */
  unknownBarcodes: string[];
  ocrText: string;
  /** Weak hints from the object detector, or why there are none. */
  detector: 'not-installed' | 'invalid' | 'used';
}

export interface PhotoOptions {
  language?: Language;
  products?: ProductLookup;
  /** From `loadObjectDetector`; absent or not installed → skipped. */
  detector?: DetectorLoad;
  /** Detector hints below this score are dropped (COCO-class detectors are weak on food). */
  minScore?: number;
  /** OCR confidence (0–100) below which the text is ignored. */
  minOcrConfidence?: number;
  lexicon?: Lexicon;
}

/**
 * Local photo → ingredients: retail barcodes through the product table first (precise), then
 * OCR of a printed list, then the optional object detector as a weak hint. Everything runs
 * in-process from installed packages; the result is a proposal to confirm in the chat.
 */
export async function recognizePhoto(
  image: Uint8Array,
  options: PhotoOptions = {},
): Promise<PhotoRecognition> {
  const lexicon = options.lexicon ?? defaultLexicon;
  const products = options.products ?? productTable();
  const found = new Set<string>();
  const result: PhotoRecognition = {
    ingredients: [],
    barcodes: [],
    unknownBarcodes: [],
    ocrText: '',
    detector: 'not-installed',
  };
  result.barcodes = await readRetailBarcodes(image);
  for (const gtin of result.barcodes) {
    const ids = await products(gtin);
    if (ids) for (const id of ids) found.add(id);
    else result.unknownBarcodes.push(gtin);
  }
  if (result.barcodes.length === 0) {
    const ocr = await readShoppingList(image, options.language ?? 'en');
    if (ocr.confidence >= (options.minOcrConfidence ?? 50)) {
      result.ocrText = ocr.text;
      for (const id of extractIngredients(ocr.text, lexicon).have) found.add(id);
    }
  }
  const detector = options.detector;
  if (detector?.status === 'ready') {
    result.detector = 'used';
    for (const hit of await detector.detector.detect(image)) {
      const id = detector.labels[hit.label];
      if (id && hit.score >= (options.minScore ?? 0.35) && lexicon.get(id)) found.add(id);
    }
  } else if (detector) result.detector = detector.status;
  result.ingredients = [...found];
  return result;
}
