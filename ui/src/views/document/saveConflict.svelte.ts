// The document view's answer to a save refused as a conflict ("no lost updates"): the refused
// state (the merge with the newest revision, shown in ConflictPanel and TheirsPane), the three
// ways on (merge, save mine, discard mine), and resolving the conflicts a merge left marked
// (ResolveBar). Every change to the editor's text is one undoable step, so nothing typed is lost.
import { api, asIpcError, type ConflictMarkers, type DocumentId, type RevisionId, type RevisionMerge, type RevisionMeta } from "$lib/api";
import { conflictAt, findConflicts, nextConflict, resolution, type Side } from "$lib/conflicts";
import { formatShortcut } from "$lib/keys";
import { toasts } from "$lib/toasts.svelte";

/** What the flow uses of the editor component. */
export type ConflictEditor = {
  getText(): string;
  replace(text: string): void;
  change(from: number, to: number, insert: string, focus?: boolean): void;
  jumpTo(line: number, focus?: boolean): void;
  focus(): void;
  showConflicts(markers: ConflictMarkers | null): void;
};

/** What the flow needs from the document view; getters read the view's reactive state. */
export type ConflictHost = {
  documentId(): DocumentId | null;
  /** The revision the editor's text started from: the parent of the next save. */
  baseId(): RevisionId | null;
  text(): string;
  cursorLine(): number;
  editor(): ConflictEditor | undefined;
  /** Makes `merge.head` the revision the editor's text starts from. */
  adoptHead(merge: RevisionMerge): void;
  /** Saves the editor's text with `parent` as its parent. */
  save(parent: RevisionId): void;
};

type Refused = { merge: RevisionMerge | null; base: RevisionMeta | null; error: string | null; busy: boolean };

export class SaveConflict {
  /** A refused save: its merge with the newest revision (null while it loads) and its base. */
  refused = $state<Refused | null>(null);
  /** Whether the newer revision is shown beside the editor (the view also needs the room). */
  theirsShown = $state(false);
  /** After a merge with conflicts: their markers and the other author, until saved. */
  resolving = $state<{ markers: ConflictMarkers; author: string } | null>(null);
  /** Conflicts still marked in the editor's text. */
  readonly conflicts = $derived.by(() => (this.resolving ? findConflicts(this.host.text(), this.resolving.markers) : []));
  /** The conflict the resolve buttons act on: around or after the cursor. */
  readonly current = $derived.by(() => conflictAt(this.conflicts, this.host.cursorLine()));

  constructor(private readonly host: ConflictHost) {}

  /** Shows the conflict panel for the refused text `mine`, with the merge it would make. */
  async open(mine: string, showTheirs: boolean): Promise<void> {
    const documentId = this.host.documentId();
    if (!documentId) return;
    const baseId = this.host.baseId();
    this.refused = { merge: null, base: null, error: null, busy: true };
    this.theirsShown = showTheirs;
    try {
      const [merge, base] = await Promise.all([
        api.revision_merge({ documentId, baseId, text: mine }),
        baseId ? api.revision_get({ id: baseId }).then((r) => r.meta) : Promise.resolve(null),
      ]);
      if (this.refused) this.refused = { merge, base, error: null, busy: false };
    } catch (e) {
      if (this.refused) this.refused = { merge: null, base: null, error: asIpcError(e).message, busy: false };
    }
  }

  /** Hides the panel; the text stays unsaved in the editor and the next save asks again. */
  dismiss(): void {
    this.refused = null;
    this.theirsShown = false;
  }

  /** After a successful save, or when the person is done: back to plain editing. */
  close(): void {
    this.dismiss();
    this.resolving = null;
    this.host.editor()?.showConflicts(null);
  }

  /** When conflicts are still marked, says so, shows the first, and returns true. */
  blocksSave(): boolean {
    const n = this.conflicts.length;
    if (n === 0) return false;
    toasts.push(
      "error",
      `${n === 1 ? "One conflict is" : `${n} conflicts are`} still marked in the text. Keep a side of each (or edit the lines and delete the marker lines), then save.`,
    );
    this.host.editor()?.jumpTo(this.conflicts[0].line);
    return true;
  }

  async merge(): Promise<void> {
    const merge = await this.fresh();
    if (!merge) return;
    this.adopt(merge, merge.mergedText);
    const editor = this.host.editor();
    if (merge.clean) {
      toasts.info(
        `Merged ${merge.head.authorName}’s revision with your text. Save to keep it; ${formatShortcut("Mod+Z")} undoes the merge.`,
      );
      editor?.focus();
    } else {
      this.resolving = { markers: merge.markers, author: merge.head.authorName };
      editor?.showConflicts(merge.markers);
      const first = findConflicts(merge.mergedText, merge.markers)[0];
      if (first) editor?.jumpTo(first.line);
    }
  }

  async discardMine(): Promise<void> {
    const merge = await this.fresh();
    if (!merge) return;
    this.adopt(merge, merge.theirsText);
    toasts.info(`Loaded ${merge.head.authorName}’s revision. Press ${formatShortcut("Mod+Z")} to bring your text back.`);
    this.host.editor()?.focus();
  }

  saveMine(): void {
    const head = this.refused?.merge?.head.id;
    if (head) this.host.save(head);
  }

  /** Keeps a side of the current conflict; the toolbar keeps the keyboard. */
  keep(side: Side): void {
    const c = this.current;
    if (c) this.host.editor()?.change(c.from, c.to, resolution(c, side), false);
  }

  next(): void {
    const c = nextConflict(this.conflicts, this.host.cursorLine());
    if (c) this.host.editor()?.jumpTo(c.line, false);
  }

  /** Merges the editor's current text with the newest revision again: both may have moved. */
  private async fresh(): Promise<RevisionMerge | null> {
    const documentId = this.host.documentId();
    const refused = this.refused;
    if (!documentId || !refused) return null;
    refused.busy = true;
    try {
      const text = this.host.editor()?.getText() ?? this.host.text();
      const merge = await api.revision_merge({ documentId, baseId: this.host.baseId(), text });
      refused.merge = merge;
      return merge;
    } catch (e) {
      toasts.error(e);
      return null;
    } finally {
      refused.busy = false;
    }
  }

  /** `body` into the editor as one undoable change, on top of the newest revision. */
  private adopt(merge: RevisionMerge, body: string): void {
    this.host.adoptHead(merge);
    this.host.editor()?.replace(body);
    this.close();
  }
}
