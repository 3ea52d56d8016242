import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type ZXing = typeof import('zxing-wasm/reader');
let prepared: Promise<ZXing> | undefined;

// zxing-wasm fetches its .wasm from a CDN by default; we hand it the copy installed in
// node_modules (its documented `wasmBinary` override) so nothing is downloaded at run time.
// The module is imported on first use so that loading the assistant (the CLI) stays cheap.
function prepare(): Promise<ZXing> {
  prepared ??= (async () => {
    const zxing = await import('zxing-wasm/reader');
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasm = readFileSync(wasmPath);
    await zxing.prepareZXingModule({
      overrides: {
        wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
      },
      fireImmediately: true,
    });
    return zxing;
  })();
  return prepared;
}

/** The retail barcodes (EAN-13, EAN-8, UPC) in an image file (PNG, JPEG…), as GTIN strings. */
export async function readRetailBarcodes(image: Uint8Array): Promise<string[]> {
  const zxing = await prepare();
  const results = await zxing.readBarcodes(image, {
    formats: ['EAN13', 'EAN8', 'UPCA', 'UPCE'],
    tryHarder: true,
    maxNumberOfSymbols: 8,
  });
  return [...new Set(results.filter((r) => r.isValid).map((r) => r.text))];
}
