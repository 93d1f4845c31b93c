// Fails the production build if any part of the mock backend reached ui/dist.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dist = new URL("../dist/", import.meta.url).pathname;
const markers = ["mockIPC", "MockBackend", "__greenlightMock", "mock backend installed", "The Night Shoot"];
const hits = [];
for (const f of readdirSync(join(dist, "assets"))) {
  if (!/\.(js|css|html)$/.test(f)) continue;
  const text = readFileSync(join(dist, "assets", f), "utf8");
  for (const m of markers) if (text.includes(m)) hits.push(`${f}: ${m}`);
}
if (hits.length) {
  console.error(`Mock code found in the production bundle:\n  ${hits.join("\n  ")}`);
  process.exit(1);
}
console.log("dist is free of mock code");
