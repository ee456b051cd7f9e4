/**
 * Calendar arithmetic on ISO dates ("YYYY-MM-DD") as whole day numbers. No Date objects and no
 * time zones: a date in a data file is a calendar day, and "批复后 20 日" counts calendar days
 * (or working days, when the profile says so), whatever the machine's TZ.
 *
 * Day numbers count from 1970-01-01 = 0 (proleptic Gregorian calendar), by the days-from-civil
 * algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The day number of an ISO date, or undefined when it is not a real calendar day (2024-02-30). */
export function dayNumber(iso: string): number | undefined {
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The ISO date of a day number. */
export function isoDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isRealDate(iso: string): boolean {
  return dayNumber(iso) !== undefined;
}

function must(iso: string): number {
  const n = dayNumber(iso);
  if (n === undefined) throw new RangeError(`not a calendar date: ${iso}`);
  return n;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(iso: string): number {
  return (((must(iso) + 4) % 7) + 7) % 7;
}

/** A date plus N calendar days. */
export function addDays(iso: string, days: number): string {
  return isoDate(must(iso) + days);
}

/**
 * The Nth working day after a date, counting Monday to Friday. Public holidays and the
 * weekends made working days (调休) are not known here: the State Council sets them each year.
 */
export function addWorkingDays(iso: string, days: number): string {
  let n = must(iso);
  for (let left = days; left > 0; ) {
    n++;
    const wd = (((n + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6) left--;
  }
  return isoDate(n);
}
