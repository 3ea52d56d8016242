import { el } from './dom.ts';

let nextId = 0;

/** A labelled input (label `for` its id), optionally with a hint tied by aria-describedby. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  const id = control.id || `field-${++nextId}`;
  control.id = id;
  const hintElement = hint
    ? el('small', { class: 'hint', text: hint, attrs: { id: `${id}-hint` } })
    : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return el(
    'div',
    { class: 'field' },
    el('label', { text: label, attrs: { for: id } }),
    control,
    hintElement,
  );
}

/** A status line for a form: errors are alerts, successes polite. */
export function formStatus(): {
  element: HTMLElement;
  error(text: string): void;
  ok(text: string): void;
  clear(): void;
} {
  const element = el('p', {
    class: 'form-status',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  return {
    element,
    error(text) {
      element.className = 'form-status error';
      element.setAttribute('role', 'alert');
      element.textContent = text;
    },
    ok(text) {
      element.className = 'form-status ok';
      element.setAttribute('role', 'status');
      element.textContent = text;
    },
    clear() {
      element.textContent = '';
    },
  };
}

export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Copies text to the clipboard; says so through `done`. */
export function copyText(text: string, done: (ok: boolean) => void): void {
  if (!navigator.clipboard) {
    done(false);
    return;
  }
  navigator.clipboard.writeText(text).then(
    () => done(true),
    () => done(false),
  );
}
