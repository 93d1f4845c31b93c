// A line classifier for Fountain (https://fountain.io), enough to style a script the way a
// writer expects: scene headings, characters, dialogue, parentheticals, transitions.
// Pure so it can be tested without CodeMirror.

export type LineKind =
  | "scene"
  | "character"
  | "dialogue"
  | "parenthetical"
  | "transition"
  | "centered"
  | "section"
  | "synopsis"
  | "note"
  | "title"
  | "action"
  | "blank";

const SCENE = /^(?:INT|EXT|EST|INT\.?\/EXT|I\/E)[. ]/i;
const TRANSITION = /^[A-Z0-9 .'’-]+TO:$/;
const TITLE_KEY = /^(?:Title|Credit|Author|Authors|Source|Draft date|Contact|Notes|Copyright|Revision):/i;

function isUpperCue(line: string): boolean {
  const name = line.replace(/\s*\(.*\)\s*\^?$/, "").replace(/\^$/, "").trim();
  return /[A-Z]/.test(name) && name === name.toUpperCase() && !/[a-z]/.test(name);
}

export function classifyLines(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = new Array(lines.length);
  let inDialogue = false;
  let inTitlePage = lines.length > 0 && TITLE_KEY.test(lines[0]);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trim();
    const prevBlank = i === 0 || lines[i - 1].trim() === "";
    const nextBlank = i + 1 >= lines.length || lines[i + 1].trim() === "";
    if (line === "") {
      kinds[i] = "blank";
      inDialogue = false;
      inTitlePage = false;
      continue;
    }
    if (inTitlePage) {
      kinds[i] = "title";
      continue;
    }
    if (inDialogue) {
      kinds[i] = line.startsWith("(") && line.endsWith(")") ? "parenthetical" : "dialogue";
      continue;
    }
    if (line.startsWith("[[") && line.endsWith("]]")) kinds[i] = "note";
    else if (line.startsWith("#")) kinds[i] = "section";
    else if (line.startsWith("=") && !line.startsWith("===")) kinds[i] = "synopsis";
    else if (line.startsWith(">") && line.endsWith("<")) kinds[i] = "centered";
    else if (line.startsWith(">")) kinds[i] = "transition";
    else if (line.startsWith("!")) kinds[i] = "action";
    else if ((line.startsWith(".") && !line.startsWith("..")) || (prevBlank && SCENE.test(line)))
      kinds[i] = "scene";
    else if (prevBlank && nextBlank && TRANSITION.test(line)) kinds[i] = "transition";
    else if (prevBlank && !nextBlank && (line.startsWith("@") || isUpperCue(line))) {
      kinds[i] = "character";
      inDialogue = true;
    } else kinds[i] = "action";
  }
  return kinds;
}
