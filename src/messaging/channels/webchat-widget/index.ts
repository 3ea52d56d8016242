// The embeddable web chat: `<script src="https://hub.example/webchat.js" data-endpoint="https://hub.example" async></script>`.
// No dependencies, plain DOM. Everything shown comes from the network and is untrusted: it goes
// into the page through textContent and checked URLs only, never innerHTML.
import {
  WEBCHAT_MAX_WAIT_S,
  WEBCHAT_MESSAGES_PATH,
  WEBCHAT_SESSIONS_PATH,
} from '../webchat-paths.ts';
import type { WebchatPart, WebchatPollResponse, WebchatSession } from '../webchat-protocol.ts';

const STORAGE_KEY = 'penumbra-webchat';
const script = document.currentScript as HTMLScriptElement | null;
const endpoint = (script?.dataset.endpoint ?? '').replace(/\/+$/, '');
const title = script?.dataset.title ?? 'Chat';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.style.cssText = style;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Only http(s) URLs may become a link or an image: no javascript:, data: or relative tricks. */
function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const root = el(
  'div',
  'position:fixed;right:16px;bottom:16px;z-index:2147483647;font:14px/1.4 system-ui,sans-serif',
);
const toggle = el(
  'button',
  'border:0;border-radius:20px;padding:10px 16px;background:#222;color:#fff;cursor:pointer',
  title,
);
const panel = el(
  'div',
  'display:none;width:320px;height:420px;flex-direction:column;background:#fff;border:1px solid #ccc;border-radius:8px;margin-bottom:8px;overflow:hidden',
);
const log = el('div', 'flex:1;overflow-y:auto;padding:8px');
log.setAttribute('role', 'log');
log.setAttribute('aria-live', 'polite');
const form = el('form', 'display:flex;border-top:1px solid #ddd');
const input = el('input', 'flex:1;border:0;padding:10px;font:inherit');
input.setAttribute('aria-label', 'Message');
input.maxLength = 4000;
const sendButton = el(
  'button',
  'border:0;padding:0 12px;background:#222;color:#fff;cursor:pointer',
  'Send',
);
form.append(input, sendButton);
panel.append(log, form);
root.append(panel, toggle);
toggle.onclick = () => {
  panel.style.display = panel.style.display === 'none' ? 'flex' : 'none';
  if (panel.style.display === 'flex') void start();
};

let session: WebchatSession | undefined;
let cursor = 0;
let counter = 0;

function bubble(mine: boolean): HTMLDivElement {
  const side = mine
    ? 'margin-left:auto;background:#222;color:#fff'
    : 'margin-right:auto;background:#eee;color:#111';
  const node = el(
    'div',
    `${side};max-width:85%;margin-top:6px;padding:6px 10px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere`,
  );
  log.append(node);
  log.scrollTop = log.scrollHeight;
  return node;
}

function show(part: WebchatPart): void {
  const node = bubble(false);
  if (part.type === 'text') node.textContent = part.text;
  else if (part.type === 'choices') {
    node.append(el('div', '', part.prompt));
    for (const option of part.options) {
      const button = el(
        'button',
        'display:block;margin-top:4px;border:1px solid #999;border-radius:6px;background:#fff;cursor:pointer',
        option.title,
      );
      button.onclick = () => void post({ choiceId: option.id }, option.title);
      node.append(button);
    }
  } else {
    const url = safeUrl(part.url);
    if (url && part.mime.startsWith('image/')) {
      const image = el('img', 'max-width:100%;display:block');
      image.src = url;
      image.alt = part.caption ?? '';
      node.append(image);
    } else if (url) {
      const link = el('a', 'color:inherit', part.caption ?? url);
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      node.append(link);
    }
    if (part.caption && url && part.mime.startsWith('image/'))
      node.append(el('div', '', part.caption));
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  const response = await fetch(endpoint + path, { ...init, headers });
  if (response.status === 401) {
    // The hub no longer knows this session (new secret, expiry): start a fresh one.
    sessionStorage.removeItem(STORAGE_KEY);
    session = undefined;
  }
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as T;
}

let polling = false;

async function ensureSession(): Promise<void> {
  if (session) return;
  const saved = sessionStorage.getItem(STORAGE_KEY);
  session = saved
    ? (JSON.parse(saved) as WebchatSession)
    : await call<WebchatSession>(WEBCHAT_SESSIONS_PATH, { method: 'POST', body: '{}' });
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

async function start(): Promise<void> {
  if (polling) return;
  polling = true;
  void poll();
}

async function post(body: { text: string } | { choiceId: string }, shown: string): Promise<void> {
  bubble(true).textContent = shown;
  const clientMessageId = `${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await ensureSession()
    .then(() =>
      call(WEBCHAT_MESSAGES_PATH, {
        method: 'POST',
        body: JSON.stringify({ clientMessageId, ...body }),
      }),
    )
    .catch(() => {
      bubble(false).textContent = 'Not sent. Please try again.';
    });
}

/** Long poll: the hub holds each request until a reply exists or the wait runs out. */
async function poll(): Promise<void> {
  for (let failures = 0; ; ) {
    try {
      await ensureSession();
      const wait = Math.min(session?.pollWaitS ?? WEBCHAT_MAX_WAIT_S, WEBCHAT_MAX_WAIT_S);
      const reply = await call<WebchatPollResponse>(
        `${WEBCHAT_MESSAGES_PATH}?after=${cursor}&wait=${wait}`,
      );
      for (const message of reply.messages) show(message.part);
      cursor = reply.cursor;
      failures = 0;
    } catch {
      failures++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** failures)));
    }
  }
}

form.onsubmit = (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  void post({ text }, text);
};
document.body.append(root);
