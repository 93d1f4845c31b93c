// End-to-end tests of the signed record in the real app: Settings verifies every event and
// signature; an event edited in the database file by hand (with sqlite3, as a tamperer would)
// is named; a new signing key is made, the old one listed as retired, and the record stays
// intact; the CLI checks the database against an earlier report. Registered by run.mjs.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/**
 * The legal view, registered after the variations test, whose accepted takes it reads.
 * `h`: { test, here, artifacts, visible, textOf, allById, until, openSampleDocument, answerFileDialog, greenlight }
 */
export function legalViewTests(h) {
  const { test, here, artifacts, visible, textOf, allById, until, openSampleDocument, answerFileDialog } = h;
  const shot = (name) => process.env.E2E_SHOTS && execFileSync("import", ["-window", "root", path.join(artifacts, name)]);

  /** Every page's text, read with pdf.js as a reader's app would. */
  async function pdfText(file) {
    // pdf.js expects Node 22's Promise.withResolvers; Node 20 lacks it.
    Promise.withResolvers ??= () => {
      let resolve, reject;
      const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
      return { promise, resolve, reject };
    };
    const pdfjs = await import(path.join(here, "..", "..", "ui", "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs"));
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => i.str).join(" "));
    }
    return { pages: doc.numPages, text: pages.join("\n") };
  }

  test("legal view: the script's accepted takes highlighted with their histories, AI-only; a disclosure recorded (a wrong one refused); the PDF report exported, read back, and looked at in the app", async (b) => {
    await openSampleDocument(b, "The Night Shoot");
    await (await visible(b, "provenance-button", 15_000)).click();
    await until("the legal view", async () => (await textOf(b, "provenance-title")) === "The Night Shoot");
    const spans = await until("the AI-touched spans", async () => {
      const s = await allById(b, "ai-span");
      return s.length >= 2 ? s : null;
    });
    const share = await textOf(b, "provenance-share");
    if (/^0 %/.test(share)) throw new Error(`the share reads "${share}"`);
    await spans[0].click();
    const model = await textOf(b, "span-history-model");
    if (!model.includes("fake-writer")) throw new Error(`the span's model reads "${model}"`);
    const accepted = await textOf(b, "span-history-accepted");
    if (!/^By .+, (as the model wrote it|edited before accepting)/.test(accepted)) throw new Error(`accepted reads "${accepted}"`);
    shot("legal-view.png");
    await (await visible(b, "provenance-ai-only")).click();
    const excerpts = await textOf(b, "provenance-excerpts");
    if (!excerpts.includes("…")) throw new Error(`the AI-only list reads "${excerpts}"`);
    shot("legal-view-ai-only.png");
    await (await visible(b, "provenance-ai-only")).click();

    // A performer's consent without its reference is refused, saying why; then the material
    // a model produced for this script is disclosed to its writer.
    await (await visible(b, "disclosure-new")).click();
    await (await visible(b, "disclosure-kind")).selectByAttribute("value", "performer_consent");
    await (await visible(b, "disclosure-performer")).setValue("Ines Moreau");
    await (await visible(b, "disclosure-use")).setValue("Her voice for the temp narration.");
    await (await visible(b, "disclosure-submit")).click();
    const refusal = await textOf(b, "disclosure-error");
    if (!/consent reference/i.test(refusal)) throw new Error(`the refusal reads "${refusal}"`);
    await (await visible(b, "disclosure-kind")).selectByAttribute("value", "material_provided");
    await (await visible(b, "disclosure-material")).setValue("The model's takes on the kitchen set (DISC-7).");
    await (await visible(b, "disclosure-submit")).click();
    await until("the disclosure on record", async () => {
      for (const d of await allById(b, "disclosure-item")) if ((await d.getText()).includes("DISC-7")) return true;
      return null;
    });
    shot("legal-view-disclosure.png");

    // The PDF report, through the real save dialog.
    const pdf = path.join(artifacts, "night-shoot-provenance.pdf");
    rmSync(pdf, { force: true });
    await (await visible(b, "report-export-pdf")).click();
    await answerFileDialog("Export the provenance report", pdf);
    await until("the report file", async () => existsSync(pdf) && statSync(pdf).size > 1000, 20_000);
    const read = await pdfText(pdf);
    for (const want of ["PROVENANCE REPORT", "The Night Shoot", "fake-writer", "DISC-7", "The record is intact.", "Passage 1"]) {
      if (!read.text.includes(want)) throw new Error(`the PDF lacks "${want}": ${read.text.slice(0, 600)}`);
    }
    // Looked at as a person would: in the app's own PDF viewer, page by page.
    const projects = JSON.parse(h.greenlight(["--json", "project", "list"]));
    const project = projects.find((p) => (p.project?.title ?? p.title).startsWith("The Night Shoot"));
    const imported = JSON.parse(h.greenlight(["--json", "asset", "import", pdf, "--project", project.project?.id ?? project.id]));
    const assetId = imported.asset?.id ?? imported.id;
    const legalHash = await b.execute(() => location.hash);
    await b.execute((id) => (location.hash = `#/a/${encodeURIComponent(id)}`), assetId);
    const pages = await until("the report in the PDF viewer", async () => {
      const t = await textOf(b, "pdf-page").catch(() => "");
      return /^Page 1 of \d+$/.test(t) ? t : null;
    }, 20_000);
    if (!pages.endsWith(` of ${read.pages}`)) throw new Error(`the viewer says "${pages}", pdf.js read ${read.pages} pages`);
    shot("report-pdf.png");
    // The legal view lists the project's assets with what their credentials say.
    await b.execute((h) => (location.hash = h), legalHash);
    const assets = await textOf(b, "provenance-assets", 15_000);
    if (!assets.includes("night-shoot-provenance.pdf") || !assets.includes("no Content Credentials")) throw new Error(`the assets read "${assets}"`);
    // The writer it was disclosed to sees it (here the one person on this computer).
    await (await visible(b, "inbox-button")).click();
    const mine = await textOf(b, "disclosed-to-me");
    if (!mine.includes("DISC-7")) throw new Error(`"Disclosed to you" reads "${mine}"`);
  });
}
