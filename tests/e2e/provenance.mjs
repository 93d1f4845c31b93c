// End-to-end tests of the signed record in the real app: Settings verifies every event and
// signature; an event edited in the database file by hand (with sqlite3, as a tamperer would)
// is named; a new signing key is made, the old one listed as retired, and the record stays
// intact; the CLI checks the database against an earlier report. Registered by run.mjs.

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

/** `h`: { test, artifacts, dataDir, visible, textOf, until, newProject, greenlight } */
export function provenanceTests(h) {
  const { test, artifacts, dataDir, visible, textOf, until, newProject } = h;
  const shot = (name) => process.env.E2E_SHOTS && execFileSync("import", ["-window", "root", path.join(artifacts, name)]);
  const db = path.join(dataDir, "greenlight.db");
  const sqlite = (sql) => execFileSync("sqlite3", [db, sql]).toString();

  async function verifyInApp(b) {
    await (await visible(b, "verify-button")).click();
    return until("the verification result", async () => {
      const t = await textOf(b, "verify-result").catch(() => "");
      return /intact|altered/.test(t) ? t : null;
    }, 20_000);
  }

  async function dismissToasts(b) {
    for (const close of await b.$$('[data-testid="toast"] button.close')) await close.click().catch(() => {});
  }

  test("signed record: Settings verifies every signature, names an event edited in the database file, makes a new key; the CLI checks against an earlier report", async (b) => {
    await newProject(b, "Signed Record");
    await until("project page", async () => (await textOf(b, "project-page-title")).includes("Signed Record"));
    await (await visible(b, "settings-button")).click();
    const intact = await verifyInApp(b);
    if (!/The log is intact/.test(intact) || !/\d+ signatures/.test(intact)) throw new Error(`verify says: ${intact}`);
    const firstKey = await textOf(b, "signing-key-id");
    if (!/^[0-9a-f]{12}…$/.test(firstKey)) throw new Error(`the key shows as "${firstKey}"`);

    // A tamperer edits the project's creation in the file, triggers dropped.
    const [chain, seq] = sqlite(
      "SELECT chain, seq FROM events WHERE kind = 'project.created' AND payload LIKE '%Signed Record%'",
    )
      .trim()
      .split("|");
    sqlite(
      "DROP TRIGGER events_append_only_update; UPDATE events SET payload = replace(payload, 'Signed Record', 'Forged Record') WHERE kind = 'project.created' AND payload LIKE '%Signed Record%';",
    );
    try {
      const altered = await verifyInApp(b);
      if (!altered.includes("The log has been altered")) throw new Error(`after tampering verify says: ${altered}`);
      const problems = await textOf(b, "verify-problems");
      if (!problems.includes("project “Signed Record”") || !problems.includes(`event #${seq}`) || !/changed/.test(problems)) {
        throw new Error(`the problem reads: ${problems}`);
      }
      await b.execute(() => document.querySelector('[data-testid="verify-result"]')?.scrollIntoView({ block: "center" }));
      shot("verify-tampered.png");
      const cli = (() => {
        try {
          h.greenlight(["verify"]);
          return null;
        } catch (e) {
          return e.stdout?.toString() ?? "";
        }
      })();
      if (cli === null || !cli.includes(`BROKEN: project “Signed Record” [chain ${chain}] at event #${seq}`)) throw new Error(`the CLI says: ${cli}`);
    } finally {
      sqlite(
        "UPDATE events SET payload = replace(payload, 'Forged Record', 'Signed Record') WHERE kind = 'project.created' AND payload LIKE '%Forged Record%'; CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;",
      );
    }
    if (!(await verifyInApp(b)).includes("The log is intact")) throw new Error("the restored record does not verify");

    // A report now, to check the database against later.
    const report = path.join(artifacts, "verify-report.json");
    writeFileSync(report, h.greenlight(["--json", "verify"]));

    // A new key: the old one is listed as retired; both verify.
    await dismissToasts(b);
    await (await visible(b, "signing-key-rotate")).click();
    await (await visible(b, "signing-key-rotate-confirm")).click();
    const secondKey = await until("the new key", async () => {
      const k = await textOf(b, "signing-key-id");
      return k !== firstKey ? k : null;
    });
    const history = await textOf(b, "signing-key-history");
    if (!history.includes(firstKey) || !history.includes("retired")) throw new Error(`the earlier keys read: ${history}`);
    const after = await verifyInApp(b);
    if (!after.includes("The log is intact")) throw new Error(`after the new key verify says: ${after}`);
    shot("signing-key.png");
    if (secondKey === firstKey) throw new Error("the key did not change");
    const against = h.greenlight(["verify", "--against", report]);
    if (!/^intact: \d+ events in \d+ chains/.test(against) || !/chain heads of the earlier report are still on their chains/.test(against)) {
      throw new Error(`verify --against says: ${against}`);
    }
  });
}
