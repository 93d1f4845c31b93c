// Settings → Database, as data: the form's fields, what the UI checks before asking the shell
// (which checks everything again), and how the window names the database it is on.
import type { DatabaseForm, DatabaseStatus, ServerFields, TlsChoice } from "./bindings";

export type TeamFields = {
  host: string;
  /** As typed; checked before sending. */
  port: string;
  database: string;
  user: string;
  tls: TlsChoice;
  /** Use the CA certificate picked with the file dialog (verify-full). */
  useCaFile: boolean;
  password: string;
};

export type TeamField = "host" | "port" | "database" | "user" | "tls" | "password";
export type TeamErrors = Partial<Record<TeamField, string>>;

export const TLS_MODES: { value: TlsChoice; label: string; hint: string }[] = [
  { value: "verify-full", label: "Verify the server (verify-full)", hint: "Encrypted, and the server must prove it is the one you named. Use this." },
  { value: "require", label: "Encrypt only (require)", hint: "Encrypted, but the server’s certificate is not checked." },
  { value: "disable", label: "No encryption (disable)", hint: "Only for a server on this computer or a trusted private link." },
];

export const DEFAULT_PORT = 5432;

/** The form for `server` (the one in use or last tried), or an empty one. */
export function teamFields(server: ServerFields | null, caFileName: string | null): TeamFields {
  return {
    host: server?.host ?? "",
    port: String(server?.port ?? DEFAULT_PORT),
    database: server?.database ?? "",
    user: server?.user ?? "",
    tls: server?.tls ?? "verify-full",
    useCaFile: caFileName !== null && (server?.tls ?? "verify-full") === "verify-full",
    password: "",
  };
}

/** What is wrong before asking the shell: empty fields and a port that is not a port. */
export function validateTeam(f: TeamFields): TeamErrors {
  const errors: TeamErrors = {};
  if (!f.host.trim()) errors.host = "Give the server’s host name or address.";
  else if (/[\s/@]/.test(f.host.trim())) errors.host = "A host name has no spaces, slashes or @ (just the name or address).";
  const port = Number(f.port.trim());
  if (!/^\d+$/.test(f.port.trim()) || port < 1 || port > 65535) errors.port = "The port is a number from 1 to 65535 (PostgreSQL’s is 5432).";
  if (!f.database.trim()) errors.database = "Give the database’s name (your administrator knows it).";
  if (!f.user.trim()) errors.user = "Give your own database login.";
  return errors;
}

/** The command's input. Only call with a form `validateTeam` accepts. */
export function toDatabaseForm(f: TeamFields): DatabaseForm {
  return {
    host: f.host.trim(),
    port: Number(f.port.trim()),
    database: f.database.trim(),
    user: f.user.trim(),
    tls: f.tls,
    useCaFile: f.tls === "verify-full" && f.useCaFile,
    password: f.password === "" ? null : f.password,
  };
}

/** The form field a shell refusal is about (`databaseUrl` covers port, TLS and the CA file). */
export function teamFieldOf(field: string | null): TeamField | null {
  switch (field) {
    case "host":
    case "database":
    case "user":
      return field;
    case "databaseUrl":
      return "tls";
    default:
      return null;
  }
}

/** How the window names where its data is: "This computer", or "Team · alice@db:5432/studio". */
export function databaseName(status: DatabaseStatus | null): string {
  if (!status) return "";
  return status.mode === "local" ? "This computer" : `Team · ${status.label}`;
}
