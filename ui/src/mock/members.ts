// Project members in the mock: the creator is the first member, holding every role; a new
// member is a writer; admins change roles; the last member cannot leave and the last admin
// keeps the role (as core refuses them, with the same code).
import type { MemberInfo, PersonInfo, ProjectId, Role, UserId } from "$lib/bindings";
import { idOf } from "$lib/ids";
import { fail } from "./validate";

/** The mock team server's people (logins as in MockDatabase). */
export const TEAM: PersonInfo[] = [
  { id: idOf("user", "usr_maya"), name: "Maya Okafor", email: "maya@studio.example", login: "maya" },
  { id: idOf("user", "usr_abel"), name: "Abel Ortiz", email: "abel@studio.example", login: "abel" },
  { id: idOf("user", "usr_priya"), name: "Priya Shah", email: "", login: "priya" },
];

export const ROLES: Role[] = ["writer", "producer", "legal_reviewer", "admin"];

export class MockMembers {
  #byProject = new Map<ProjectId, MemberInfo[]>();

  constructor(
    private readonly people: () => PersonInfo[],
    private readonly now: () => number,
    private readonly log: (projectId: ProjectId, summary: string, kind: string) => void,
  ) {}

  /** The creator of a project is its first member. */
  created(projectId: ProjectId, creator: PersonInfo): void {
    this.#byProject.set(projectId, [{ person: creator, addedAt: this.now(), roles: [...ROLES] }]);
  }

  list(projectId: ProjectId): MemberInfo[] {
    return [...(this.#byProject.get(projectId) ?? [])];
  }

  find(idOrLogin: string): PersonInfo {
    const key = idOrLogin.trim();
    return this.people().find((p) => p.login === key || p.id === key) ?? fail("not_found", `Person not found (it may have been removed)`);
  }

  add(projectId: ProjectId, idOrLogin: string): MemberInfo[] {
    const who = this.find(idOrLogin);
    const list = this.list(projectId);
    if (!list.some((m) => m.person.id === who.id)) {
      this.#byProject.set(projectId, [...list, { person: who, addedAt: this.now(), roles: ["writer"] }]);
      this.log(projectId, `Added ${who.name} to the project`, "member.added");
    }
    return this.list(projectId);
  }

  remove(projectId: ProjectId, personId: UserId, projectTitle: string): MemberInfo[] {
    const list = this.list(projectId);
    const who = list.find((m) => m.person.id === personId)?.person ?? this.find(personId);
    if (list.length <= 1)
      fail("conflict", `${who.name} is the last member of “${projectTitle}”; add someone else first. Reload to see the newest version, then apply your change again`);
    this.log(projectId, `Removed ${who.name} from the project`, "member.removed");
    this.#byProject.set(projectId, list.filter((m) => m.person.id !== personId));
    return this.list(projectId);
  }

  setRoles(projectId: ProjectId, personId: UserId, roles: Role[], projectTitle: string): MemberInfo[] {
    const list = this.list(projectId);
    const member = list.find((m) => m.person.id === personId) ?? fail("not_found", "Member not found (they may have been removed)");
    const admins = list.filter((m) => m.roles.includes("admin")).length;
    if (member.roles.includes("admin") && !roles.includes("admin") && admins <= 1)
      fail("conflict", `${member.person.name} is the last admin of “${projectTitle}”; make someone else admin first`);
    const now = ROLES.filter((r) => roles.includes(r));
    this.#byProject.set(projectId, list.map((m) => (m.person.id === personId ? { ...m, roles: now } : m)));
    this.log(projectId, `Made ${member.person.name} ${now.join(", ").replaceAll("_", " ") || "a member with no role"}`, "member.roles_set");
    return this.list(projectId);
  }
}
