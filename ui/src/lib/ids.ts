// Ids are branded strings in TypeScript (generated from Rust), so a document id cannot be passed
// where a project id is expected. Ids arrive typed from the backend; the one place a plain
// string becomes an id is here (a route in the address bar, a test fixture).
import type { AssetId, AssetVersionId, CommentId, DocumentId, EventId, ProjectId, ReviewId, RevisionId, SuggestionId, UserId } from "./bindings";

type Ids = {
  project: ProjectId;
  document: DocumentId;
  revision: RevisionId;
  event: EventId;
  user: UserId;
  suggestion: SuggestionId;
  review: ReviewId;
  comment: CommentId;
  asset: AssetId;
  assetVersion: AssetVersionId;
};

/** Takes `raw` as an id of `kind`. Nothing is checked: the backend answers `not_found` for an id it does not know. */
export function idOf<K extends keyof Ids>(_kind: K, raw: string): Ids[K] {
  return raw as Ids[K];
}
