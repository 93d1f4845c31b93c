// Benchmark: memory of the whole process tree (app + WebKit web and network processes) as PSS,
// idle with the sample project's screenplay open in the editor. Release build, under Xvfb,
// driven by tauri-driver (WebKit's automation mode is on, as in every WebDriver run).
//
//   dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' node tests/bench/memory.mjs
//
// Prints each process's PSS, the total, over 5 samples one second apart, and their median.

import { remote } from "../e2e/node_modules/webdriverio/build/index.js";
import { spawn, execSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const app = process.env.GREENLIGHT_APP ?? path.join(root, "target/release/greenlight-app");
const port = 4477;
const dataDir = mkdtempSync(path.join(tmpdir(), "greenlight-mem-"));
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", "4478"], {
  env: { ...process.env, GREENLIGHT_DATA_DIR: dataDir, RUST_LOG: "warn" },
  stdio: "ignore",
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(1500);

function children(pid) {
  const out = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(d), ...children(Number(d)));
    } catch {}
  }
  return out;
}

function pssKb(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0);
}

const b = await remote({
  hostname: "127.0.0.1",
  port,
  logLevel: "error",
  capabilities: {
    browserName: "wry",
    "tauri:options": { application: app },
    "wdio:enforceWebDriverClassic": true,
  },
});
try {
  const card = await b.$('[data-testid="project-card"]');
  await card.waitForDisplayed({ timeout: 15000 });
  await card.click();
  const row = await b.$('[data-testid="document-row"]');
  await row.waitForDisplayed({ timeout: 15000 });
  await row.click();
  await (await b.$(".cm-content")).waitForDisplayed({ timeout: 15000 });
  await sleep(3000);

  const appPid = Number(execSync(`pgrep -n -f '^${app}'`).toString().trim());
  const totals = [];
  for (let i = 0; i < 5; i++) {
    const pids = [appPid, ...children(appPid)];
    let total = 0;
    const parts = [];
    for (const pid of pids) {
      const kb = pssKb(pid);
      total += kb;
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      parts.push(`${name} ${(kb / 1024).toFixed(1)} MB`);
    }
    totals.push(total);
    console.log(`sample ${i + 1}: total PSS ${(total / 1024).toFixed(1)} MB (${parts.join(", ")})`);
    await sleep(1000);
  }
  totals.sort((x, y) => x - y);
  console.log(`median total PSS: ${(totals[2] / 1024).toFixed(1)} MB`);
} finally {
  await b.deleteSession().catch(() => {});
  driver.kill();
}
