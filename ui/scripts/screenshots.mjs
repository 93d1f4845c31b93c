// Screenshots of the UI in mock mode, in Debian's Chromium via playwright-core.
//   npm run build:mock && npm run screenshots     (PNGs go to $SHOTS_DIR, default /tmp/ui-shots)
// Starts `vite preview --mode mock` itself unless BASE_URL points at a running server.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const out = process.env.SHOTS_DIR ?? "/tmp/ui-shots";
const port = 4173;
let base = process.env.BASE_URL;
let server = null;

async function waitFor(url, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

if (!base) {
  base = `http://127.0.0.1:${port}/`;
  server = spawn("node_modules/.bin/vite", ["preview", "--mode", "mock", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {
    stdio: "ignore",
  });
  await waitFor(base);
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const errors = [];
async function page(query = "", scheme = "light") {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, deviceScaleFactor: 1, colorScheme: scheme });
  const p = await ctx.newPage();
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await p.goto(`${base}${query}`);
  await p.waitForLoadState("networkidle");
  return p;
}
const shot = async (p, name) => {
  await p.waitForTimeout(350);
  await p.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
};
const tid = (p, id) => p.getByTestId(id);

try {
  // Projects
  let p = await page();
  await tid(p, "project-card").first().waitFor();
  await shot(p, "01-projects");

  // New project dialog with a validation error from the backend
  await tid(p, "new-project-button").click();
  await tid(p, "project-create-submit").click();
  await p.getByText("Project title cannot be empty").waitFor();
  await shot(p, "02-new-project-error");
  await p.keyboard.press("Escape");

  // Empty state
  const empty = await page("?mock=empty");
  await empty.getByText("Start your first project").waitFor();
  await shot(empty, "03-empty");
  await empty.context().close();

  // Project page
  await tid(p, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(p, "project-page-title").waitFor();
  await tid(p, "activity-item").first().waitFor();
  await shot(p, "04-project");

  // Editor with unsaved changes
  await tid(p, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await p.locator("[data-testid=editor] .cm-content").waitFor();
  await p.locator(".cm-content").click();
  await p.keyboard.press("Control+End");
  await p.keyboard.type("\nPriya stares at him. Then laughs.\n");
  await tid(p, "save-status").filter({ hasText: "Unsaved changes" }).waitFor();
  await shot(p, "05-editor-unsaved");

  // Save, then history with a diff
  await p.keyboard.press("Control+s");
  await tid(p, "save-status").filter({ hasText: "Saved" }).waitFor();
  await tid(p, "history-button").click();
  await tid(p, "revision-row").nth(1).click();
  await tid(p, "diff-insert").first().waitFor();
  await shot(p, "06-history-diff");

  // Settings, and the keyboard help over it
  await tid(p, "settings-button").click();
  await tid(p, "verify-button").waitFor();
  await p.keyboard.press("?");
  await p.getByRole("heading", { name: "Keyboard shortcuts" }).waitFor();
  await shot(p, "07-shortcuts");
  await p.keyboard.press("Escape");
  await tid(p, "verify-button").click();
  await tid(p, "verify-result").waitFor();
  await shot(p, "08-settings");
  await p.context().close();

  // Tampered log, startup error, dark scheme
  const bad = await page("?mock=tampered#/settings");
  await tid(bad, "verify-button").click();
  await tid(bad, "verify-result").waitFor();
  await shot(bad, "09-settings-tampered");
  await bad.context().close();

  const start = await page("?mock=startup-error");
  await start.getByTestId("startup-error").waitFor();
  await shot(start, "10-startup-error");
  await start.context().close();

  const dark = await page("", "dark");
  await tid(dark, "project-card").first().waitFor();
  await shot(dark, "11-projects-dark");
  await tid(dark, "project-card").first().click();
  await tid(dark, "document-row").first().click();
  await tid(dark, "history-button").click();
  await tid(dark, "diff-insert").first().waitFor();
  await shot(dark, "12-history-dark");
  await dark.context().close();

  // Someone else saves while we edit: the conflict banner, then the leave guard.
  const c = await page("#/projects");
  await tid(c, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(c, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await c.locator("[data-testid=editor] .cm-content").waitFor();
  await c.evaluate(() => {
    const m = window.__greenlightMock;
    const d = [...m.documents.values()].find((x) => x.title === "The Night Shoot");
    const head = m.revisions.get(d.headRevisionId);
    m.setProfileName("Jonah Reyes");
    m.saveRevision(d.id, d.headRevisionId, head.text.replace("She asked for a minute.", "She said five minutes."));
    m.setProfileName("Maya Okafor");
  });
  await c.locator(".cm-content").click();
  await c.keyboard.press("Control+Home");
  await c.keyboard.type("FADE IN:\n\n");
  await tid(c, "save-button").click();
  await c.getByText("Someone else saved a newer revision").waitFor();
  await shot(c, "13-conflict");
  await tid(c, "back-button").click();
  await c.getByRole("heading", { name: "Leave without saving?" }).waitFor();
  await shot(c, "14-leave-guard");
  await c.getByRole("button", { name: "Keep editing" }).click();
  await c.getByRole("button", { name: "Reload latest" }).click();
  await tid(c, "save-status").filter({ hasText: "Saved" }).waitFor();
  await tid(c, "toast").first().waitFor();
  await shot(c, "15-reloaded-toast");
  await c.context().close();

  // Screenplay formats: scene navigator, characters, export dialog, drag and drop import.
  const sp = await page("#/projects");
  await tid(sp, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(sp, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await tid(sp, "scene-item").first().waitFor();
  await tid(sp, "scene-item").nth(3).click();
  await sp.locator("[data-testid=scene-item][aria-current=location]").waitFor();
  await shot(sp, "17-scene-navigator");
  await tid(sp, "characters-tab").click();
  await tid(sp, "character-item").first().waitFor();
  await shot(sp, "18-characters");
  await tid(sp, "character-item").filter({ hasText: "TOMMY" }).click();
  await sp.getByText("Scenes with").waitFor();
  await shot(sp, "19-character-scenes");
  await tid(sp, "export-button").click();
  await tid(sp, "export-format-select").waitFor();
  await sp.keyboard.press("Escape");
  await tid(sp, "export-format-select").waitFor({ state: "detached" });
  // The same dialog from the native File menu (the shell's `menu` event, simulated).
  await sp.evaluate(() => window.__greenlightEmit("menu", "export"));
  await tid(sp, "export-format-select").waitFor();
  await shot(sp, "20-export-dialog");
  await tid(sp, "export-confirm").click();
  await tid(sp, "toast").filter({ hasText: "Exported" }).waitFor();
  await shot(sp, "21-exported");
  // Drop files from the OS onto the project page (Tauri's drag-drop events, simulated).
  await tid(sp, "back-button").click();
  await tid(sp, "project-page-title").waitFor();
  const dropped = ["/home/maya/Scripts/Pilot.fdx", "/home/maya/Scripts/Notes.md", "/home/maya/Pictures/storyboard.png"];
  await sp.evaluate((paths) => window.__greenlightEmit("tauri://drag-enter", { paths, position: { x: 400, y: 300 } }), dropped);
  await tid(sp, "drop-overlay").waitFor();
  await shot(sp, "22-drop-overlay");
  await sp.evaluate((paths) => window.__greenlightEmit("tauri://drag-drop", { paths, position: { x: 400, y: 300 } }), dropped);
  await tid(sp, "document-row").filter({ hasText: "Notes" }).waitFor();
  await shot(sp, "23-import-warnings");
  await sp.context().close();

  const spDark = await page("#/projects", "dark");
  await tid(spDark, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(spDark, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await tid(spDark, "scene-item").nth(1).click();
  await spDark.keyboard.press("ArrowDown");
  await spDark.keyboard.press("ArrowDown");
  await spDark.keyboard.type("Rain drips through a crack in the ceiling. ");
  await tid(spDark, "scenes-stale").waitFor();
  await shot(spDark, "24-scenes-dark-unsaved");
  await spDark.context().close();

  // AI: providers in settings, the add dialog, a connection test.
  const ai = await page("#/settings");
  await tid(ai, "provider-row").nth(3).waitFor();
  await ai.locator("[data-testid=provider-row][data-provider-id=offline] [data-testid=provider-test]").click();
  await tid(ai, "provider-row").filter({ hasText: "Ollama" }).getByTestId("provider-test").click();
  await tid(ai, "provider-test-result").nth(1).waitFor();
  await tid(ai, "providers-section").scrollIntoViewIfNeeded();
  await shot(ai, "25-settings-providers");
  await tid(ai, "add-provider-button").click();
  await tid(ai, "provider-kind-select").selectOption("anthropic");
  await tid(ai, "provider-name-input").fill("Anthropic (team)");
  await tid(ai, "provider-save").click();
  await ai.getByText("Anthropic needs an API key.").waitFor();
  await shot(ai, "26-add-provider");
  await tid(ai, "provider-kind-select").selectOption("openai_compatible");
  await tid(ai, "provider-name-input").fill("LM Studio");
  await tid(ai, "provider-url-input").fill("http://127.0.0.1:1234/v1");
  await tid(ai, "provider-model-input").fill("qwen2.5-7b-instruct");
  await tid(ai, "provider-save").click();
  await tid(ai, "provider-row").filter({ hasText: "LM Studio" }).waitFor();
  await ai.context().close();

  // The project's AI policy.
  const pol = await page("#/projects");
  await tid(pol, "project-card").filter({ hasText: "Salt & Iron" }).click();
  await tid(pol, "policy-button").click();
  await tid(pol, "policy-local-only").waitFor();
  await tid(pol, "policy-allow-some").check();
  await pol.locator("[data-testid=policy-provider][data-provider-id=offline]").check();
  await tid(pol, "policy-names-input").fill("Harbourmaster Dekker");
  await pol.keyboard.press("Enter");
  await shot(pol, "27-policy-dialog");
  await tid(pol, "policy-save").click();
  await tid(pol, "policy-local-only").waitFor({ state: "detached" });
  await shot(pol, "28-project-policy-saved");
  await pol.context().close();

  // The AI panel: streaming a variation of a selection, finished, cancelled, blocked, failed.
  const ed = await page("?mock=slow#/projects");
  await tid(ed, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(ed, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await ed.locator("[data-testid=editor] .cm-content").waitFor();
  await tid(ed, "ai-button").click();
  await tid(ed, "ai-panel").waitFor();
  await tid(ed, "ai-provider-select").selectOption({ label: "Anthropic — claude-sonnet-4-5 · Remote" });
  await ed.locator(".cm-line").nth(4).click();
  await ed.keyboard.down("Shift");
  for (let i = 0; i < 6; i++) await ed.keyboard.press("ArrowDown");
  await ed.keyboard.up("Shift");
  await tid(ed, "ai-selection").waitFor();
  await ed.getByRole("button", { name: "Punch up the dialogue" }).click();
  await tid(ed, "ai-variation").click();
  await tid(ed, "ai-retry").waitFor();
  await shot(ed, "29-ai-retrying");
  await tid(ed, "ai-status").filter({ hasText: "Streaming" }).waitFor();
  await ed.waitForFunction(() => (document.querySelector("[data-testid=ai-output]")?.textContent ?? "").split(" ").length > 14);
  await shot(ed, "30-ai-streaming");
  await ed.keyboard.press("Escape");
  await tid(ed, "ai-status").filter({ hasText: "Cancelled" }).waitFor();
  await shot(ed, "31-ai-cancelled");
  await ed.context().close();

  const done = await page("#/projects");
  await tid(done, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(done, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await done.locator("[data-testid=editor] .cm-content").waitFor();
  await done.keyboard.press("Control+Shift+A");
  await tid(done, "ai-summarize").click();
  await tid(done, "ai-status").filter({ hasText: "Done" }).waitFor({ timeout: 30_000 });
  await tid(done, "ai-panel").locator("[data-scroll]").evaluate((el) => el.scrollTo({ top: 0 }));
  await shot(done, "32-ai-done");
  await done.getByText("Past runs of this document").click();
  await done.locator("[data-testid=ai-past-runs] li details").first().locator("summary").click();
  await tid(done, "ai-panel").locator("[data-scroll]").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await shot(done, "32b-ai-past-runs");
  await done.evaluate(() => window.__greenlightMock.ai.saveProvider(null, { name: "Flaky", kind: "openai_compatible", baseUrl: "http://10.0.0.7:8000/v1", model: "mixtral-8x7b", apiKey: null }));
  await tid(done, "ai-button").click();
  await tid(done, "ai-button").click();
  await tid(done, "ai-provider-select").selectOption({ label: "Flaky — mixtral-8x7b · Remote" });
  await tid(done, "ai-summarize").click();
  await tid(done, "ai-status").filter({ hasText: "Failed" }).waitFor({ timeout: 30_000 });
  await shot(done, "33-ai-failed");
  await done.context().close();

  const blk = await page("#/projects");
  await tid(blk, "project-card").filter({ hasText: "Salt & Iron" }).click();
  await tid(blk, "document-row").first().click();
  await blk.locator("[data-testid=editor] .cm-content").waitFor();
  await tid(blk, "ai-button").click();
  await tid(blk, "ai-provider-select").selectOption({ label: "Anthropic — claude-sonnet-4-5 · Remote" });
  await tid(blk, "ai-summarize").click();
  await tid(blk, "ai-status").filter({ hasText: "Blocked" }).waitFor();
  await shot(blk, "34-ai-blocked");
  await blk.context().close();

  const aiDark = await page("#/projects", "dark");
  await tid(aiDark, "project-card").filter({ hasText: "The Night Shoot" }).click();
  await tid(aiDark, "document-row").filter({ hasText: "The Night Shoot" }).click();
  await aiDark.locator("[data-testid=editor] .cm-content").waitFor();
  await tid(aiDark, "ai-button").click();
  await tid(aiDark, "ai-summarize").click();
  await aiDark.waitForFunction(() => (document.querySelector("[data-testid=ai-output]")?.textContent ?? "").split(" ").length > 20);
  await shot(aiDark, "35-ai-streaming-dark");
  await aiDark.context().close();

  // A missing project: an error toast and a calm page
  const nf = await page("#/p/prj_missing");
  await tid(nf, "toast").first().waitFor();
  await shot(nf, "16-not-found");
  await nf.context().close();
} finally {
  await browser.close();
  server?.kill();
}

if (errors.length) {
  console.error(`Page errors:\n  ${errors.join("\n  ")}`);
  process.exit(1);
}
