// Human time formatting. Timestamps across the IPC boundary are Unix milliseconds.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", then a date.
 * A timestamp slightly in the future (clock skew between team members) reads "just now".
 */
export function relativeTime(at: number, now: number = Date.now(), locale?: string): string {
  const diff = now - at;
  if (diff < 45_000) return "just now";
  if (diff < HOUR) return `${plural(Math.max(1, Math.round(diff / MINUTE)), "minute")} ago`;
  if (diff < DAY) return `${plural(Math.round(diff / HOUR), "hour")} ago`;
  const days = calendarDaysBetween(at, now);
  if (days <= 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(at);
}

function calendarDaysBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  const ua = Date.UTC(da.getFullYear(), da.getMonth(), da.getDate());
  const ub = Date.UTC(db.getFullYear(), db.getMonth(), db.getDate());
  return Math.round((ub - ua) / DAY);
}

/** Full date and time for tooltips and the revision list, in the user's locale. */
export function absoluteTime(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(at);
}

/** ISO string for `<time datetime>`. */
export function isoTime(at: number): string {
  return new Date(at).toISOString();
}
