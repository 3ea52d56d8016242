import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

export interface Detection {
  label: string;
  score: number;
}

export interface ObjectDetector {
  detect(image: Uint8Array): Promise<Detection[]>;
}

export type DetectorLoad =
  | { status: 'ready'; detector: ObjectDetector; labels: Record<string, string> }
  | { status: 'not-installed'; message: string }
  | { status: 'invalid'; message: string };

const manifestSchema = z.object({
  module: z.string({
    error: 'manifest.json: "module" names the detector file, e.g. "./detector.mjs"',
  }),
  labels: z.record(z.string(), z.string(), {
    error: 'manifest.json: "labels" maps model labels to lexicon ids, e.g. {"banana": "banana"}',
  }),
});

/**
 * Loads a general object detector a brand installs under `models/object-detector/`: a
 * `manifest.json` naming a local module that exports `detect(image)`, plus a label → lexicon id
 * map. No npm package ships food weights (research §4), so none is bundled; without one the
 * photo path runs on barcodes and OCR and reports the detector as not installed.
 */
export async function loadObjectDetector(modelsDir = 'models'): Promise<DetectorLoad> {
  const folder = resolve(modelsDir, 'object-detector');
  const manifestPath = join(folder, 'manifest.json');
  if (!existsSync(manifestPath))
    return {
      status: 'not-installed',
      message: `no object detector installed (expected ${manifestPath})`,
    };
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success)
    return { status: 'invalid', message: parsed.error.issues.map((i) => i.message).join('; ') };
  const loaded = (await import(
    pathToFileURL(join(folder, parsed.data.module)).href
  )) as Partial<ObjectDetector>;
  if (typeof loaded.detect !== 'function')
    return {
      status: 'invalid',
      message: `${parsed.data.module} must export a function detect(image)`,
    };
  return { status: 'ready', detector: { detect: loaded.detect }, labels: parsed.data.labels };
}
