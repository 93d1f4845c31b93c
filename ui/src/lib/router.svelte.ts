// The app's router: the current route lives in the URL hash so a reload keeps the view.
// A view with unsaved work installs a leave guard, asked before any navigation.
import { formatRoute, parseHash, sameRoute, type Route } from "./router";

export type LeaveGuard = () => Promise<boolean>;

class Router {
  current = $state<Route>({ name: "projects" });
  #guard: LeaveGuard | null = null;
  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.current = parseHash(location.hash);
    window.addEventListener("hashchange", () => void this.#onHashChange());
  }

  /** Go to `route`, asking the leave guard first. Resolves false if the user stayed. */
  async navigate(route: Route): Promise<boolean> {
    if (sameRoute(route, this.current)) return true;
    if (this.#guard && !(await this.#guard())) return false;
    this.#guard = null;
    this.current = route;
    history.pushState(null, "", formatRoute(route));
    return true;
  }

  /** Installs a guard for the current view; returns a function that removes it. */
  setLeaveGuard(guard: LeaveGuard): () => void {
    this.#guard = guard;
    return () => {
      if (this.#guard === guard) this.#guard = null;
    };
  }

  async #onHashChange(): Promise<void> {
    const target = parseHash(location.hash);
    if (sameRoute(target, this.current)) return;
    if (this.#guard) {
      // Put the address back while the user decides.
      history.replaceState(null, "", formatRoute(this.current));
      if (!(await this.#guard())) return;
      this.#guard = null;
      history.pushState(null, "", formatRoute(target));
    }
    this.current = target;
  }
}

export const router = new Router();
