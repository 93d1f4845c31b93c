// The mock's `document_structure`: scenes and speaking characters of a Fountain text, parsed
// with the editor's line classifier. An approximation of crates/screenplay, for mock mode.
import type { CharacterInfo, SceneInfo, ScriptStructure } from "$lib/bindings";
import { classifyLines } from "$lib/editor/fountain";
import { countWords } from "$lib/words";

const LINES_PER_PAGE = 55;
const PREFIX = /^(INT\.?\/EXT|I\/E|INT|EXT|EST)[. ]\s*/i;

function parseHeading(raw: string): Pick<SceneInfo, "number" | "heading" | "location" | "setting" | "timeOfDay"> {
  let line = raw.trim();
  const forced = line.startsWith(".") && !line.startsWith("..");
  if (forced) line = line.slice(1).trim();
  const num = /\s*#([^#]+)#\s*$/.exec(line);
  if (num) line = line.slice(0, num.index).trim();
  const heading = line.toUpperCase();
  const prefix = forced ? null : PREFIX.exec(heading);
  const p = prefix?.[1].replace(".", "") ?? "";
  const setting = p === "INT/EXT" || p === "I/E" ? "INT/EXT" : p === "INT" || p === "EXT" ? p : "OTHER";
  const rest = prefix ? heading.slice(prefix[0].length) : heading;
  const dash = rest.search(/\s+[-–—]\s+(?!.*\s[-–—]\s)/);
  const location = (dash >= 0 ? rest.slice(0, dash) : rest).trim();
  const timeOfDay = dash >= 0 ? rest.slice(dash).replace(/^\s+[-–—]\s+/, "").trim() || null : null;
  return { number: num ? num[1].trim() : null, heading, location, setting, timeOfDay };
}

function cueName(line: string): string {
  return line
    .trim()
    .replace(/^@/, "")
    .replace(/\^$/, "")
    .replace(/\s*\(.*\)\s*$/, "")
    .trim()
    .toUpperCase();
}

export function scriptStructure(text: string): ScriptStructure {
  const lines = text.split("\n");
  const kinds = classifyLines(lines);
  const scenes: SceneInfo[] = [];
  const chars = new Map<string, CharacterInfo>();
  let speaker: CharacterInfo | null = null;

  for (let i = 0; i < lines.length; i++) {
    const kind = kinds[i];
    const scene = scenes[scenes.length - 1];
    if (kind === "scene") {
      scenes.push({ ordinal: scenes.length + 1, ...parseHeading(lines[i]), characters: [], words: 0, eighths: 0, line: i });
      speaker = null;
      continue;
    }
    if (kind !== "title" && scene) scene.words += countWords(lines[i]);
    if (kind === "character") {
      const name = cueName(lines[i]);
      speaker = chars.get(name) ?? { name, dialogueBlocks: 0, words: 0, scenes: [] };
      chars.set(name, speaker);
      speaker.dialogueBlocks++;
      if (scene && !speaker.scenes.includes(scene.ordinal)) speaker.scenes.push(scene.ordinal);
      if (scene && !scene.characters.includes(name)) scene.characters.push(name);
    } else if (kind === "dialogue" && speaker) {
      speaker.words += countWords(lines[i]);
    } else if (kind === "blank") {
      speaker = null;
    }
  }

  for (let s = 0; s < scenes.length; s++) {
    const end = s + 1 < scenes.length ? scenes[s + 1].line : lines.length;
    let count = end - scenes[s].line;
    while (count > 1 && lines[scenes[s].line + count - 1].trim() === "") count--;
    scenes[s].eighths = Math.max(1, Math.round((count * 8) / LINES_PER_PAGE));
  }
  const total = scenes.reduce((n, s) => n + s.eighths, 0);
  const characters = [...chars.values()].sort((a, b) => b.words - a.words || a.name.localeCompare(b.name));
  return { scenes, characters, pages: Math.ceil(total / 8) };
}
