const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return null; // not an IANA zone this runtime knows
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Seconds since local midnight at `at` in `timeZone`, or null for an unknown zone. */
export function localSecondOfDay(at: number, timeZone: string): number | null {
  const formatter = formatterFor(timeZone);
  if (!formatter) return null;
  const parts = formatter.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 3600 + get('minute') * 60 + get('second');
}

const toSeconds = (clock: string) => {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 3600 + m * 60;
};

/**
 * When quiet hours end, if `at` falls inside them in `timeZone`; null when it is outside.
 * The window may wrap midnight (21:00–08:00). Computed from local wall-clock seconds, so on a
 * DST change night the answer can be off by the shift (an hour early or late): acceptable for
 * "not at night", and never inside the window.
 */
export function quietHoursEnd(
  at: number,
  timeZone: string,
  window: { start: string; end: string },
): number | null {
  const now = localSecondOfDay(at, timeZone);
  if (now === null) return null;
  const start = toSeconds(window.start);
  const end = toSeconds(window.end);
  if (start === end) return null;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const wait = (end - now + 86_400) % 86_400;
  return at - (at % 1000) + wait * 1000;
}

export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}
