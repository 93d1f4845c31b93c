// Assets in the mock: imported from the "dialog" or from drops by name only (the mock has no
// bytes), typed by extension, versions by name, and made-up Content Credentials for files
// whose names say so ("signed", "tampered"), enough to show every badge.
import type { Asset, AssetId, AssetImportBatch, AssetKind, AssetSummary, AssetVersion, AssetVersionId, ContentCredentials, IpcError, ProjectId, UserId } from "$lib/bindings";
import { fail } from "./validate";

interface Deps {
  now: () => number;
  actor: () => { id: UserId; name: string };
  project: (id: ProjectId) => void;
  log: (kind: string, summary: string, projectId: ProjectId) => void;
}

const TYPES: Record<string, [AssetKind, string]> = {
  png: ["image", "image/png"],
  jpg: ["image", "image/jpeg"],
  jpeg: ["image", "image/jpeg"],
  gif: ["image", "image/gif"],
  webp: ["image", "image/webp"],
  mp4: ["video", "video/mp4"],
  mov: ["video", "video/quicktime"],
  webm: ["video", "video/webm"],
  mp3: ["audio", "audio/mpeg"],
  wav: ["audio", "audio/wav"],
  m4a: ["audio", "audio/mp4"],
  pdf: ["pdf", "application/pdf"],
};

const AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

function credentialsFor(name: string): ContentCredentials | null {
  const signed = /signed/i.test(name);
  const tampered = /tampered/i.test(name);
  if (!signed && !tampered) return null;
  return {
    claimGenerator: "Test Diffusion Studio 2",
    title: name,
    aiGenerated: true,
    actions: [{ action: "c2pa.created", digitalSourceType: AI, softwareAgent: "Test Diffusion 2" }],
    signer: "Greenlight Test Signer",
    signedAt: null,
    validity: tampered ? "invalid" : "valid",
    statusCodes: tampered ? ["assertion.dataHash.mismatch"] : ["signingCredential.untrusted"],
    problem: null,
  };
}

export class MockAssets {
  #assets: Asset[] = [];
  #versions: AssetVersion[] = [];
  #next = 1;

  constructor(private readonly deps: Deps) {}

  #serial(prefix: string): string {
    return `${prefix}_${(this.#next++).toString().padStart(4, "0")}`;
  }

  list(projectId: ProjectId): AssetSummary[] {
    this.deps.project(projectId);
    return this.#assets
      .filter((a) => a.projectId === projectId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((asset) => {
        const versions = this.#versions.filter((v) => v.assetId === asset.id);
        return structuredClone({ asset, latest: versions[versions.length - 1], versionCount: versions.length });
      });
  }

  get(assetId: AssetId): AssetSummary {
    const asset = this.#assets.find((a) => a.id === assetId) ?? fail("not_found", "Asset not found (it may have been removed)");
    return this.list(asset.projectId).find((s) => s.asset.id === assetId)!;
  }

  versions(assetId: AssetId): AssetVersion[] {
    const versions = this.#versions.filter((v) => v.assetId === assetId);
    if (versions.length === 0) fail("not_found", "Asset not found (it may have been removed)");
    return structuredClone(versions);
  }

  /** Imports `paths` one by one; each refusal is reported, not fatal to the others. */
  importAll(projectId: ProjectId, paths: string[]): AssetImportBatch {
    this.deps.project(projectId);
    const batch: AssetImportBatch = { imported: [], refused: [] };
    for (const p of paths) {
      const name = p.split(/[\\/]/).pop() ?? p;
      try {
        batch.imported.push(this.#import(projectId, name));
      } catch (e) {
        batch.refused.push({ fileName: name, error: e as IpcError });
      }
    }
    return batch;
  }

  #import(projectId: ProjectId, name: string) {
    const type = TYPES[name.split(".").pop()?.toLowerCase() ?? ""];
    if (!type) fail("unsupported_file", `“${name}” cannot be imported: it is not an image, video, audio file or PDF Greenlight can show`);
    const [kind, mediaType] = type;
    const me = this.deps.actor();
    const now = this.deps.now();
    let asset = this.#assets.find((a) => a.projectId === projectId && a.name === name);
    if (asset && asset.kind !== kind) fail("unsupported_file", `“${name}” is already a ${asset.kind} asset; a new version must be one too`);
    if (!asset) {
      asset = { id: this.#serial("ast") as AssetId, projectId, name, kind, createdBy: me.id, createdAt: now };
      this.#assets.push(asset);
    }
    const number = this.#versions.filter((v) => v.assetId === asset.id).length + 1;
    const version: AssetVersion = {
      id: this.#serial("asv") as AssetVersionId,
      assetId: asset.id,
      version: number,
      hash: this.#serial("sha").padEnd(64, "0"),
      size: 48_000 + number * 1000,
      mediaType,
      originalName: name,
      width: kind === "image" ? 1600 : null,
      height: kind === "image" ? 900 : null,
      credentials: credentialsFor(name),
      importedBy: me.id,
      importedByName: me.name,
      importedAt: now,
    };
    this.#versions.push(version);
    this.deps.log("asset.imported", `imported ${kind} “${name}” (v${number})`, projectId);
    return structuredClone({ asset, version, deduplicated: false });
  }
}
