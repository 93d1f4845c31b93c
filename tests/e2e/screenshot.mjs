// Takes the README's screenshot of the real app: the sample screenplay open in the editor with
// its history. Run under Xvfb (the picture is taken with ImageMagick's `import`, which shows
// the real window, not a WebDriver re-render):
//   dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' node tests/e2e/screenshot.mjs [out.png]
// SHOT_VIEW: ai (default), history, editor, summary (the sample summarized by scene with the
// offline engine, citations and reuse shown), variations (three takes on a passage from a fake
// OpenAI-compatible server, one being reviewed), conflict (a save refused because the CLI saved the
// same line meanwhile) or resolve (the same, after Merge: the marked conflict in the editor).
import { remote, Key } from "webdriverio";
import { createServer } from "node:http";
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

// A fake OpenAI-compatible server for the variations view (the panel hides the scene list while open): each request gets the next take,
// streamed in OpenAI's SSE format.
const TAKES = [
  "A kitchen set that has never seen a meal. Cables snake across the floor.",
  "A kitchen set nobody has ever cooked in. Cables coil across the floor.",
  "A kitchen set that has never cooked anything. Cables everywhere.",
];
let served = 0;
const fake = createServer((req, res) => {
  if (req.url?.endsWith("/models")) {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify({ data: [{ id: "fake-writer" }] }));
  }
  req.resume();
  req.on("end", async () => {
    const text = TAKES[served++ % TAKES.length];
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const word of text.match(/\S+\s*/g)) {
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: word } }] })}\n\n`);
      await sleep(30);
    }
    res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
    res.end("data: [DONE]\n\n");
  });
});
if (view === "variations") await new Promise((r) => fake.listen(0, "127.0.0.1", r));

/** Adds the fake server as a provider through Settings, from the projects list. */
async function addFakeProvider(b, click) {
  await click('[data-testid="settings-button"]');
  await click('[data-testid="add-provider-button"]');
  await (await b.$('[data-testid="provider-name-input"]')).setValue("Studio model");
  await (await b.$('[data-testid="provider-kind-select"]')).selectByAttribute("value", "openai_compatible");
  const url = await b.$('[data-testid="provider-url-input"]');
  await url.clearValue();
  await url.setValue(`http://127.0.0.1:${fake.address().port}/v1`);
  const model = await b.$('[data-testid="provider-model-input"]');
  await model.clearValue();
  await model.setValue("fake-writer");
  await click('[data-testid="provider-save"]');
  await sleep(800);
  await click('[data-testid="back-button"]');
}

async function reviewVariations(b, click) {
  // Select the passage with the editor's search, then ask for three tightened takes.
  await (await b.$(".cm-content")).click();
  await b.keys([Key.Ctrl, "f"]);
  for (const ch of "A kitchen set that has never cooked anything. Cables snake across the floor.") await b.keys(ch);
  await b.keys([Key.Enter]);
  await b.keys([Key.Escape]);
  await b.keys([Key.Ctrl, Key.Shift, "V"]);
  await click('[data-testid="variations-panel"] .chip');
  await click('[data-testid="ask"]');
  await b.waitUntil(async () => (await b.$$('[data-testid="take"]')).length === 3, { timeout: 20000 });
  const hunks = await b.$$('[data-testid="hunk"]');
  if (hunks.length) await hunks[0].click();
}
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
  if (view === "variations") await addFakeProvider(b, click);
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
  if (view === "variations") await reviewVariations(b, click);
  if (view === "history") await click('[data-testid="history-button"]');
  if (view === "summary") {
    await click('[data-testid="summary-button"]');
    await click('[data-testid="summary-run"]');
    await (await b.$('[data-testid="summary-stats"]')).waitForDisplayed({ timeout: 15000 });
  }
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
  fake.close();
}
