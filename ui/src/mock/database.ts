// The mock's database choice: this computer or a team server, as the shell reports it, with
// the same checks and messages for the form, and the live updates a team server pushes
// (another person's change, the connection dropping and coming back).
import type {
  ConnectionResult,
  DatabaseForm,
  DatabaseMode,
  DatabaseSource,
  DatabaseStatus,
  IpcError,
  LiveUpdate,
  ServerFields,
  SetUpInfo,
} from "$lib/bindings";
import { fail } from "./validate";

/** Logins the mock server knows, and their people. */
const PEOPLE: Record<string, string> = { maya: "Maya Okafor", abel: "Abel Ortiz", priya: "Priya Shah", admin: "Studio Admin" };
/** Logins that may set Greenlight up on a server (as a superuser would). */
const ADMINS = new Set(["admin"]);

export class MockDatabase {
  mode: DatabaseMode = "local";
  source: DatabaseSource = "default";
  firstRun = false;
  server: ServerFields | null = null;
  online = true;
  offlineMessage = "";
  openError: IpcError | null = null;
  caFileName: string | null = null;
  /** What the "native dialog" answers when asked for a CA file (null: the person cancels). */
  caPick: string | null = "studio-ca.pem";
  /** Where live updates go (mock mode emits them as the shell's event; tests listen here). */
  onLive: (u: LiveUpdate) => void = () => {};
  #seq = 0;
  /** Databases that have no Greenlight schema yet (until someone sets them up). */
  bare = new Set<string>(["fresh"]);

  constructor(private readonly dataDir: string) {}

  label(): string {
    const s = this.server;
    return this.mode === "team" && s ? `${s.user}@${s.host}:${s.port}/${s.database}` : `${this.dataDir}/greenlight.db`;
  }

  status(): DatabaseStatus {
    return {
      mode: this.mode,
      label: this.label(),
      source: this.source,
      firstRun: this.firstRun,
      server: this.mode === "team" ? this.server : null,
      online: this.online && this.openError === null,
      openError: this.openError,
      caFileName: this.caFileName,
    };
  }

  /** As core's `server_config` and a connection: the same fields refused, the same failures. */
  test(form: DatabaseForm): ConnectionResult {
    const host = form.host.trim();
    if (!host || /[\s/@]/.test(host)) fail("invalid_input", `Host: “${host}” is not a host name or address`, "host");
    if (!form.database.trim()) fail("invalid_input", "Database: give the database's name (up to 63 characters, no spaces)", "database");
    const user = form.user.trim();
    if (!user || /\s/.test(user)) fail("invalid_input", "User: give your database login (up to 63 characters, no spaces)", "user");
    if (form.port < 1 || form.port > 65535) fail("invalid_input", "Database URL: the port must be between 1 and 65535", "databaseUrl");
    const where = `${user}@${host}:${form.port}/${form.database.trim()}`;
    if (/unreachable|offline/.test(host))
      fail("offline", `Cannot reach the database server at ${host}:${form.port} (connection timed out after 5 s). Check the address and your network`);
    if (form.password === "wrong")
      fail("storage_unavailable", `The server refused the login “${user}” at ${host}: wrong password. Check it, or ask your administrator`);
    if (this.bare.has(form.database.trim()))
      fail("storage_unavailable", `${where} has no Greenlight schema yet. Whoever administers the server runs \`greenlight team init --database-url …\` once (see docs/TEAM.md); ask them`);
    if (!(user in PEOPLE))
      fail("storage_unavailable", `“${user}” may not use Greenlight on ${where}: ask your administrator to run greenlight team add-person ${user}`);
    return { server: where, login: user, person: PEOPLE[user] ?? null };
  }

  /** As the shell: whether the schema is there, and whether this login may set it up. */
  setUpState(form: DatabaseForm): SetUpInfo {
    if (/unreachable|offline/.test(form.host)) this.test(form);
    return { schemaPresent: !this.bare.has(form.database.trim()), maySetUp: ADMINS.has(form.user.trim()) };
  }

  setUp(form: DatabaseForm): ConnectionResult {
    if (!this.setUpState(form).maySetUp)
      fail("forbidden", `The login ${form.user.trim()} may not set Greenlight up on this server. Ask whoever administers it to run \`greenlight team init\` (see docs/TEAM.md).`);
    this.bare.delete(form.database.trim());
    return this.test(form);
  }

  switchTo(form: DatabaseForm): DatabaseStatus {
    this.test(form);
    this.mode = "team";
    this.server = { host: form.host.trim(), port: form.port, database: form.database.trim(), user: form.user.trim(), tls: form.tls };
    this.source = "saved";
    this.firstRun = false;
    this.online = true;
    this.openError = null;
    return this.status();
  }

  useLocal(): DatabaseStatus {
    this.mode = "local";
    this.server = null;
    this.source = "saved";
    this.firstRun = false;
    this.online = true;
    this.openError = null;
    return this.status();
  }

  pickCa(): string | null {
    if (this.caPick) this.caFileName = this.caPick;
    return this.caPick;
  }

  /** A commands's refusal while the server cannot be reached. */
  unreachable(): never {
    return fail("offline", this.offlineMessage || "Cannot reach the team server: the connection was lost. Retrying");
  }

  /** Something was recorded on `chain`; a team server announces it. */
  announce(chain: string): void {
    if (this.mode === "team" && this.online) this.onLive({ kind: "changed", chain, seq: ++this.#seq });
  }

  goOffline(message = "lost the connection to the team server"): void {
    this.online = false;
    this.offlineMessage = `Cannot reach the team server: ${message}`;
    this.onLive({ kind: "offline", message });
  }

  goOnline(): void {
    this.online = true;
    this.onLive({ kind: "online" });
  }
}
