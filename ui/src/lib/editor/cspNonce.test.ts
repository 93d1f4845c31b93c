import { describe, expect, it } from "vitest";
import { styleNonce } from "./cspNonce";

describe("styleNonce", () => {
  it("reads the nonce Tauri put on the page's anchor style, and nothing otherwise", () => {
    const doc = document.implementation.createHTMLDocument("x");
    expect(styleNonce(doc)).toBeNull();
    const style = doc.createElement("style");
    style.id = "csp-nonce";
    doc.head.append(style);
    expect(styleNonce(doc)).toBeNull();
    style.nonce = "abc123";
    expect(styleNonce(doc)).toBe("abc123");
  });
});
