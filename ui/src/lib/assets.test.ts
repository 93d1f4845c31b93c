import { describe, expect, it } from "vitest";
import type { CommentInfo, ContentCredentials } from "./bindings";
import { anchorLabel, credentialBadge, formatTime, isAssetFile, isDocumentFile, regionOf, regionStyle, threadsOf } from "./assets";
import { idOf } from "./ids";

const creds = (over: Partial<ContentCredentials>): ContentCredentials => ({
  claimGenerator: "Tool 1",
  title: null,
  aiGenerated: false,
  actions: [],
  signer: null,
  signedAt: null,
  validity: "valid",
  statusCodes: [],
  problem: null,
  ...over,
});

describe("asset helpers", () => {
  it("never presents invalid credentials' claims as fact", () => {
    expect(credentialBadge(null)).toBeNull();
    expect(credentialBadge(creds({ aiGenerated: true }))?.label).toBe("AI-generated");
    expect(credentialBadge(creds({}))?.label).toBe("Content Credentials ✓");
    expect(credentialBadge(creds({ validity: "trusted" }))?.tone).toBe("ok");
    expect(credentialBadge(creds({ validity: "invalid", aiGenerated: true }))).toMatchObject({ tone: "bad", label: "Credentials invalid" });
  });

  it("turns a drag into a region of the image, in ten-thousandths, in any direction, clamped", () => {
    expect(regionOf({ x: 100, y: 50 }, { x: 300, y: 150 }, 400, 200)).toEqual({ x: 2500, y: 2500, width: 5000, height: 5000 });
    expect(regionOf({ x: 300, y: 150 }, { x: 100, y: 50 }, 400, 200)).toEqual({ x: 2500, y: 2500, width: 5000, height: 5000 });
    expect(regionOf({ x: -50, y: -50 }, { x: 900, y: 900 }, 400, 200)).toEqual({ x: 0, y: 0, width: 10000, height: 10000 });
    expect(regionOf({ x: 10, y: 10 }, { x: 12, y: 40 }, 400, 200)).toBeNull();
    expect(regionOf({ x: 0, y: 0 }, { x: 10, y: 10 }, 0, 0)).toBeNull();
    expect(regionStyle({ x: 2500, y: 0, width: 5000, height: 10000 })).toBe("left:25%;top:0%;width:50%;height:100%");
  });

  it("routes dropped files by name: scripts to documents, media to assets", () => {
    expect(isDocumentFile("Pilot.fdx")).toBe(true);
    expect(isDocumentFile("poster.PNG")).toBe(false);
    expect(isAssetFile("poster.PNG")).toBe(true);
    expect(isAssetFile("cut.mov")).toBe(true);
    expect(isAssetFile("notes.zip")).toBe(false);
  });

  it("labels times and anchors, and numbers threads as their regions are numbered", () => {
    expect(formatTime(61_500)).toBe("1:01");
    expect(formatTime(3_723_000)).toBe("1:02:03");
    const v = idOf("assetVersion", "v1");
    expect(anchorLabel({ kind: "time", versionId: v, startMs: 42_000, endMs: null })).toBe("At 0:42");
    expect(anchorLabel({ kind: "page", versionId: v, page: 3 })).toBe("Page 3");
    const c = (id: string, threadId: string) => ({ id: idOf("comment", id), threadId: idOf("comment", threadId) }) as CommentInfo;
    const t = threadsOf([c("a", "a"), c("b", "b"), c("r", "a")]);
    expect(t.map((x) => [x.n, x.root.id, x.replies.length])).toEqual([[1, "a", 1], [2, "b", 0]]);
  });
});
