import { describe, expect, it } from "vitest";
import { idOf } from "./ids";
import { formatRoute, parseHash, sameRoute, type Route } from "./router";

describe("router", () => {
  it("round-trips every route through the hash", () => {
    const routes: Route[] = [
      { name: "projects" },
      { name: "project", projectId: idOf("project", "prj_1") },
      { name: "document", documentId: idOf("document", "doc/with spaces") },
      { name: "provenance", documentId: idOf("document", "doc/with spaces") },
      { name: "asset", assetId: idOf("asset", "ast_1") },
      { name: "settings" },
    ];
    for (const r of routes) expect(parseHash(formatRoute(r))).toEqual(r);
  });
  it("falls back to the projects list for anything unknown or malformed", () => {
    for (const h of ["", "#", "#/", "#/nope", "#/p/", "#/p/a/b", "#/a/", "#/a/x/y", "#/d/%E0%A4%A", "#/settings/x"])
      expect(parseHash(h)).toEqual({ name: "projects" });
  });
  it("accepts a hash without the leading slash", () => {
    expect(parseHash("#p/abc")).toEqual({ name: "project", projectId: idOf("project", "abc") });
  });
  it("compares routes by value", () => {
    expect(sameRoute({ name: "project", projectId: idOf("project", "a") }, { name: "project", projectId: idOf("project", "a") })).toBe(true);
    expect(sameRoute({ name: "project", projectId: idOf("project", "a") }, { name: "project", projectId: idOf("project", "b") })).toBe(false);
  });
});
