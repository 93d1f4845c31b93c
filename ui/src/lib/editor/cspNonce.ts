// The Content-Security-Policy nonce Tauri gave this page's inline styles (see index.html), so
// CodeMirror can mark the style elements it injects with it; without one (a plain browser,
// tests), the editor's styles are injected as usual.
export function styleNonce(doc: Document = document): string | null {
  const el = doc.getElementById("csp-nonce");
  return el instanceof HTMLStyleElement && el.nonce ? el.nonce : null;
}
