/**
 * Keeps keyboard focus across re-renders: the control that caused one is found again by its
 * `data-key`, now if it exists, or when the panel holding it arrives.
 */
let pending: string | null = null;

const find = (key: string) =>
  document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);

/** Focuses the element with `key` now, or remembers to when it appears. */
export function keepFocus(key: string | null, fallback: HTMLElement): void {
  pending = null;
  if (!key) return;
  const now = find(key);
  if (now) {
    now.focus();
    return;
  }
  pending = key;
  fallback.focus();
}

/** Called after a panel drew itself: finishes a pending restore unless the user moved on. */
export function restorePendingFocus(): void {
  if (!pending) return;
  const active = document.activeElement;
  if (active && active !== document.body && active.id !== 'main') {
    pending = null;
    return;
  }
  const element = find(pending);
  if (element) {
    pending = null;
    element.focus();
  }
}
