import { describe, expect, it } from "vitest";
import { formatShortcut, isTypingTarget, matchShortcut, type KeyLike } from "./keys";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("matchShortcut", () => {
  it("maps Mod to Ctrl off macOS and to Cmd on macOS", () => {
    expect(matchShortcut(key("s", { ctrlKey: true }), "Mod+S", false)).toBe(true);
    expect(matchShortcut(key("s", { metaKey: true }), "Mod+S", false)).toBe(false);
    expect(matchShortcut(key("s", { metaKey: true }), "Mod+S", true)).toBe(true);
    expect(matchShortcut(key("s", { ctrlKey: true }), "Mod+S", true)).toBe(false);
  });
  it("requires exactly the listed modifiers for letters", () => {
    expect(matchShortcut(key("S", { ctrlKey: true, shiftKey: true }), "Mod+S", false)).toBe(false);
    expect(matchShortcut(key("Z", { ctrlKey: true, shiftKey: true }), "Mod+Shift+Z", false)).toBe(true);
    expect(matchShortcut(key("h", { ctrlKey: true, altKey: true }), "Mod+H", false)).toBe(false);
    expect(matchShortcut(key("s"), "Mod+S", false)).toBe(false);
  });
  it("ignores Shift for punctuation like ?", () => {
    expect(matchShortcut(key("?", { shiftKey: true }), "?", false)).toBe(true);
    expect(matchShortcut(key("?"), "?", false)).toBe(true);
    expect(matchShortcut(key("?", { ctrlKey: true }), "?", false)).toBe(false);
  });
  it("matches named keys", () => {
    expect(matchShortcut(key("Escape"), "Escape", false)).toBe(true);
    expect(matchShortcut(key("Enter"), "Escape", false)).toBe(false);
  });
});

describe("formatShortcut", () => {
  it("reads naturally per platform", () => {
    expect(formatShortcut("Mod+S", false)).toBe("Ctrl+S");
    expect(formatShortcut("Mod+Shift+Z", false)).toBe("Ctrl+Shift+Z");
    expect(formatShortcut("Mod+S", true)).toBe("⌘S");
    expect(formatShortcut("Escape", false)).toBe("Esc");
  });
});

describe("isTypingTarget", () => {
  it("is true inside fields and editable content only", () => {
    document.body.innerHTML = `<input id="i"><div contenteditable="true"><p id="p">x</p></div><button id="b">b</button>`;
    expect(isTypingTarget(document.getElementById("i"))).toBe(true);
    expect(isTypingTarget(document.getElementById("p"))).toBe(true);
    expect(isTypingTarget(document.getElementById("b"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
