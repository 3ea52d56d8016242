import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadObjectDetector } from './object-detector.ts';
import { recognizePhoto } from './recognize-photo.ts';

const L = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const G = L.map((code) =>
  [...code]
    .map((b) => (b === '1' ? '0' : '1'))
    .reverse()
    .join(''),
);
const R = L.map((code) => [...code].map((b) => (b === '1' ? '0' : '1')).join(''));
const PARITY = [
  'LLLLLL',
  'LLGLGG',
  'LLGGLG',
  'LLGGGL',
  'LGLLGG',
  'LGGLLG',
  'LGGGLL',
  'LGLGLG',
  'LGLGGL',
  'LGGLGL',
];

/** Draws an EAN-13 ourselves: 95 modules, 4 px each, with quiet zones, as SVG → PNG. */
async function ean13Png(digits: string): Promise<Buffer> {
  const d = [...digits].map(Number);
  const parity = PARITY[d[0] ?? 0] ?? '';
  let bits = '101';
  for (let i = 1; i <= 6; i++) bits += (parity[i - 1] === 'L' ? L : G)[d[i] ?? 0];
  bits += '01010';
  for (let i = 7; i <= 12; i++) bits += R[d[i] ?? 0];
  bits += '101';
  const module = 4;
  const quiet = 15 * module;
  const bars = [...bits]
    .map((b, i) =>
      b === '1'
        ? `<rect x="${quiet + i * module}" y="20" width="${module}" height="160" fill="#000"/>`
        : '',
    )
    .join('');
  const width = quiet * 2 + bits.length * module;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="200"><rect width="100%" height="100%" fill="#fff"/>${bars}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function listPng(lines: string[]): Promise<Buffer> {
  const text = lines
    .map(
      (line, i) =>
        `<text x="40" y="${90 + i * 80}" font-family="DejaVu Sans, sans-serif" font-size="56">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${120 + lines.length * 80}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('recognizePhoto', () => {
  it('reads an EAN-13 we drew and maps it through the product table', async () => {
    const image = await ean13Png('3017620422003');
    const result = await recognizePhoto(image, {
      products: async (gtin) => (gtin === '3017620422003' ? ['hazelnut', 'chocolate'] : undefined),
    });
    expect(result.barcodes).toEqual(['3017620422003']);
    expect(result.ingredients).toEqual(['hazelnut', 'chocolate']);
    expect(result.detector).toBe('not-installed');
  });

  it('reports barcodes the product table does not know', async () => {
    const result = await recognizePhoto(await ean13Png('4006381333931'), {
      products: async () => undefined,
    });
    expect(result).toMatchObject({
      barcodes: ['4006381333931'],
      unknownBarcodes: ['4006381333931'],
      ingredients: [],
    });
  });

  it('reads a printed French shopping list with the installed trained data', async () => {
    const image = await listPng(['6 oeufs', 'tomates', 'poivron rouge', 'courgettes']);
    const result = await recognizePhoto(image, { language: 'fr' });
    expect(result.barcodes).toEqual([]);
    expect(result.ingredients).toEqual(
      expect.arrayContaining(['egg', 'tomato', 'bell-pepper', 'zucchini']),
    );
  }, 60_000);

  it('says the object detector is not installed when models/ has none, and uses one when present', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-models-'));
    expect(await loadObjectDetector(dir)).toMatchObject({ status: 'not-installed' });
    mkdirSync(join(dir, 'object-detector'));
    writeFileSync(
      join(dir, 'object-detector', 'manifest.json'),
      JSON.stringify({ module: './detector.mjs', labels: { banana: 'banana', dog: 'dog' } }),
    );
    writeFileSync(
      join(dir, 'object-detector', 'detector.mjs'),
      'export async function detect() { return [{ label: "banana", score: 0.9 }, { label: "dog", score: 0.99 }, { label: "banana", score: 0.1 }]; }',
    );
    const detector = await loadObjectDetector(dir);
    expect(detector.status).toBe('ready');
    const blank = await sharp({
      create: { width: 64, height: 64, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const result = await recognizePhoto(blank, { detector, minOcrConfidence: 101 });
    expect(result).toMatchObject({ detector: 'used', ingredients: ['banana'] });
  });
});
