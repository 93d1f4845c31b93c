// State of the editor's scene navigator: whether it is shown (remembered across documents)
// and the structure of the document's newest saved revision.
import { api, asIpcError, type DocumentId, type ScriptStructure } from "$lib/api";

const OPEN_KEY = "greenlight.scenesOpen";

export class SceneNav {
  open = $state(readOpen());
  structure = $state<ScriptStructure | null>(null);
  error = $state<string | null>(null);
  #seq = 0;

  setOpen(open: boolean): void {
    this.open = open;
    try {
      localStorage.setItem(OPEN_KEY, open ? "1" : "0");
    } catch {
      /* storage unavailable: the choice lasts for this session */
    }
  }

  /** Reloads scenes and characters; a slower earlier answer never replaces a newer one. */
  async load(documentId: DocumentId): Promise<void> {
    const seq = ++this.#seq;
    try {
      const s = await api.document_structure({ id: documentId });
      if (seq !== this.#seq) return;
      this.structure = s;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = asIpcError(e).message;
    }
  }
}

function readOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== "0";
  } catch {
    return true;
  }
}
