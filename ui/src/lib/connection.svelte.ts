// Which database the window is on, and whether it answers. It goes offline when the shell
// says the team server dropped (a live update) or when a command fails with `offline`; while
// offline it asks the shell again with backoff (one round trip each), and when the server
// answers it announces `online` on the live bus, so every view refreshes and the editor saves
// what was waiting.
import { api, observeFailures } from "./api";
import type { DatabaseStatus, LiveUpdate } from "./bindings";
import { live, type LiveBus } from "./live";

/** 1 s, 2 s, 4 s, 8 s, then every 10 s. */
export function probeDelay(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt), 10_000);
}

export class Connection {
  status = $state<DatabaseStatus | null>(null);
  /** False while the team server cannot be reached. */
  online = $state(true);
  /** Why it is offline, in words. */
  reason = $state<string | null>(null);
  /** Bumped when the window switches to another database, so what is shown is loaded again. */
  generation = $state(0);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  /** Bumped when probing stops, so a round trip still under way does not start another loop. */
  #loop = 0;

  constructor(
    private readonly bus: LiveBus = live,
    private readonly probe: () => Promise<DatabaseStatus> = () => api.database_status(),
  ) {}

  /** Starts following live updates and failed commands; returns the function that stops it. */
  start(): () => void {
    const offBus = this.bus.subscribe((u) => this.handle(u));
    const offFailures = observeFailures((e) => {
      if (e.code === "offline") this.#wentOffline(e.message);
    });
    return () => {
      offBus();
      offFailures();
      this.#stopProbing();
    };
  }

  /** Takes a status from the shell as what is true now. */
  set(status: DatabaseStatus): void {
    this.status = status;
    if (status.online) this.#backOnline();
    else if (status.mode === "team" && !status.openError) this.#wentOffline(this.reason ?? "The team server does not answer.");
  }

  async refresh(): Promise<DatabaseStatus> {
    const s = await api.database_status();
    this.set(s);
    return s;
  }

  /** After a switch of database: the new status, and every view loads again. */
  switched(status: DatabaseStatus): void {
    this.#backOnline();
    this.set(status);
    this.generation += 1;
  }

  handle(update: LiveUpdate): void {
    if (update.kind === "offline") this.#wentOffline(update.message);
    else if (update.kind === "online") this.#backOnline();
  }

  /** Asks the server right away (the "Try now" button). */
  probeNow(): void {
    if (this.online) return;
    this.#stopProbing();
    this.#schedule(0);
  }

  #wentOffline(message: string): void {
    this.reason = message;
    if (!this.online) return;
    this.online = false;
    this.#attempt = 0;
    this.#schedule(probeDelay(0));
  }

  #backOnline(): void {
    this.#stopProbing();
    if (this.online) return;
    this.online = true;
    this.reason = null;
  }

  #stopProbing(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#loop += 1;
  }

  #schedule(ms: number): void {
    const loop = this.#loop;
    this.#timer = setTimeout(async () => {
      this.#timer = null;
      try {
        const s = await this.probe();
        if (loop !== this.#loop) return;
        this.status = s;
        if (s.online) {
          // Every view refreshes, and this connection marks itself online, on the same event.
          this.bus.dispatch({ kind: "online" });
          return;
        }
      } catch {
        // Still unreachable: try again later.
      }
      if (this.online || loop !== this.#loop) return;
      this.#attempt += 1;
      this.#schedule(probeDelay(this.#attempt));
    }, ms);
  }
}

export const connection = new Connection();
