// The person's review inbox, shared by the top bar's badge and the inbox view: read when the
// app starts, after the person decides or requests a review, and (on a team server) whenever
// anything is recorded, so another person's decision shows within a second. No polling.
import { api, type Inbox } from "./api";
import { anyChain, live } from "./live";

class InboxStore {
  data = $state<Inbox | null>(null);
  error = $state<string | null>(null);
  #stop: (() => void) | null = null;
  #asked = 0;

  /** How many reviews wait for the person's decision. */
  get count(): number {
    return this.data?.waiting.length ?? 0;
  }

  get overdue(): number {
    return this.data?.overdue ?? 0;
  }

  async refresh(): Promise<void> {
    const asked = ++this.#asked;
    try {
      const data = await api.review_inbox();
      if (asked === this.#asked) {
        this.data = data;
        this.error = null;
      }
    } catch (e) {
      if (asked === this.#asked) this.error = e instanceof Object && "message" in e ? String(e.message) : String(e);
    }
  }

  /** Reads it now and on every change; returns the function that stops. */
  start(): () => void {
    this.#stop?.();
    void this.refresh();
    const off = live.onChange(anyChain, () => void this.refresh());
    this.#stop = off;
    return () => {
      off();
      if (this.#stop === off) this.#stop = null;
    };
  }
}

export const inbox = new InboxStore();
