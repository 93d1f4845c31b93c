// The mock's legal view and disclosures, as core builds them: the view from the newest
// revision's attribution and the suggestions; disclosures kept in memory.
import type {
  DisclosureInput,
  DisclosureRecord,
  DocumentId,
  DocumentProvenance,
  ModelUse,
  PolicyTerms,
  ProjectId,
  UserId,
} from "$lib/bindings";
import type { MockSuggestions } from "./suggestions";
import { fail } from "./validate";

export type ProvenanceHost = {
  now: () => number;
  actor: () => { id: UserId; name: string };
  document: (id: DocumentId) => { projectId: ProjectId; title: string; headRevisionId: string | null };
  project: (id: ProjectId) => { title: string };
  revisionText: (id: string) => { text: string; createdAt: number };
  memberName: (projectId: ProjectId, id: UserId) => string;
  log: (kind: string, summary: string, projectId: ProjectId, documentId: DocumentId | null) => void;
};

const POLICY: PolicyTerms = { aiEnabled: true, localOnly: false, allowedProviders: [], protectedNameCount: 0 };

export class MockProvenance {
  readonly disclosures: DisclosureRecord[] = [];
  private nextId = 1;

  constructor(
    private readonly host: ProvenanceHost,
    private readonly suggestions: MockSuggestions,
  ) {}

  document(documentId: DocumentId): DocumentProvenance {
    const d = this.host.document(documentId);
    if (!d.headRevisionId) fail("not_found", "This document has no saved revision yet.");
    const a = this.suggestions.attribution(documentId, null);
    const head = this.host.revisionText(a.revisionId);
    const spans = a.spans.filter((s) => s.origin === "ai" && s.suggestionId).map((s) => ({ start: s.start, end: s.end, suggestionId: s.suggestionId!, edited: s.edited }));
    const order = [...new Set(spans.map((s) => s.suggestionId))];
    const histories = order.map((id) => {
      const s = this.suggestions.get(id);
      const now = spans.filter((x) => x.suggestionId === id).reduce((n, x) => n + x.end - x.start, 0);
      return {
        suggestionId: id,
        instruction: s.instruction,
        preset: s.preset,
        templateId: "variation",
        templateVersion: 1,
        providerName: s.providerName,
        model: s.model,
        local: s.local,
        promptHash: "0".repeat(64),
        runId: s.runId,
        requestedByName: this.host.actor().name,
        requestedAt: s.createdAt,
        acceptedByName: s.decision?.byName ?? null,
        acceptedAt: s.decision?.at ?? null,
        editedBeforeAccepting: s.decision?.edited ?? false,
        editDistance: s.decision?.editDistance ?? null,
        charsAccepted: now,
        charsNow: now,
        policy: POLICY,
      };
    });
    const models = new Map<string, ModelUse>();
    for (const s of this.suggestions.list(documentId)) {
      const key = `${s.providerName}\u0000${s.model}\u0000${s.local}`;
      const m = models.get(key) ?? { providerName: s.providerName, model: s.model, local: s.local, requests: 0 };
      m.requests += 1;
      models.set(key, m);
    }
    return {
      documentId,
      title: d.title,
      projectId: d.projectId,
      projectTitle: this.host.project(d.projectId).title,
      revisionId: a.revisionId,
      revisionAt: head.createdAt,
      text: head.text,
      totalWords: a.totalWords,
      aiWords: a.aiWords,
      totalChars: a.totalChars,
      aiChars: a.aiChars,
      spans,
      histories,
      models: [...models.values()],
      sentRemote: [...models.values()].some((m) => !m.local),
      policyNow: POLICY,
      disclosures: this.disclosures.filter(
        (x) => x.projectId === d.projectId && (x.disclosure.kind === "elected_use" || (x.disclosure.kind === "material_provided" && (x.disclosure.documentId ?? documentId) === documentId)),
      ),
    };
  }

  record(projectId: ProjectId, input: DisclosureInput): DisclosureRecord {
    const text = (field: string, label: string, v: string) => {
      if (!v.trim()) fail("invalid_input", `${label} cannot be empty`, field);
      return v.trim();
    };
    const disclosure =
      input.kind === "material_provided"
        ? { ...input, toName: this.host.memberName(projectId, input.to), material: text("material", "The material", input.material) }
        : input.kind === "elected_use"
          ? { ...input, writerName: this.host.memberName(projectId, input.writer), describedUse: text("describedUse", "The described use", input.describedUse), policy: POLICY }
          : {
              ...input,
              performer: text("performer", "The performer", input.performer),
              consentReference: text("consentReference", "The consent reference", input.consentReference),
              describedUse: text("describedUse", "The described use", input.describedUse),
            };
    const summary =
      disclosure.kind === "material_provided"
        ? `disclosed to ${disclosure.toName} that this material was produced by a model: ${disclosure.material}`
        : disclosure.kind === "elected_use"
          ? `recorded the company's consent to ${disclosure.writerName}'s elected use of AI: ${disclosure.describedUse}`
          : `recorded ${disclosure.performer}'s consent (${disclosure.consentReference}) for this use of their voice or likeness: ${disclosure.describedUse}`;
    const me = this.host.actor();
    const record: DisclosureRecord = { id: `evt_${this.nextId++}`, projectId, disclosure, recordedBy: me.id, recordedByName: me.name, at: this.host.now(), summary };
    this.disclosures.push(record);
    this.host.log("disclosure.recorded", summary, projectId, disclosure.kind === "material_provided" ? disclosure.documentId : null);
    return record;
  }

  ofProject(projectId: ProjectId): DisclosureRecord[] {
    return this.disclosures.filter((d) => d.projectId === projectId);
  }

  mine(): DisclosureRecord[] {
    const me = this.host.actor().id;
    return this.disclosures.filter((d) => (d.disclosure.kind === "material_provided" ? d.disclosure.to : d.disclosure.kind === "elected_use" ? d.disclosure.writer : null) === me);
  }
}
