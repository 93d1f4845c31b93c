// What the app knows about itself: version, data directory, the local profile.
import type { AppInfo } from "./bindings";

class Session {
  info = $state<AppInfo | null>(null);
}

export const session = new Session();
