// Pure helpers for assets: where a version's bytes are read from (the shell's `glasset:`
// protocol, by version id), what its Content Credentials badge says, region and time maths for
// comments, and which dropped files are assets rather than documents.
import { convertFileSrc } from "@tauri-apps/api/core";
import { ASSET_SCHEME, REGION_SCALE, type AssetKind, type AssetVersionId, type CommentAnchor, type CommentInfo, type ContentCredentials } from "./bindings";
import { IMPORT_EXTENSIONS } from "./imports";

/** Extensions offered as assets (the backend decides from the content; this only routes drops). */
export const ASSET_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "avif", "heic", "mp4", "m4v", "mov", "webm", "mkv", "avi", "mp3", "m4a", "wav", "flac", "ogg", "oga", "opus", "aac", "aif", "aiff", "pdf"] as const;

/** The URL the web view reads a version's bytes from (`glasset://localhost/<id>` on Linux). */
export function assetUrl(versionId: AssetVersionId): string {
  return convertFileSrc(versionId, ASSET_SCHEME);
}

function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Whether a dropped file goes to the document importer (scripts, notes) rather than the asset importer. */
export function isDocumentFile(name: string): boolean {
  return (IMPORT_EXTENSIONS as readonly string[]).includes(extension(name));
}

export function isAssetFile(name: string): boolean {
  return (ASSET_EXTENSIONS as readonly string[]).includes(extension(name));
}

export type Badge = { tone: "ai" | "ok" | "bad"; label: string; title: string };

/**
 * What the list shows about a version's Content Credentials. Invalid credentials are never
 * repeated as fact: an invalid manifest that claims AI generation reads "Credentials invalid".
 */
export function credentialBadge(c: ContentCredentials | null): Badge | null {
  if (!c) return null;
  if (c.validity === "invalid") return { tone: "bad", label: "Credentials invalid", title: "The file’s Content Credentials do not check out; nothing they say can be trusted." };
  const who = c.validity === "trusted" ? "signed by a trusted signer" : "signature valid; the signer is not on a trust list";
  if (c.aiGenerated) return { tone: "ai", label: "AI-generated", title: `Its Content Credentials say a model generated it (${who}).` };
  return { tone: "ok", label: "Content Credentials ✓", title: `Content Credentials ${who}.` };
}

export function validityLabel(c: ContentCredentials): string {
  switch (c.validity) {
    case "trusted":
      return "Trusted";
    case "valid":
      return "Valid";
    case "invalid":
      return "Invalid";
  }
}

/** A short label of a C2PA action (`c2pa.created` → created). */
export function actionLabel(action: string): string {
  return action.replace(/^c2pa\./, "").replace(/_/g, " ");
}

/** The last term of an IPTC digital source type URI (`…/trainedAlgorithmicMedia`). */
export function sourceTypeLabel(uri: string): string {
  return uri.split("/").pop() || uri;
}

export function kindLabel(kind: AssetKind): string {
  return { image: "Image", video: "Video", audio: "Audio", pdf: "PDF" }[kind];
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** m:ss (or h:mm:ss) of a time in milliseconds. */
export function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export type Rect = { x: number; y: number; width: number; height: number };

/**
 * A rectangle dragged between two points of a box `w`×`h` (in pixels, in any order), in
 * REGION_SCALE units, clamped inside the image; null when it is too small to mean a region.
 */
export function regionOf(a: { x: number; y: number }, b: { x: number; y: number }, w: number, h: number): Rect | null {
  if (w <= 0 || h <= 0) return null;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const [x0, x1] = [clamp(Math.min(a.x, b.x), w), clamp(Math.max(a.x, b.x), w)];
  const [y0, y1] = [clamp(Math.min(a.y, b.y), h), clamp(Math.max(a.y, b.y), h)];
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const x = Math.floor((x0 / w) * REGION_SCALE);
  const y = Math.floor((y0 / h) * REGION_SCALE);
  const width = Math.max(1, Math.min(Math.round(((x1 - x0) / w) * REGION_SCALE), REGION_SCALE - x));
  const height = Math.max(1, Math.min(Math.round(((y1 - y0) / h) * REGION_SCALE), REGION_SCALE - y));
  return { x, y, width, height };
}

/** A region as CSS percentages of the shown image. */
export function regionStyle(r: Rect): string {
  const pct = (v: number) => `${(v / REGION_SCALE) * 100}%`;
  return `left:${pct(r.x)};top:${pct(r.y)};width:${pct(r.width)};height:${pct(r.height)}`;
}

/** What a comment's anchor points at, in words ("Region", "0:42", "Page 3"). */
export function anchorLabel(a: CommentAnchor): string {
  switch (a.kind) {
    case "region":
      return "Region of the image";
    case "time":
      return a.endMs === null ? `At ${formatTime(a.startMs)}` : `${formatTime(a.startMs)}–${formatTime(a.endMs)}`;
    case "page":
      return `Page ${a.page}`;
    case "span":
      return "Passage";
    case "whole":
      return "Whole asset";
  }
}

export type Thread = { n: number; root: CommentInfo; replies: CommentInfo[] };

/** Comments grouped in threads (roots in the order written), numbered from 1 as the regions on the image are. */
export function threadsOf(comments: readonly CommentInfo[]): Thread[] {
  return comments
    .filter((c) => c.id === c.threadId)
    .map((root, i) => ({ n: i + 1, root, replies: comments.filter((c) => c.threadId === root.id && c.id !== root.id) }));
}
