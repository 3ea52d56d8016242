/**
 * Entry of `dist/p.js`, the script-tag build:
 * `<script defer src="https://penumbra.example/p.js" data-site="example.com"></script>`.
 * Its options are the tag's `data-*` attributes; custom events queued before it loaded
 * (`window.penumbra = window.penumbra || function () { (penumbra.q = penumbra.q || []).push(arguments) }`)
 * are sent once it runs.
 */
import { init, type Track } from './init.ts';

declare global {
  interface Window {
    penumbra?: Track & { q?: IArguments[] };
  }
}

const { dataset, src } = document.currentScript as HTMLScriptElement;
const track = init({
  ...dataset,
  // The server that served the script collects its events, unless `data-api` says otherwise.
  api: dataset.api || new URL(src).origin,
});
for (const args of window.penumbra?.q || []) track(args[0], args[1]);
window.penumbra = track;
