// Takes the README's screenshot of the real app: the sample screenplay open in the editor with
// its history. Run under Xvfb (the picture is taken with ImageMagick's `import`, which shows
// the real window, not a WebDriver re-render):
//   dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' node tests/e2e/screenshot.mjs [out.png]
// SHOT_VIEW: ai (default), history, editor, conflict (a save refused because the CLI saved the
// same line meanwhile) or resolve (the same, after Merge: the marked conflict in the editor).
import { remote, Key } from "webdriverio";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const app = process.env.GREENLIGHT_APP ?? path.join(root, "target/release/greenlight-app");
const out = process.argv[2] ?? path.join(root, "docs/screenshot.png");
const view = process.env.SHOT_VIEW ?? "ai";
const cli = process.env.GREENLIGHT_CLI ?? path.join(path.dirname(app), "greenlight");
const port = 4490;
const dataDir = mkdtempSync(path.join(tmpdir(), "gl-shot-"));
// "Just me" answered in advance: the first run would otherwise ask where projects live.
writeFileSync(path.join(dataDir, "database.json"), JSON.stringify({ mode: "local" }));
if ((view === "conflict" || view === "resolve") && !existsSync(cli)) throw new Error(`no CLI at ${cli} (GREENLIGHT_CLI)`);
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", "4491"], {
  env: { ...process.env, GREENLIGHT_DATA_DIR: dataDir, RUST_LOG: "warn" },
  stdio: "ignore",
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(1500);
const b = await remote({
  hostname: "127.0.0.1",
  port,
  logLevel: "error",
  capabilities: { browserName: "wry", "tauri:options": { application: app }, "wdio:enforceWebDriverClassic": true },
});
try {
  const click = async (sel) => {
    const el = await b.$(sel);
    await el.waitForDisplayed({ timeout: 15000 });
    await el.click();
  };
  await click('[data-testid="project-card"]');
  await (await b.$('[data-testid="document-row"]')).waitForDisplayed({ timeout: 15000 });
  const rows = await b.$$('[data-testid="document-row"]');
  for (const r of rows) {
    if ((await r.getAttribute("data-title")) === "The Night Shoot") {
      await r.click();
      break;
    }
  }
  await (await b.$(".cm-content")).waitForDisplayed({ timeout: 15000 });
  if (view === "history") await click('[data-testid="history-button"]');
  if (view === "ai") {
    // The offline engine summarizes the sample: no network, no key.
    await click('[data-testid="ai-button"]');
    await click('[data-testid="ai-summarize"]');
    const status = await b.$('[data-testid="ai-status"]');
    await b.waitUntil(async () => /Done/i.test(await status.getText()), { timeout: 15000 });
  }
  if (view === "conflict" || view === "resolve") {
    // This desk and a second client (the CLI) change the same line of dialogue; the CLI also
    // changes a later line, which merges cleanly.
    const docId = decodeURIComponent(await b.execute(() => location.hash.split("/").pop()));
    const run = (args, input) => execFileSync(cli, ["--data-dir", dataDir, ...args], { input }).toString();
    const base = run(["doc", "export", docId]);
    const edited = base.replace("at six", "at half past five").replace("BLUE CUP", "BLUE MUG");
    // Select "at six" with the editor's search, then type over it.
    await (await b.$(".cm-content")).click();
    await b.keys([Key.Ctrl, "f"]);
    for (const ch of "at six") await b.keys(ch);
    await b.keys([Key.Enter]);
    await b.keys([Key.Escape]);
    for (const ch of "at five") await b.keys(ch);
    run(["doc", "save", docId], edited);
    await b.keys([Key.Ctrl, "s"]);
    const summary = await b.$('[data-testid="conflict-summary"]');
    await b.waitUntil(async () => /one place|places/.test(await summary.getText()), { timeout: 15000 });
    if (view === "resolve") {
      await click('[data-testid="conflict-merge"]');
      await (await b.$('[data-testid="resolve-bar"]')).waitForDisplayed({ timeout: 15000 });
    }
  }
  await sleep(1500);
  execFileSync("import", ["-window", "root", out]);
  console.log(`wrote ${out}`);
} finally {
  await b.deleteSession().catch(() => {});
  driver.kill();
}
