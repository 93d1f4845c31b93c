import { describe, expect, it } from "vitest";
import type { DatabaseStatus } from "./bindings";
import { databaseName, teamFieldOf, teamFields, toDatabaseForm, validateTeam } from "./database";

describe("the team server form", () => {
  it("starts from the server in use (never a password), or empty with PostgreSQL's port", () => {
    expect(teamFields(null, null)).toMatchObject({ host: "", port: "5432", tls: "verify-full", useCaFile: false, password: "" });
    const f = teamFields({ host: "db", port: 6543, database: "studio", user: "maya", tls: "verify-full" }, "ca.pem");
    expect(f).toMatchObject({ host: "db", port: "6543", database: "studio", user: "maya", useCaFile: true, password: "" });
  });

  it("names each empty or malformed field before asking the shell", () => {
    const e = validateTeam({ ...teamFields(null, null), host: "db/x", port: "70000" });
    expect(Object.keys(e).sort()).toEqual(["database", "host", "port", "user"]);
    expect(validateTeam({ ...teamFields(null, null), host: "db", port: "abc", database: "d", user: "u" })).toHaveProperty("port");
    expect(validateTeam({ ...teamFields(null, null), host: " db ", port: " 5432 ", database: "d", user: "u" })).toEqual({});
  });

  it("sends trimmed fields, a number port, the CA only for verify-full, and no empty password", () => {
    const base = { host: " db ", port: "5432", database: " studio ", user: " maya ", tls: "require", useCaFile: true, password: "" } as const;
    expect(toDatabaseForm(base)).toEqual({ host: "db", port: 5432, database: "studio", user: "maya", tls: "require", useCaFile: false, password: null });
    expect(toDatabaseForm({ ...base, tls: "verify-full", password: "s3cret" })).toMatchObject({ useCaFile: true, password: "s3cret" });
  });

  it("puts the shell's refusals next to the right field", () => {
    expect(teamFieldOf("host")).toBe("host");
    expect(teamFieldOf("databaseUrl")).toBe("tls");
    expect(teamFieldOf(null)).toBeNull();
    expect(teamFieldOf("title")).toBeNull();
  });
});

describe("the database indicator's words", () => {
  const status = (mode: "local" | "team", label: string): DatabaseStatus => ({
    mode,
    label,
    source: "saved",
    firstRun: false,
    server: null,
    online: true,
    openError: null,
    caFileName: null,
  });
  it("says this computer, or the team server with the login", () => {
    expect(databaseName(status("local", "/home/maya/.local/share/greenlight/greenlight.db"))).toBe("This computer");
    expect(databaseName(status("team", "alice@db:5432/studio"))).toBe("Team · alice@db:5432/studio");
    expect(databaseName(null)).toBe("");
  });
});
