// End-to-end tests of assets in the real app: import through the GTK file dialog, preview
// through the `glasset:` protocol, comment on a region of an image, read a C2PA-signed sample's
// Content Credentials, page through a PDF. Registered by run.mjs, which owns the helpers.
//
// Fixtures: storyboard.png (ImageMagick); poster-signed.png, signed by
// `cargo run -p greenlight-core --example c2pa_sign -- poster.png tests/e2e/fixtures/poster-signed.png`
// with the throwaway certificate of crates/core/tests/fixtures/c2pa (valid until 2126);
// slate.webm, three seconds of colour bars in VP8 (GStreamer's own encoder, gstreamer1.0-tools):
// `gst-launch-1.0 videotestsrc num-buffers=72 pattern=smpte ! video/x-raw,width=320,height=180,framerate=24/1
//  ! vp8enc deadline=1 target-bitrate=200000 ! webmmux ! filesink location=slate.webm`.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** `h`: { test, here, artifacts, visible, textOf, allById, byId, until, newProject, answerFileDialog, typeInto, greenlight } */
export function assetTests(h) {
  const { test, here, artifacts, visible, textOf, allById, byId, until, newProject, answerFileDialog, typeInto } = h;
  const shot = (name) => process.env.E2E_SHOTS && execFileSync("import", ["-window", "root", path.join(artifacts, name)]);

  /** Records what the content security policy blocks from now on (the page is not reloaded by these tests). */
  async function watchCsp(b) {
    await b.execute(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }

  /** Dismisses the messages in the corner (they sit over the side panel's lowest buttons). */
  async function dismissToasts(b) {
    for (const close of await b.$$('[data-testid="toast"] button.close')) await close.click().catch(() => {});
  }

  async function noCspViolation(b) {
    const seen = await b.execute(() => window.__csp);
    if (!Array.isArray(seen) || seen.length > 0) throw new Error(`the content security policy blocked: ${JSON.stringify(seen)}`);
  }

  async function importAsset(b, file, name) {
    await (await visible(b, "asset-import-button")).click();
    await answerFileDialog("Import images", file);
    return until(`the asset row "${name}"`, async () => {
      for (const r of await allById(b, "asset-row")) if ((await r.getAttribute("data-name")) === name) return r;
      return null;
    }, 20_000);
  }

  test("assets: import an image through the file dialog, see it previewed, draw a region and comment on it", async (b) => {
    await watchCsp(b);
    await newProject(b, "Asset Feature");
    await until("project page", async () => (await textOf(b, "project-page-title")).includes("Asset Feature"));
    // A script in the page cannot import a file it names: a path posing as a dropped-file token is refused.
    const posing = await b.executeAsync((file, done) => {
      const projectId = location.hash.split("/").pop();
      window.__TAURI_INTERNALS__.invoke("asset_import_dropped", { projectId, tokens: [file] }).then(done, (e) => done({ error: e }));
    }, path.join(here, "fixtures", "storyboard.png"));
    if (posing.imported?.length !== 0 || posing.refused?.[0]?.error.code !== "not_found") throw new Error(`a path posing as a token: ${JSON.stringify(posing)}`);
    const row = await importAsset(b, path.join(here, "fixtures", "storyboard.png"), "storyboard.png");
    await row.click();
    await until("the asset page", async () => (await textOf(b, "asset-title")) === "storyboard.png");
    // The preview is read from the glasset: protocol by version id: it decodes at its real size.
    const size = await until("the image decoded", async () => {
      const s = await b.execute(() => {
        const img = document.querySelector('[data-testid="asset-image"]');
        return img && img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight, img.src] : null;
      });
      return s;
    });
    if (size[0] !== 640 || size[1] !== 400) throw new Error(`the preview decoded as ${JSON.stringify(size)}`);
    if (!/^glasset:\/\/localhost\/[0-9a-f-]{36}$/.test(size[2])) throw new Error(`the preview's URL is ${size[2]}`);
    // The protocol answers byte ranges (as a video or pdf.js asks) and nothing but known version ids.
    const probe = await b.executeAsync((src, done) => {
      const get = (url, range) =>
        fetch(url, range ? { headers: { Range: range } } : {}).then(
          async (r) => ({ status: r.status, range: r.headers.get("Content-Range"), type: r.headers.get("Content-Type"), bytes: [...new Uint8Array(await r.arrayBuffer())] }),
          (e) => ({ error: String(e) }),
        );
      Promise.all([
        get(src, "bytes=0-7"),
        get(src, "bytes=-4"),
        get("glasset://localhost/00000000-0000-7000-8000-000000000000"),
        get("glasset://localhost/..%2F..%2F..%2Fetc%2Fpasswd"),
      ]).then(done);
    }, size[2]);
    const [head, tail, unknown, traversal] = probe;
    const png = [137, 80, 78, 71, 13, 10, 26, 10];
    if (head.status !== 206 || head.type !== "image/png" || JSON.stringify(head.bytes) !== JSON.stringify(png) || !/^bytes 0-7\/\d+$/.test(head.range ?? ""))
      throw new Error(`the first 8 bytes came back as ${JSON.stringify(head)}`);
    const total = Number(head.range.split("/")[1]);
    if (tail.status !== 206 || tail.range !== `bytes ${total - 4}-${total - 1}/${total}` || JSON.stringify(tail.bytes) !== JSON.stringify([0xae, 0x42, 0x60, 0x82]))
      throw new Error(`the last 4 bytes came back as ${JSON.stringify(tail)}`);
    if (unknown.status !== 404 || traversal.status !== 404) throw new Error(`unknown ids were answered: ${JSON.stringify([unknown.status, traversal.status, traversal.error])}`);
    const target = await textOf(b, "comment-target");
    if (!/Drag on the image/.test(target)) throw new Error(`before drawing, the comment box says "${target}"`);

    // Drag a rectangle over the square on the right of the storyboard (380,120–560,300 of 640×400).
    const stage = await visible(b, "image-stage");
    const box = await b.execute(() => {
      const r = document.querySelector('[data-testid="asset-image"]').getBoundingClientRect();
      return [r.width, r.height];
    });
    const at = (x, y) => ({ origin: stage, x: Math.round((x / 640 - 0.5) * box[0]), y: Math.round((y / 400 - 0.5) * box[1]) });
    await b
      .action("pointer", { parameters: { pointerType: "mouse" } })
      .move(at(380, 120))
      .down({ button: 0 })
      .move({ ...at(470, 210), duration: 100 })
      .move({ ...at(560, 300), duration: 100 })
      .up({ button: 0 })
      .perform();
    await visible(b, "region-draft");
    await until("the comment box on the region", async () => (await textOf(b, "comment-target")).includes("region"));
    await (await visible(b, "comment-input")).click();
    await typeInto(b, "Move the door left.");
    await dismissToasts(b);
    await (await visible(b, "comment-add")).click();
    await until("the thread listed", async () => {
      for (const c of await allById(b, "comment-body")) if ((await c.getText()) === "Move the door left.") return true;
      return false;
    });
    const regions = await until("the region drawn over the image", async () => {
      const r = await allById(b, "region");
      return r.length === 1 ? r : null;
    });
    // Clicking the thread highlights its region.
    await (await visible(b, "comment-where")).click();
    await until("the region highlighted", async () => (await regions[0].getAttribute("class")).includes("active"));
    shot("asset-region.png");
    await noCspViolation(b);

    // The image's version goes through the review workflow like a revision: request, approve the draft.
    await (await visible(b, "review-request-button")).click();
    await until("the asset's review in review", async () => (await (await visible(b, "review-status")).getAttribute("data-status")) === "in_review");
    await (await visible(b, "verdict-approve")).click();
    await until("its draft stage approved", async () => {
      const el = await b.$('[data-testid="review-stage"][data-stage="draft"]');
      return (await el.isExisting()) && (await el.getAttribute("data-state")) === "approved";
    });
    shot("asset-review.png");

    // What was stored: a region of this version, where the rectangle was drawn.
    const assetId = decodeURIComponent(await b.execute(() => location.hash.split("/").pop()));
    const [comment] = JSON.parse(h.greenlight(["--json", "comment", "list", assetId]));
    const a = comment.anchor;
    const near = (v, want) => Math.abs(v - want) < 250; // within 2.5 % of the image
    if (a.kind !== "region" || !near(a.x, 5938) || !near(a.y, 3000) || !near(a.width, 2813) || !near(a.height, 4500))
      throw new Error(`the comment's anchor is ${JSON.stringify(a)}`);
  });

  test("assets: a C2PA-signed image shows its Content Credentials (claim generator, AI-generated, valid); a PDF pages through", async (b) => {
    await watchCsp(b);
    await newProject(b, "Credentials Feature");
    await until("project page", async () => (await textOf(b, "project-page-title")).includes("Credentials Feature"));
    const row = await importAsset(b, path.join(here, "fixtures", "poster-signed.png"), "poster-signed.png");
    const badge = await row.$('[data-testid="asset-badge"]');
    if ((await badge.getText()) !== "AI-generated") throw new Error(`the list's badge says "${await badge.getText()}"`);
    shot("asset-list.png");
    await row.click();
    await until("the credentials", async () => (await textOf(b, "credentials-validity")).startsWith("Valid"));
    const generator = await textOf(b, "credentials-generator");
    if (generator !== "Test Diffusion Studio 2") throw new Error(`claim generator: "${generator}"`);
    const ai = await textOf(b, "credentials-ai");
    if (ai !== "Yes") throw new Error(`AI-generated: "${ai}"`);
    const actions = await textOf(b, "credentials-actions");
    if (!actions.includes("created") || !actions.includes("trainedAlgorithmicMedia")) throw new Error(`actions: "${actions}"`);
    const codes = await textOf(b, "credentials-codes");
    if (!codes.includes("signingCredential.untrusted")) throw new Error(`status codes: "${codes}"`);
    shot("asset-credentials.png");

    // The same file with its pixels changed after signing: the credentials read as invalid,
    // and what they claim is not repeated as fact.
    const signed = readFileSync(path.join(here, "fixtures", "poster-signed.png"));
    const tampered = Buffer.from(signed);
    tampered[signed.indexOf("IDAT") + 10] ^= 0xff;
    const tamperedPath = path.join(artifacts, "poster-tampered.png");
    writeFileSync(tamperedPath, tampered);
    await (await visible(b, "back-button")).click();
    const bad = await importAsset(b, tamperedPath, "poster-tampered.png");
    const badBadge = await (await bad.$('[data-testid="asset-badge"]')).getText();
    if (badBadge !== "Credentials invalid") throw new Error(`a tampered file's badge says "${badBadge}"`);
    await bad.click();
    await until("the invalid credentials", async () => (await textOf(b, "credentials-validity")).startsWith("Invalid"));
    const claimed = await textOf(b, "credentials-ai");
    if (claimed === "Yes") throw new Error("an invalid manifest's AI claim is shown as fact");
    if (!(await textOf(b, "credentials-codes")).includes("assertion.dataHash.mismatch")) throw new Error("the mismatch is not named");
    shot("asset-credentials-invalid.png");

    // A PDF (the Final Draft fixture exported by the CLI) is drawn page by page by pdf.js.
    const pdf = path.join(artifacts, `Diner-${Date.now()}.pdf`);
    h.greenlight(["doc", "export", path.join(here, "fixtures", "Diner.fdx"), "-o", pdf]);
    await (await visible(b, "back-button")).click();
    const pdfRow = await importAsset(b, pdf, path.basename(pdf));
    await pdfRow.click();
    await until("the PDF read", async () => /^Page 1 of \d+$/.test(await textOf(b, "pdf-page", 20_000)));
    await until("the page drawn", async () =>
      b.execute(() => {
        const c = document.querySelector('[data-testid="pdf-canvas"]');
        if (!c || c.width === 0) return false;
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) return true; // some dark ink
        return false;
      }),
    20_000);
    const target = await textOf(b, "comment-target");
    if (target !== "Comment on page 1") throw new Error(`the PDF's comment box says "${target}"`);
    shot("asset-pdf.png");
    if (await (await byId(b, "preview-error")).isExisting()) throw new Error("the PDF preview reports an error");
    await noCspViolation(b);
  });

  test("assets: an audio file plays (on Linux from the loopback media server, with ranges) and a comment goes at the player's time", async (b) => {
    await watchCsp(b);
    // A failed player says why in the test's message.
    await b.execute(() =>
      document.addEventListener("error", (e) => e.target.tagName === "AUDIO" && (window.__mediaErr = [e.target.error?.code, e.target.error?.message, e.target.currentSrc]), true),
    );
    await newProject(b, "Audio Feature");
    await until("project page", async () => (await textOf(b, "project-page-title")).includes("Audio Feature"));
    const wav = path.join(artifacts, "room-tone.wav");
    writeFileSync(wav, sineWav(4, 440));
    await (await importAsset(b, wav, "room-tone.wav")).click();
    const duration = await until("the audio's duration (read through ranges)", async () =>
      b.execute(() => {
        const a = document.querySelector('[data-testid="asset-audio"]');
        if (a && Number.isFinite(a.duration) && a.duration > 0) return a.duration;
        const e = document.querySelector('[data-testid="preview-error"]');
        return a ? null : `no player${e ? `: ${e.textContent}` : ""} ${JSON.stringify(window.__mediaErr ?? null)}`;
      }),
    20_000);
    if (typeof duration === "string") throw new Error(duration);
    if (Math.abs(duration - 4) > 0.1) throw new Error(`the audio lasts ${duration} s`);
    // WebKitGTK's player cannot read a custom scheme: it reads the shell's loopback server,
    // which answers ranges with the token and nothing without it.
    const src = await b.execute(() => document.querySelector('[data-testid="asset-audio"]').currentSrc);
    if (!/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/[0-9a-f-]{36}$/.test(src)) throw new Error(`the player reads ${src}`);
    const part = await fetch(src, { headers: { Range: "bytes=0-3" } });
    const riff = Buffer.from(await part.arrayBuffer()).toString();
    if (part.status !== 206 || riff !== "RIFF" || part.headers.get("content-type") !== "audio/wav") throw new Error(`a range came back ${part.status} ${riff}`);
    const guessed = await fetch(src.replace(/\/[0-9a-f]{32}\//, `/${"0".repeat(32)}/`));
    if (guessed.status !== 404) throw new Error(`without the token the server answered ${guessed.status}`);
    await b.execute(() => {
      document.querySelector('[data-testid="asset-audio"]').currentTime = 2.5;
    });
    await until("the comment box at 0:02", async () => (await textOf(b, "comment-target")) === "Comment at 0:02");
    await (await visible(b, "comment-input")).click();
    await typeInto(b, "Hum here.");
    await dismissToasts(b);
    await (await visible(b, "comment-add")).click();
    await until("the time thread", async () => (await textOf(b, "comment-where")).includes("At 0:02"));
    const assetId = decodeURIComponent(await b.execute(() => location.hash.split("/").pop()));
    const [comment] = JSON.parse(h.greenlight(["--json", "comment", "list", assetId]));
    if (comment.anchor.kind !== "time" || Math.abs(comment.anchor.startMs - 2500) > 50) throw new Error(`the anchor is ${JSON.stringify(comment.anchor)}`);
    shot("asset-audio.png");
    await noCspViolation(b);
  });

  test("assets: a WebM video is previewed and plays (decoded frames counted), and a comment goes at the player's time", async (b) => {
    await watchCsp(b);
    await b.execute(() =>
      document.addEventListener("error", (e) => e.target.tagName === "VIDEO" && (window.__mediaErr = [e.target.error?.code, e.target.error?.message, e.target.currentSrc]), true),
    );
    await newProject(b, "Video Feature");
    await until("project page", async () => (await textOf(b, "project-page-title")).includes("Video Feature"));
    await (await importAsset(b, path.join(here, "fixtures", "slate.webm"), "slate.webm")).click();
    const meta = await until("the video's size and duration", async () =>
      b.execute(() => {
        const v = document.querySelector('[data-testid="asset-video"]');
        if (v && v.videoWidth > 0 && Number.isFinite(v.duration)) return { w: v.videoWidth, h: v.videoHeight, d: v.duration };
        const e = document.querySelector('[data-testid="preview-error"]');
        return v ? null : `no player${e ? `: ${e.textContent}` : ""} ${JSON.stringify(window.__mediaErr ?? null)}`;
      }),
    20_000);
    if (typeof meta === "string") throw new Error(meta);
    if (meta.w !== 320 || meta.h !== 180 || Math.abs(meta.d - 3) > 0.1) throw new Error(`the video reads as ${JSON.stringify(meta)}`);
    const src = await b.execute(() => document.querySelector('[data-testid="asset-video"]').currentSrc);
    if (!/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/[0-9a-f-]{36}$/.test(src)) throw new Error(`the player reads ${src}`);
    const head = await fetch(src, { headers: { Range: "bytes=0-3" } });
    if (head.status !== 206 || head.headers.get("content-type") !== "video/webm") throw new Error(`a range came back ${head.status} ${head.headers.get("content-type")}`);
    // It plays: the decoder hands over frames (muted, so no sound device is needed).
    await b.execute(() => {
      const v = document.querySelector('[data-testid="asset-video"]');
      v.muted = true;
      void v.play();
    });
    const frames = await until("frames decoded", async () =>
      b.execute(() => {
        const v = document.querySelector('[data-testid="asset-video"]');
        const n = v.getVideoPlaybackQuality?.().totalVideoFrames ?? v.webkitDecodedFrameCount ?? 0;
        return n >= 12 ? n : window.__mediaErr ? JSON.stringify(window.__mediaErr) : null;
      }),
    20_000);
    if (typeof frames === "string") throw new Error(`the video failed: ${frames}`);
    await b.execute(() => {
      const v = document.querySelector('[data-testid="asset-video"]');
      v.pause();
      v.currentTime = 1.5;
    });
    await until("the comment box at 0:01", async () => (await textOf(b, "comment-target")) === "Comment at 0:01");
    await (await visible(b, "comment-input")).click();
    await typeInto(b, "Bars roll here.");
    await dismissToasts(b);
    await (await visible(b, "comment-add")).click();
    await until("the time thread", async () => (await textOf(b, "comment-where")).includes("At 0:01"));
    const assetId = decodeURIComponent(await b.execute(() => location.hash.split("/").pop()));
    const [comment] = JSON.parse(h.greenlight(["--json", "comment", "list", assetId]));
    if (comment.anchor.kind !== "time" || Math.abs(comment.anchor.startMs - 1500) > 50) throw new Error(`the anchor is ${JSON.stringify(comment.anchor)}`);
    shot("asset-video.png");
    await noCspViolation(b);
  });
}

/** A mono 16-bit WAV of `seconds` of a sine at `hz`. */
function sineWav(seconds, hz, rate = 8000) {
  const n = seconds * rate;
  const out = Buffer.alloc(44 + n * 2);
  out.write("RIFF", 0);
  out.writeUInt32LE(36 + n * 2, 4);
  out.write("WAVEfmt ", 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36);
  out.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
  return out;
}
