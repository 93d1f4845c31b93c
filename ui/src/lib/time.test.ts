import { describe, expect, it } from "vitest";
import { relativeTime } from "./time";

const now = new Date(2025, 5, 15, 12, 0, 0).getTime();
const ago = (ms: number) => now - ms;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("relativeTime", () => {
  it("says just now for the last 45 seconds and for small clock skew", () => {
    expect(relativeTime(ago(10_000), now)).toBe("just now");
    expect(relativeTime(now + 5_000, now)).toBe("just now");
  });
  it("counts minutes and hours with correct plurals", () => {
    expect(relativeTime(ago(60_000), now)).toBe("1 minute ago");
    expect(relativeTime(ago(50_000), now)).toBe("1 minute ago");
    expect(relativeTime(ago(5 * MIN), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(HOUR), now)).toBe("1 hour ago");
    expect(relativeTime(ago(3 * HOUR + 10 * MIN), now)).toBe("3 hours ago");
  });
  it("uses calendar days after a day", () => {
    expect(relativeTime(ago(DAY + HOUR), now)).toBe("yesterday");
    expect(relativeTime(ago(3 * DAY), now)).toBe("3 days ago");
  });
  it("shows a date after a week, with the year only when it differs", () => {
    expect(relativeTime(ago(30 * DAY), now, "en-GB")).toBe("16 May");
    expect(relativeTime(new Date(2023, 1, 2).getTime(), now, "en-GB")).toBe("2 Feb 2023");
  });
});
