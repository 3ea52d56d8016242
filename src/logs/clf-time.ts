/**
 * Reads the Common Log Format timestamp `10/Oct/2000:13:55:36 -0700` by character arithmetic:
 * it sits on every line, and Date.parse cannot read this form anyway.
 */

/** Length of `dd/Mon/yyyy:HH:MM:SS +zzzz`. */
export const CLF_TIME_LENGTH = 26;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `Jan`…`Dec` packed as three char codes, for lookups without slicing the line. */
const MONTH_CODES: ReadonlyMap<number, number> = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
    (name, index) => [
      name.charCodeAt(0) * 65536 + name.charCodeAt(1) * 256 + name.charCodeAt(2),
      index + 1,
    ],
  ),
);

/** Two ASCII digits at `at` as a number, or a negative/NaN-free sentinel (-1) if not digits. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

let lastDateKey = -1;
let lastDateDay = 0;

/** Epoch day of `dd/Mon/yyyy` at `at`, or NaN. Consecutive lines share it: remembered. */
function parseDate(s: string, at: number): number {
  const day = twoDigits(s, at);
  const century = twoDigits(s, at + 7);
  const yearOfCentury = twoDigits(s, at + 9);
  const monthCode =
    s.charCodeAt(at + 3) * 65536 + s.charCodeAt(at + 4) * 256 + s.charCodeAt(at + 5);
  if (day < 1 || day > 31 || century < 0 || yearOfCentury < 0) return Number.NaN;
  if (s.charCodeAt(at + 2) !== 47 || s.charCodeAt(at + 6) !== 47) return Number.NaN;
  const key = monthCode * 1_000_000 + day * 10_000 + century * 100 + yearOfCentury;
  if (key === lastDateKey) return lastDateDay;
  const month = MONTH_CODES.get(monthCode);
  if (month === undefined) return Number.NaN;
  lastDateKey = key;
  lastDateDay = daysFromCivil(century * 100 + yearOfCentury, month, day);
  return lastDateDay;
}

/** Epoch seconds of the CLF timestamp starting at `at`, or NaN if it is not one. */
export function parseClfTime(s: string, at: number): number {
  if (s.length < at + CLF_TIME_LENGTH) return Number.NaN;
  const day = parseDate(s, at);
  const hour = twoDigits(s, at + 12);
  const minute = twoDigits(s, at + 15);
  const second = twoDigits(s, at + 18);
  const zoneHours = twoDigits(s, at + 22);
  const zoneMinutes = twoDigits(s, at + 24);
  const sign = s.charCodeAt(at + 21);
  if (
    Number.isNaN(day) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60 ||
    zoneHours < 0 ||
    zoneMinutes < 0 ||
    (sign !== 43 && sign !== 45) ||
    s.charCodeAt(at + 11) !== 58 ||
    s.charCodeAt(at + 20) !== 32
  ) {
    return Number.NaN;
  }
  const zone = (sign === 45 ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60);
  return day * 86400 + hour * 3600 + minute * 60 + second - zone;
}
