// Where a provider's address points, as the Rust side judges it (crates/ai/src/address.rs):
// https:// for a remote server; plain http:// only for this computer, or for a server at a
// private address or internal name that the person marks as on their own network.
export type HostClass = "loopback" | "private" | "public" | "name";

function v4Class(parts: number[]): HostClass {
  const [a, b] = parts;
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return "private";
  return "public";
}

/** The scheme, host and class of `url`; null when it is not an http(s) address with a host. */
export function hostOf(url: string): { scheme: string; host: string; cls: HostClass } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const scheme = u.protocol.replace(/:$/, "");
  const host = u.hostname.toLowerCase();
  if (!host) return null;
  if (host === "localhost" || host.endsWith(".localhost")) return { scheme, host, cls: "loopback" };
  const v4 = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) return { scheme, host, cls: v4Class(v4.slice(1).map(Number)) };
  if (host.startsWith("[")) {
    const v6 = host.slice(1, -1);
    if (v6 === "::1") return { scheme, host, cls: "loopback" };
    if (/^f[cd]/.test(v6) || /^fe[89ab]/.test(v6)) return { scheme, host, cls: "private" };
    return { scheme, host, cls: "public" };
  }
  return { scheme, host, cls: "name" };
}

/** Why `url` may not be used (null when it may), in the Rust side's words. */
export function addressProblem(url: string, ownNetwork: boolean): string | null {
  const h = hostOf(url);
  if (!h) return `“${url}” is not a web address; it must start with https:// (or http:// for a server on this computer)`;
  if (ownNetwork && h.cls === "public") return `${h.host} is a public internet address, so it cannot be marked as on your own network`;
  if (h.scheme === "https") return null;
  if (h.scheme !== "http") return `“${h.scheme}://” addresses are not supported; use https://`;
  if (h.cls === "loopback" || (ownNetwork && h.cls !== "public")) return null;
  return `plain http:// would send your text and key to ${h.host} unencrypted; use https://, or, if the server is on your own network, mark it as such`;
}

/** Whether text sent to `url` stays on this computer or the studio's own network. */
export function isLocalAddress(url: string, ownNetwork: boolean): boolean {
  const h = hostOf(url);
  return h !== null && (h.cls === "loopback" || (ownNetwork && (h.cls === "private" || h.cls === "name")));
}
