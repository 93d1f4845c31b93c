// A shared "now" that ticks every 30 s so relative times stay fresh without one timer each.
class Clock {
  now = $state(Date.now());
  constructor() {
    if (typeof window !== "undefined") setInterval(() => (this.now = Date.now()), 30_000);
  }
}
export const clock = new Clock();
