import { createRequire } from 'node:module';
import type { Language } from '../lexicon/lexicon.ts';

const PACKAGES: Record<Language, string> = {
  en: '@tesseract.js-data/eng',
  fr: '@tesseract.js-data/fra',
  es: '@tesseract.js-data/spa',
};

interface TessdataPackage {
  code: string;
  gzip: boolean;
  langPath: string;
}

/**
 * OCR of a printed shopping list or receipt with tesseract.js. The trained data comes from
 * the installed @tesseract.js-data/* package (each ships `<code>.traineddata.gz` under its
 * own `4.0.0/` folder and exports that `langPath`), and nothing is cached or fetched, so the
 * worker never touches the network. Handwriting is not supported by Tesseract.
 */
export async function readShoppingList(
  image: Uint8Array,
  language: Language = 'en',
): Promise<{ text: string; confidence: number }> {
  const data = createRequire(import.meta.url)(PACKAGES[language]) as TessdataPackage;
  // Imported on first use: tesseract.js is only needed when a photo arrives.
  const { createWorker } = await import('tesseract.js');
  const worker = await createWorker(data.code, 1, {
    langPath: data.langPath,
    gzip: data.gzip,
    cacheMethod: 'none',
  });
  try {
    const { data: result } = await worker.recognize(Buffer.from(image));
    return { text: result.text, confidence: result.confidence };
  } finally {
    await worker.terminate();
  }
}
