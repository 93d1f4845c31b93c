// Mock mode (`vite --mode mock`): the UI runs in a plain browser against the mock `Backend`
// (./service.ts), installed as the implementation behind `api`. Tauri's IPC is mocked only for
// events (file dialogs are the backend's: see MockBackend.picker). Query flags: ?mock=empty (no
// projects), ?mock=startup-error, ?mock=tampered (activity log verification fails),
// ?mock=slow (1 s per call, and AI runs stream three times slower), ?mock=first-run (the
// "Just me" / "My team" choice), ?mock=team (on a team server, with live updates),
// ?mock=team-error (the team server could not be reached at start).
// Native menu and file-drop events can be simulated from the console with
// `__greenlightEmit("menu", "export")` or
// `__greenlightEmit("files-dropped", __greenlightMock.drop(["/x/Pilot.fdx"]))`; a team
// server's doings with `__greenlightMock.saveAs("Abel Ortiz", documentId, text)`,
// `__greenlightMock.db.goOffline()` and `__greenlightMock.db.goOnline()`.
import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { useBackend } from "$lib/api";
import { LIVE_EVENT } from "$lib/bindings";
import { MockBackend } from "./backend";
import { seed } from "./seed";
import { mockService, withLatency } from "./service";

export function installMockBackend(): MockBackend {
  const flags = new URLSearchParams(location.search).getAll("mock");
  const backend = new MockBackend({
    startupError: flags.includes("startup-error")
      ? {
          code: "storage_unavailable",
          message:
            "Greenlight could not open its database at /home/maya/.local/share/app.greenlight/greenlight.db because another copy of the app is using it. Close the other window and try again.",
          field: null,
        }
      : null,
    tamperedSeq: flags.includes("tampered") ? 4 : null,
    aiTiming: { wordMs: flags.includes("slow") ? 120 : 40, retryScale: 1 },
  });
  if (!flags.includes("empty")) seed(backend, Date.now());
  else backend.setProfileName("Maya Okafor");
  if (flags.includes("first-run")) backend.db.firstRun = true;
  if (flags.includes("team") || flags.includes("team-error")) {
    backend.db.mode = "team";
    backend.db.source = "saved";
    backend.db.server = { host: "db.studio.lan", port: 5432, database: "greenlight", user: "maya", tls: "verify-full" };
    backend.db.caFileName = "studio-ca.pem";
  }
  if (flags.includes("team-error"))
    backend.db.openError = {
      code: "offline",
      message: "Cannot reach the database server at db.studio.lan:5432 (connection timed out after 5 s). Check the address and your network, or ask your administrator whether the server is running.",
      field: null,
    };
  backend.db.onLive = (u) => void emit(LIVE_EVENT, u);

  const delay = flags.includes("slow") ? 1000 : 120;
  useBackend(withLatency(mockService(backend), (name) => (name === "revision_save" ? delay * 3 : delay)));

  // A window label for getCurrentWebview(), and listen/emit handled in the page.
  mockWindows("main");
  mockIPC(
    async (cmd) => {
      await new Promise((r) => setTimeout(r, delay));
      throw { code: "internal", message: `Mock mode does not handle “${cmd}”: Greenlight's commands go through the mock Backend.`, field: null };
    },
    { shouldMockEvents: true },
  );
  const w = window as unknown as { __greenlightMock: MockBackend; __greenlightEmit: typeof emit };
  w.__greenlightMock = backend;
  w.__greenlightEmit = emit;
  console.info("[greenlight] mock backend installed", flags);
  return backend;
}
