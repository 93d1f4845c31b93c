// Routes of the app and their hash form (#/projects, #/p/<id>, #/d/<id>, #/d/<id>/provenance,
// #/a/<id>, #/settings, #/inbox).
// Pure: the reactive part lives in router.svelte.ts.
import type { AssetId, DocumentId, ProjectId } from "./bindings";
import { idOf } from "./ids";

export type Route =
  | { name: "projects" }
  | { name: "project"; projectId: ProjectId }
  | { name: "document"; documentId: DocumentId }
  | { name: "provenance"; documentId: DocumentId }
  | { name: "asset"; assetId: AssetId }
  | { name: "settings" }
  | { name: "inbox" };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/^\/+/, "");
  const [head, id, ...rest] = path.split("/");
  const arg = id ? safeDecode(id) : null;
  if (rest.length === 0) {
    if (head === "p" && arg) return { name: "project", projectId: idOf("project", arg) };
    if (head === "d" && arg) return { name: "document", documentId: idOf("document", arg) };
    if (head === "a" && arg) return { name: "asset", assetId: idOf("asset", arg) };
    if (head === "settings" && arg === null) return { name: "settings" };
    if (head === "inbox" && arg === null) return { name: "inbox" };
  }
  if (head === "d" && arg && rest.length === 1 && rest[0] === "provenance") return { name: "provenance", documentId: idOf("document", arg) };
  return { name: "projects" };
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case "projects":
      return "#/projects";
    case "project":
      return `#/p/${encodeURIComponent(route.projectId)}`;
    case "document":
      return `#/d/${encodeURIComponent(route.documentId)}`;
    case "provenance":
      return `#/d/${encodeURIComponent(route.documentId)}/provenance`;
    case "asset":
      return `#/a/${encodeURIComponent(route.assetId)}`;
    case "settings":
      return "#/settings";
    case "inbox":
      return "#/inbox";
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatRoute(a) === formatRoute(b);
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
