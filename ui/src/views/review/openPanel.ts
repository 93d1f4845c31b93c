// The inbox opens a document with its review panel showing: it asks here before navigating,
// and the document view takes the request once when it opens.
import type { DocumentId } from "$lib/api";

let wanted: DocumentId | null = null;

export const openPanel = {
  /** Show the review panel when `documentId` opens next. */
  request(documentId: DocumentId): void {
    wanted = documentId;
  },
  /** Whether the review panel was asked for `documentId` (asked once). */
  take(documentId: DocumentId): boolean {
    const yes = wanted === documentId;
    if (yes) wanted = null;
    return yes;
  },
};
