// Messages shown in the corner: errors from the backend (already user-facing text) and
// short confirmations. Each is dismissible; none blocks the app.
import { asIpcError } from "./errors";

export type Toast = { id: number; kind: "error" | "info"; message: string };

class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  push(kind: Toast["kind"], message: string, ms = kind === "error" ? 12_000 : 4_000): number {
    // The same message twice in a row (a repeated failing click) shows once.
    const dup = this.items.find((t) => t.kind === kind && t.message === message);
    if (dup) this.dismiss(dup.id);
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { id, kind, message }];
    if (ms > 0) this.#timers.set(id, setTimeout(() => this.dismiss(id), ms));
    return id;
  }

  info(message: string): number {
    return this.push("info", message);
  }

  /** Shows any rejection as its user-facing message. */
  error(e: unknown): number {
    return this.push("error", asIpcError(e).message);
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
