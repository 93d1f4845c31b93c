// Pure helpers over the backend's ScriptStructure for the scene navigator: page lengths in
// eighths, which scene holds a line, and finding a scene again after unsaved edits moved it.
import type { SceneInfo } from "../bindings";

/** Eighths of a page as a script supervisor writes them: "3/8 pg", "1 pg", "1 3/8 pg". */
export function formatEighths(eighths: number): string {
  const n = Math.max(0, Math.round(eighths));
  const pages = Math.floor(n / 8);
  const rest = n % 8;
  if (pages === 0 && rest === 0) return "0 pg";
  if (pages === 0) return `${rest}/8 pg`;
  return rest === 0 ? `${pages} pg` : `${pages} ${rest}/8 pg`;
}

/**
 * The scene containing 0-based `line`: the last scene whose heading is at or above it.
 * `scenes` are in script order (ascending `line`). Null above the first heading.
 */
export function sceneAtLine(scenes: readonly SceneInfo[], line: number): SceneInfo | null {
  let lo = 0;
  let hi = scenes.length - 1;
  let found: SceneInfo | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scenes[mid].line <= line) {
      found = scenes[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The short tag beside a scene: "INT · NIGHT", "EXT", "INT/EXT · DAY". */
export function sceneTag(scene: Pick<SceneInfo, "setting" | "timeOfDay">): string {
  const setting = scene.setting === "OTHER" ? "" : scene.setting;
  const time = (scene.timeOfDay ?? "").trim().toUpperCase();
  return [setting, time].filter(Boolean).join(" · ");
}

/** Day, night or neither, for the tag's colour (strip-board convention). */
export function daypart(timeOfDay: string | null): "day" | "night" | "other" {
  const t = (timeOfDay ?? "").toUpperCase();
  if (/NIGHT|EVENING|DUSK|MIDNIGHT/.test(t)) return "night";
  if (/DAY|MORNING|DAWN|AFTERNOON|NOON|SUNRISE|SUNSET/.test(t)) return "day";
  return "other";
}

/** A heading reduced for comparison: no forcing dot, no scene number, single spaces, upper case. */
export function normalizeHeading(line: string): string {
  return line
    .trim()
    .replace(/^\.(?!\.)/, "")
    .replace(/\s*#[^#]*#\s*$/, "")
    .replace(/\s+/g, " ")
    .toUpperCase();
}

/**
 * Where `scene` is in the text being edited. Its saved line when that line still holds the
 * heading; otherwise the nearest line that does (unsaved edits above it moved it); otherwise
 * the saved line clamped to the text.
 */
export function locateScene(lines: readonly string[], scene: Pick<SceneInfo, "line" | "heading">): number {
  const want = normalizeHeading(scene.heading);
  const last = Math.max(0, lines.length - 1);
  const at = Math.min(Math.max(0, scene.line), last);
  if (want === "" || lines.length === 0) return at;
  for (let d = 0; d <= lines.length; d++) {
    const up = at - d;
    const down = at + d;
    if (up < 0 && down > last) break;
    if (up >= 0 && normalizeHeading(lines[up]) === want) return up;
    if (down <= last && down !== up && normalizeHeading(lines[down]) === want) return down;
  }
  return at;
}

/**
 * A scene's text as Unicode scalar offsets into `text` (what the backend counts): from its
 * heading to the next scene's heading, without the blank lines before it. `scenes` must come
 * from the same text (the structure of the saved revision).
 */
export function sceneRange(text: string, scenes: readonly Pick<SceneInfo, "line" | "ordinal">[], ordinal: number): { start: number; end: number } | null {
  const i = scenes.findIndex((s) => s.ordinal === ordinal);
  if (i < 0) return null;
  const lines = text.split("\n");
  const first = Math.min(Math.max(0, scenes[i].line), lines.length);
  let last = Math.min(scenes[i + 1]?.line ?? lines.length, lines.length);
  while (last > first + 1 && lines[last - 1].trim() === "") last--;
  const width = (l: string) => Array.from(l).length + 1;
  const start = lines.slice(0, first).reduce((n, l) => n + width(l), 0);
  const inside = lines.slice(first, last).reduce((n, l) => n + width(l), 0) - 1;
  return inside > 0 ? { start, end: start + inside } : null;
}
