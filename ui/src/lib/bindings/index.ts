// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p greenlight-app --test bindings`.
// Do not edit by hand.

export type ProjectId = string & { readonly __brand: "ProjectId" };

export type DocumentId = string & { readonly __brand: "DocumentId" };

export type RevisionId = string & { readonly __brand: "RevisionId" };

export type EventId = string & { readonly __brand: "EventId" };

export type UserId = string & { readonly __brand: "UserId" };

export type SuggestionId = string & { readonly __brand: "SuggestionId" };

export type ReviewId = string & { readonly __brand: "ReviewId" };

export type CommentId = string & { readonly __brand: "CommentId" };

export type AssetId = string & { readonly __brand: "AssetId" };

export type AssetVersionId = string & { readonly __brand: "AssetVersionId" };

export type ProjectKind = "feature" | "series" | "episode" | "short" | "other";

export type Project = { id: ProjectId, title: string, logline: string, kind: ProjectKind, archived: boolean, 
/**
 * Unix milliseconds.
 */
createdAt: number, updatedAt: number, };

export type ProjectSummary = { project: Project, documentCount: number, 
/**
 * Unix milliseconds of the newest event about the project.
 */
lastActivityAt: number, };

export type NewProject = { title: string, logline: string, kind: ProjectKind, };

export type ProjectPatch = { title: string | null, logline: string | null, kind: ProjectKind | null, };

export type DocumentKind = "screenplay" | "treatment" | "outline" | "synopsis" | "bible" | "notes";

export type DocumentFormat = "fountain" | "markdown" | "plain";

export type Document = { id: DocumentId, projectId: ProjectId, title: string, kind: DocumentKind, format: DocumentFormat, 
/**
 * The newest revision; `None` only for a document that has never been saved.
 */
headRevisionId: RevisionId | null, createdAt: number, updatedAt: number, };

export type DocumentSummary = { document: Document, revisionCount: number, wordCount: number, };

export type NewDocument = { projectId: ProjectId, title: string, kind: DocumentKind, format: DocumentFormat, 
/**
 * Initial text; an empty string still creates a first revision.
 */
text: string, };

export type ImportOutcome = { document: Document, warnings: Array<string>, };

export type RevisionMeta = { id: RevisionId, documentId: DocumentId, parentId: RevisionId | null, authorId: UserId, authorName: string, 
/**
 * Hex SHA-256 of the UTF-8 text.
 */
contentHash: string, wordCount: number, createdAt: number, };

export type Revision = { meta: RevisionMeta, text: string, };

export type ConflictMarkers = { mine: string, separator: string, theirs: string, };

export type RevisionMerge = { 
/**
 * The document's newest revision (who saved it and when); a save of the merged text
 * takes it as its parent.
 */
head: RevisionMeta, 
/**
 * The newest revision's text.
 */
theirsText: string, 
/**
 * The merged text (with conflict markers where the changes overlap).
 */
mergedText: string, 
/**
 * True when no change overlapped: the merged text can be saved as it is.
 */
clean: boolean, 
/**
 * How many conflicts `merged_text` marks.
 */
conflicts: number, markers: ConflictMarkers, };

export type MovedFrom = { revision: RevisionId, start: number, };

export type TextChange = { from: number, to: number, insert: string, 
/**
 * Where `insert` was cut or copied from, when it was pasted (or restored by undo).
 */
movedFrom: MovedFrom | null, };

export type DiffOpKind = "equal" | "insert" | "delete";

export type DiffOp = { kind: DiffOpKind, text: string, };

export type WordDiff = { fromId: RevisionId, toId: RevisionId, ops: Array<DiffOp>, wordsInserted: number, wordsDeleted: number, };

export type SceneInfo = { 
/**
 * 1-based position in the script.
 */
ordinal: number, 
/**
 * The scene number written in the script (`#12A#`), if any.
 */
number: string | null, heading: string, location: string, 
/**
 * `INT`, `EXT`, `INT/EXT` or `OTHER`.
 */
setting: string, timeOfDay: string | null, 
/**
 * Speaking characters, in order of first appearance.
 */
characters: Array<string>, words: number, 
/**
 * Estimated length in eighths of a page (the industry's unit).
 */
eighths: number, 
/**
 * 0-based line of the scene heading in the text, for jumping in the editor.
 */
line: number, };

export type CharacterInfo = { name: string, dialogueBlocks: number, words: number, 
/**
 * Ordinals of the scenes the character speaks in.
 */
scenes: Array<number>, };

export type ScriptStructure = { scenes: Array<SceneInfo>, characters: Array<CharacterInfo>, 
/**
 * Estimated page count (eighths summed, rounded up).
 */
pages: number, };

export type ExportFormat = "original" | "fountain" | "fdx" | "text" | "pdf";

export type ActivityItem = { 
/**
 * Unique across chains (a `seq` is unique only within its chain).
 */
id: EventId, seq: number, at: number, actorName: string, 
/**
 * Machine kind, e.g. `project.created`, `revision.saved`.
 */
kind: string, 
/**
 * One sentence for a person, e.g. "saved a revision of “Pilot” (1204 words, +12)".
 */
summary: string, projectId: ProjectId | null, documentId: DocumentId | null, };

export type ProviderKindName = "openai_compatible" | "anthropic" | "ollama" | "offline";

export type ProviderInfo = { id: string, name: string, kind: ProviderKindName, 
/**
 * Empty means the kind's default.
 */
baseUrl: string, model: string, keySet: boolean, 
/**
 * Runs on this machine or the studio's own network (the offline engine, a loopback
 * address, or a server marked as on our own network).
 */
local: boolean, 
/**
 * The person marked this server as on their own network.
 */
ownNetwork: boolean, 
/**
 * The offline engine, which is always there and cannot be removed.
 */
builtIn: boolean, };

export type ApiKey = string;

export type ProviderInput = { name: string, kind: ProviderKindName, 
/**
 * `https://` for a remote server; plain `http://` only for this computer or, when
 * `own_network` is set, a server at a private address or internal name.
 */
baseUrl: string, model: string, 
/**
 * The person says the server is on their own network: it counts as local.
 */
ownNetwork: boolean, 
/**
 * `None` keeps the stored key; `Some("")` removes it; anything else replaces it. A key
 * for a provider whose address moves to another host must be entered again.
 */
apiKey: ApiKey | null, };

export type ConnectionReport = { ok: boolean, models: Array<string>, 
/**
 * A sentence for the person: what worked, or what went wrong and what to do.
 */
message: string, };

export type AiPolicy = { aiEnabled: boolean, 
/**
 * Provider ids allowed; empty means every configured provider.
 */
allowedProviders: Array<string>, 
/**
 * Text may only go to providers running on this machine.
 */
localOnly: boolean, 
/**
 * Names replaced by placeholders before text leaves the machine.
 */
protectedNames: Array<string>, 
/**
 * Longest prompt, in characters; 0 means no limit.
 */
maxRequestChars: number, };

export type AiTask = "summarize" | "variation" | "logline" | "synopsis";

export type AiRunRequest = { projectId: ProjectId, documentId: DocumentId | null, providerId: string, task: AiTask, 
/**
 * For variations: what to do ("tighten", "make it colder").
 */
instruction: string, 
/**
 * The passage; `None` means the document's newest revision.
 */
text: string | null, };

export type AiOutcome = "done" | "failed" | "cancelled" | "blocked" | "interrupted";

export type AiErrorCode = "rate_limited" | "overloaded" | "unavailable" | "auth_rejected" | "quota_exhausted" | "context_too_long" | "model_not_found" | "bad_request" | "network" | "timeout" | "malformed_reply" | "truncated_stream" | "provider_error" | "config" | "redirected" | "reply_too_large" | "took_too_long";

export type AiRunEvent = { "type": "started", runId: string, providerName: string, model: string, local: boolean, template: string, } | { "type": "retrying", message: string, waitMs: number, } | { "type": "delta", text: string, } | { "type": "usage", inputTokens: number | null, outputTokens: number | null, } | { "type": "finished", outcome: AiOutcome, 
/**
 * Some text arrived before the run failed or was cancelled: it is kept, marked
 * incomplete.
 */
partial: boolean, 
/**
 * For a failure or a block: what happened, in words, and what to do.
 */
message: string | null, 
/**
 * For a failure: its class, for the UI to branch on.
 */
code: AiErrorCode | null, };

export type AiRunRecord = { id: string, projectId: ProjectId, documentId: DocumentId | null, task: AiTask, providerId: string, providerName: string, model: string, local: boolean, templateId: string, templateVersion: number, 
/**
 * Template parameters as recorded (long values are hashed).
 */
params: string, promptHash: string, inputTokens: number | null, outputTokens: number | null, latencyMs: number | null, outcome: AiOutcome | null, partial: boolean, message: string | null, output: string, startedAt: number, finishedAt: number | null, };

export type TakeEvent = { 
/**
 * The take's number, from 1.
 */
take: number, event: AiRunEvent, };

export type VariationPreset = "tighten" | "punch-up-dialogue" | "change-tone" | "longer" | "shorter" | "in-characters-voice" | "translate";

export type RejectReason = "off-tone" | "inaccurate" | "too-long" | "not-my-voice" | "other";

export type SuggestionState = "pending" | "accepted" | "accepted_with_edits" | "partly_accepted" | "rejected" | "stale" | "withdrawn";

export type Hunk = { n: number, start: number, end: number, removed: string, inserted: string, };

export type Decision = { by: UserId, byName: string, at: number, 
/**
 * From the suggestion's creation to this decision, in milliseconds.
 */
msToDecide: number, reason: RejectReason | null, note: string | null, 
/**
 * The writer changed the take before accepting it.
 */
edited: boolean, 
/**
 * Between the suggested and the accepted text, 0 to 1 (see
 * [`crate::take::normalized_edit_distance`]); for acceptances only.
 */
editDistance: number | null, 
/**
 * The revision the acceptance created.
 */
acceptedRevisionId: RevisionId | null, acceptedText: string | null, 
/**
 * The hunks accepted, when only some were.
 */
hunksAccepted: Array<number> | null, };

export type Suggestion = { id: SuggestionId, projectId: ProjectId, documentId: DocumentId, 
/**
 * The revision the passage was taken from.
 */
baseRevisionId: RevisionId, 
/**
 * Where the passage is now: the revision it was last found unchanged in, and its
 * characters `[anchor_start, anchor_end)` there.
 */
anchorRevisionId: RevisionId, anchorStart: number, anchorEnd: number, 
/**
 * The passage as the model saw it (before redaction), and its hash.
 */
passage: string, passageHash: string, instruction: string, preset: VariationPreset | null, providerId: string, providerName: string, model: string, local: boolean, 
/**
 * The AI run that wrote it (its record has the prompt's hash and the template).
 */
runId: string, 
/**
 * The take: what the model wrote.
 */
text: string, 
/**
 * The word diff from the passage to the take, numbered from 1.
 */
hunks: Array<Hunk>, state: SuggestionState, createdBy: UserId, createdAt: number, decision: Decision | null, };

export type VaryRequest = { documentId: DocumentId, start: number, end: number, 
/**
 * What to do; may be empty when a preset says it.
 */
instruction: string, preset: VariationPreset | null, 
/**
 * How many takes (1 to 5), each its own request.
 */
takes: number, 
/**
 * The provider; the first configured one when `None`.
 */
providerId: string | null, };

export type FailedTake = { 
/**
 * Which take (from 1, in the order they were asked for).
 */
take: number, 
/**
 * Its AI run, when it started (its record keeps what happened).
 */
runId: string | null, providerName: string, model: string, message: string, };

export type VaryOutcome = { 
/**
 * The takes kept as pending suggestions, in the order they were asked for.
 */
suggestions: Array<Suggestion>, failed: Array<FailedTake>, };

export type AppliedSuggestion = { suggestion: Suggestion, revision: RevisionMeta, };

export type LocalModelServer = { 
/**
 * "Ollama", "LM Studio", "llama.cpp".
 */
name: string, kind: ProviderKindName, baseUrl: string, };

export type SpanOrigin = "human" | "ai";

export type AttributedSpan = { start: number, end: number, origin: SpanOrigin, suggestionId: SuggestionId | null, edited: boolean, };

export type AttributionReport = { documentId: DocumentId, revisionId: RevisionId, totalWords: number, 
/**
 * Words holding at least one character of AI origin.
 */
aiWords: number, totalChars: number, aiChars: number, spans: Array<AttributedSpan>, };

export type Flag = { name: string, reason: string, };

export type Sentence = { text: string, citations: Array<number>, flags: Array<Flag>, };

export type SummaryNode = { 
/**
 * `scene:N`, `scenes:A-B` or `all`.
 */
scope: string, scenes: Array<number>, text: string, 
/**
 * The scenes its sentences cite.
 */
citations: Array<number>, flags: Array<Flag>, sentences: Array<Sentence>, 
/**
 * Taken from the cache (no call made).
 */
reused: boolean, 
/**
 * Not computed: the summary was cancelled first (its text is empty).
 */
missing: boolean, };

export type SummaryReport = { 
/**
 * The revision summarized: when the document's newest is another, it is out of date.
 */
revisionId: RevisionId, nodes: Array<SummaryNode>, callsMade: number, nodesReused: number, 
/**
 * Cancelled before every node was computed; the finished ones are kept (and cached).
 */
cancelled: boolean, };

export type SummaryEvent = { "type": "started", summaryId: string, scopes: Array<string>, } | { "type": "node", scope: string, reused: boolean, done: number, total: number, };

export type SummaryKind = "summary" | "logline" | "synopsis";

export type Role = "writer" | "producer" | "legal_reviewer" | "admin";

export type ApprovalRule = "all" | "any";

export type StageTemplate = { name: string, 
/**
 * Who decides the stage; only holders of one of these roles may.
 */
roles: Array<Role>, rule: ApprovalRule, 
/**
 * When the stage is due, in milliseconds after it opens; `None` for no due time.
 */
dueAfterMs: number | null, 
/**
 * Whether the author of the subject approving it counts (and is allowed at all).
 */
selfApproval: boolean, 
/**
 * Whether an approval survives a new revision that leaves this stage's scope (the
 * scenes it approved) untouched. Otherwise any new revision resets it.
 */
sceneScoped: boolean, 
/**
 * The stages that must be approved before this one opens; empty opens it at the start.
 * Stages waiting for the same stages run in parallel.
 */
after: Array<string>, };

export type WorkflowTemplate = { name: string, stages: Array<StageTemplate>, };

export type Verdict = "approve" | "approve_with_changes" | "request_changes" | "reject";

export type StageDecision = { by: UserId, 
/**
 * The stage's roles the person held when deciding (what their approval covers).
 */
asRoles: Array<Role>, verdict: Verdict, isAuthor: boolean, at: number, 
/**
 * The round it was made in (older than the review's round when a scene-scoped approval
 * carried over).
 */
round: number, };

export type StageStatus = { "kind": "waiting" } | { "kind": "open", since: number, } | { "kind": "approved", at: number, } | { "kind": "changes_requested", at: number, } | { "kind": "rejected", at: number, };

export type StageState = { name: string, status: StageStatus, decisions: Array<StageDecision>, };

export type ReviewStatus = "in_review" | "changes_requested" | "rejected" | "locked";

export type ReviewState = { 
/**
 * From 1; each new revision of the subject during the review starts the next.
 */
round: number, status: ReviewStatus, stages: Array<StageState>, };

export type ReviewSubject = { "kind": "revision", documentId: DocumentId, revisionId: RevisionId, } | { "kind": "asset", assetId: string, versionId: string, };

export type OverdueStage = { stage: string, openedAt: number, dueAt: number, };

export type ReviewInfo = { id: ReviewId, projectId: ProjectId, subject: ReviewSubject, 
/**
 * The document's title or the asset's name.
 */
title: string, workflow: WorkflowTemplate, state: ReviewState, requestedBy: UserId, requestedByName: string, requestedAt: number, 
/**
 * When the whole review should be done, if the requester said.
 */
dueAt: number | null, updatedAt: number, 
/**
 * The revision (or asset version) that last received an approval: "what changed since
 * the last approval" compares the one under review with it.
 */
approvedSubjectId: string | null, 
/**
 * The open stages that wait for the person asking (their roles, not yet decided by them
 * in this round).
 */
waitingForMe: Array<string>, 
/**
 * Open stages past their due time (and the review's own due time, as stage "review").
 */
overdue: Array<OverdueStage>, };

export type ReviewDecisionRecord = { round: number, stage: string, by: UserId, byName: string, verdict: Verdict, comment: string | null, 
/**
 * The revision (or asset version) decided on.
 */
subjectId: string, at: number, };

export type Inbox = { waiting: Array<ReviewInfo>, requested: Array<ReviewInfo>, 
/**
 * How many of `waiting` are overdue.
 */
overdue: number, };

export type ReviewDetail = { review: ReviewInfo, decisions: Array<ReviewDecisionRecord>, 
/**
 * The word diff from the last approved revision to the one under review; null before any
 * approval or when they are the same.
 */
changesSinceApproval: WordDiff | null, };

export type CommentAnchor = { "kind": "span", revisionId: RevisionId, start: number, end: number, } | { "kind": "region", versionId: AssetVersionId, x: number, y: number, width: number, height: number, } | { "kind": "time", versionId: AssetVersionId, startMs: number, endMs: number | null, } | { "kind": "page", versionId: AssetVersionId, page: number, } | { "kind": "whole" };

export type Resolution = { by: UserId, byName: string, at: number, };

export type CommentInfo = { id: CommentId, projectId: ProjectId, documentId: DocumentId | null, assetId: AssetId | null, 
/**
 * The review it was made in, and the round then.
 */
reviewId: ReviewId | null, round: number | null, 
/**
 * The thread's first comment (its own id for a first comment).
 */
threadId: CommentId, replyTo: CommentId | null, anchor: CommentAnchor, 
/**
 * The words a span covered when the comment was written.
 */
quote: string | null, 
/**
 * Where the span lies in the revision listed (`[start, end)`); `None` for other anchors
 * or when it is outdated.
 */
spanNow: [number, number] | null, 
/**
 * Every character the span covered was deleted since.
 */
outdated: boolean, body: string, authorId: UserId, authorName: string, createdAt: number, 
/**
 * Set on a thread's first comment when the thread is resolved.
 */
resolved: Resolution | null, };

export type AssetKind = "image" | "video" | "audio" | "pdf";

export type Asset = { id: AssetId, projectId: ProjectId, 
/**
 * Display name, unique in the project; importing a file under an existing name adds a
 * version.
 */
name: string, kind: AssetKind, createdBy: UserId, createdAt: number, };

export type CredentialValidity = "trusted" | "valid" | "invalid";

export type CredentialAction = { action: string, 
/**
 * IPTC digital source type URI, when given.
 */
digitalSourceType: string | null, 
/**
 * The tool that performed it, when given.
 */
softwareAgent: string | null, };

export type ContentCredentials = { 
/**
 * The tool that made the claim ("Adobe Firefly 3", "Greenlight tests 1").
 */
claimGenerator: string | null, title: string | null, 
/**
 * Whether any action says the content was made by a trained model (the digital source
 * type `trainedAlgorithmicMedia` or `compositeWithTrainedAlgorithmicMedia`). Only as
 * believable as `validity`.
 */
aiGenerated: boolean, actions: Array<CredentialAction>, 
/**
 * Who signed: the certificate's organisation and common name.
 */
signer: string | null, 
/**
 * When it was signed (from a time stamp), if known.
 */
signedAt: string | null, validity: CredentialValidity, 
/**
 * The validation failures reported (`assertion.dataHash.mismatch`…); empty when clean.
 */
statusCodes: Array<string>, 
/**
 * Why the manifest could not be read at all, when that is the case.
 */
problem: string | null, };

export type AssetVersion = { id: AssetVersionId, assetId: AssetId, 
/**
 * 1 for the first import, then 2, 3…
 */
version: number, 
/**
 * BLAKE3 hash of the bytes, lowercase hex: the blob's address.
 */
hash: string, size: number, 
/**
 * Read from the content (`image/png`, `video/mp4`…).
 */
mediaType: string, 
/**
 * The file's name when it was imported (shown only; never a path).
 */
originalName: string, 
/**
 * Pixel size, for images.
 */
width: number | null, height: number | null, 
/**
 * What the file's C2PA Content Credentials say, if it had any.
 */
credentials: ContentCredentials | null, importedBy: UserId, importedByName: string, importedAt: number, };

export type AssetSummary = { asset: Asset, latest: AssetVersion, versionCount: number, };

export type ImportedAsset = { asset: Asset, version: AssetVersion, 
/**
 * Whether the bytes were already stored (same hash), so nothing new was written.
 */
deduplicated: boolean, };

export type LedgerProblem = { 
/**
 * The chain's id (`workspace`, `legacy`, or a project id).
 */
chain: string, 
/**
 * The chain as a person knows it ("project “Pilot”", "workspace").
 */
chainName: string, 
/**
 * The event that breaks the chain, when the problem is an event.
 */
seq: number | null, eventId: string | null, 
/**
 * The revision whose text does not match, when the problem is a revision.
 */
revisionId: string | null, reason: string, };

export type SignedHead = { chain: string, chainName: string, seq: number, hash: string, 
/**
 * The key of the person who verified and signed this record of the head; `None` when
 * they had no usable key.
 */
keyId: string | null, signature: string | null, };

export type VerifyReport = { ok: boolean, chainsChecked: number, eventsChecked: number, revisionsChecked: number, 
/**
 * Event and head signatures checked.
 */
signaturesChecked: number, 
/**
 * Events written before signatures began (hash-chained, not signed).
 */
unsignedEvents: number, 
/**
 * Each intact chain's head, as found.
 */
heads: Array<SignedHead>, 
/**
 * With `verify --against`: how many heads of the earlier report were checked.
 */
againstChecked: number | null, 
/**
 * Every chain that breaks (at its first broken event) and every revision that does not
 * match its record; empty when `ok`.
 */
problems: Array<LedgerProblem>, };

export type SigningKeyRecord = { 
/**
 * The Ed25519 public key, 64 hex digits.
 */
keyId: string, userId: UserId, createdAt: number, 
/**
 * The key this one succeeds.
 */
replaces: string | null, 
/**
 * When a newer key replaced this one.
 */
retiredAt: number | null, };

export type KeyStatus = "ready" | "missing" | "replaced";

export type KeysInfo = { status: KeyStatus, 
/**
 * The key this computer signs with (64 hex digits), when there is one.
 */
keyId: string | null, 
/**
 * Where the private half is kept ("the system keyring", "the file …").
 */
keptIn: string, 
/**
 * Every key the person registered, newest first.
 */
history: Array<SigningKeyRecord>, };

export type PolicyTerms = { aiEnabled: boolean, localOnly: boolean, allowedProviders: Array<string>, protectedNameCount: number, };

export type Disclosure = { "kind": "material_provided", to: UserId, toName: string, 
/**
 * Which material ("the AI outline of episode 3").
 */
material: string, documentId: DocumentId | null, } | { "kind": "elected_use", writer: UserId, writerName: string, 
/**
 * The use consented to ("variations of dialogue in act two").
 */
describedUse: string, policy: PolicyTerms, } | { "kind": "performer_consent", performer: string, 
/**
 * The agreement's or release's reference.
 */
consentReference: string, describedUse: string, assetId: AssetId | null, };

export type DisclosureInput = { "kind": "material_provided", to: UserId, material: string, documentId: DocumentId | null, } | { "kind": "elected_use", writer: UserId, describedUse: string, } | { "kind": "performer_consent", performer: string, consentReference: string, describedUse: string, assetId: AssetId | null, };

export type DisclosureRecord = { 
/**
 * The id of the event that records it.
 */
id: string, projectId: ProjectId, disclosure: Disclosure, recordedBy: UserId, recordedByName: string, at: number, 
/**
 * One sentence for a person.
 */
summary: string, };

export type AiSpan = { start: number, end: number, suggestionId: SuggestionId, 
/**
 * The writer changed the take before accepting it.
 */
edited: boolean, };

export type SpanHistory = { suggestionId: SuggestionId, 
/**
 * What the model was asked.
 */
instruction: string, preset: VariationPreset | null, templateId: string, templateVersion: number, providerName: string, model: string, 
/**
 * Whether the provider runs on this computer (no text left it).
 */
local: boolean, 
/**
 * SHA-256 of the exact prompt sent (the prompt itself is not kept).
 */
promptHash: string, runId: string, requestedByName: string, requestedAt: number, acceptedByName: string | null, acceptedAt: number | null, 
/**
 * The writer changed the take before accepting it.
 */
editedBeforeAccepting: boolean, 
/**
 * How far the accepted text is from the take (0 = as the model wrote it, 1 = all new).
 */
editDistance: number | null, 
/**
 * Characters of the take that went into the document when it was accepted.
 */
charsAccepted: number, 
/**
 * Of those, the characters still in the newest revision (fewer: people edited or cut
 * them since).
 */
charsNow: number, 
/**
 * The AI policy in force when the model was asked.
 */
policy: PolicyTerms | null, };

export type ModelUse = { providerName: string, model: string, local: boolean, 
/**
 * Requests made to it for this document (summaries and variations, answered or not).
 */
requests: number, };

export type DocumentProvenance = { documentId: DocumentId, title: string, projectId: ProjectId, projectTitle: string, revisionId: RevisionId, revisionAt: number, text: string, totalWords: number, 
/**
 * Words holding at least one character a model wrote.
 */
aiWords: number, totalChars: number, aiChars: number, spans: Array<AiSpan>, 
/**
 * One per suggestion with words in the document, in the order they first appear.
 */
histories: Array<SpanHistory>, models: Array<ModelUse>, 
/**
 * Whether any of the document's text was sent to a provider off this computer.
 */
sentRemote: boolean, policyNow: PolicyTerms, 
/**
 * The project's disclosures that concern this document or its people.
 */
disclosures: Array<DisclosureRecord>, };

export type ReportFormat = "json" | "html" | "pdf";

export type ReportTarget = { "kind": "document", documentId: DocumentId, } | { "kind": "project", projectId: ProjectId, };

export type Profile = { id: UserId, name: string, createdAt: number, };

export type AppInfo = { version: string, dataDir: string, profile: Profile | null, 
/**
 * Set when the database could not be opened; the UI shows it and what to do.
 */
startupError: IpcError | null, };

export type ImportBatch = { imported: Array<ImportOutcome>, refused: Array<RefusedFile>, };

export type RefusedFile = { fileName: string, error: IpcError, };

export type AssetImportBatch = { imported: Array<ImportedAsset>, refused: Array<RefusedFile>, };

export type DroppedFile = { token: string, name: string, };

export type DatabaseMode = "local" | "team";

export type DatabaseSource = "environment" | "saved" | "default";

export type TlsChoice = "disable" | "require" | "verify-full";

export type ServerFields = { host: string, port: number, database: string, user: string, tls: TlsChoice, };

export type DatabaseStatus = { mode: DatabaseMode, 
/**
 * The database file, or `login@host:port/database` on a team server.
 */
label: string, source: DatabaseSource, 
/**
 * No database was ever chosen on this computer: the UI offers "Just me" or "My team".
 */
firstRun: boolean, 
/**
 * The team server (the one in use, or the one that failed to open), for the form.
 */
server: ServerFields | null, 
/**
 * Whether the database answers now (false while a team server is unreachable).
 */
online: boolean, 
/**
 * Why the database could not be opened, when it could not.
 */
openError: IpcError | null, 
/**
 * The CA certificate chosen for verify-full (by file name), for the form.
 */
caFileName: string | null, };

export type Password = string;

export type DatabaseForm = { host: string, port: number, database: string, user: string, tls: TlsChoice, 
/**
 * Use the CA certificate chosen with `database_pick_ca` (verify-full only); otherwise the
 * system's trust store.
 */
useCaFile: boolean, 
/**
 * Empty or null: the one in the keyring for this login, else `PGPASSWORD` / `~/.pgpass`.
 */
password: Password | null, };

export type ConnectionResult = { 
/**
 * `login@host:port/database`.
 */
server: string, login: string, 
/**
 * The person the login is mapped to (null: created on first connect).
 */
person: string | null, };

export type SetUpInfo = { schemaPresent: boolean, 
/**
 * The login may run `team init` there (a superuser, or one that may create roles and
 * tables): the window offers the set-up to them and tells everyone else whom to ask.
 */
maySetUp: boolean, };

export type LiveUpdate = { "kind": "changed", chain: string, seq: number, } | { "kind": "offline", message: string, } | { "kind": "online" };

export type PersonInfo = { id: UserId, name: string, email: string, 
/**
 * Their database login on a team server.
 */
login: string | null, };

export type MemberInfo = { person: PersonInfo, addedAt: number, roles: Array<Role>, };

export type ErrorCode = "invalid_input" | "not_found" | "conflict" | "too_large" | "unsupported_file" | "storage_unavailable" | "offline" | "forbidden" | "keyring_unavailable" | "no_signing_key" | "policy_blocked" | "ai_failed" | "io" | "internal";

export type IpcError = { code: ErrorCode, message: string, 
/**
 * For `invalid_input`: the input field that was wrong, named as the command's input type
 * names it (`title`, `logline`, `kind`, ...), so a form shows the message next to it.
 * `null` when the error is not about one field.
 */
field: string | null, };

/**
 * Size limits the Rust side enforces (crates/domain/src/limits.rs).
 */
export const LIMITS = {
  /** Longest project or document title, in characters (Unicode code points). */
  maxTitleChars: 200,
  /** Longest logline, in characters (Unicode code points). */
  maxLoglineChars: 1000,
  /** Longest profile name, in characters (Unicode code points). */
  maxNameChars: 100,
  /** Largest document text, in bytes of UTF-8. */
  maxDocumentBytes: 5242880,
  /** Most editor changes one save may carry (past it, send none: the save is carried by a diff). */
  maxTextChanges: 10000,
  /** Most text the editor changes of one save may insert, in bytes of UTF-8, all together. */
  maxTextChangesBytes: 20971520,
} as const;

/**
 * Every `ErrorCode`, in declaration order.
 */
export const ERROR_CODES = ["invalid_input", "not_found", "conflict", "too_large", "unsupported_file", "storage_unavailable", "offline", "forbidden", "keyring_unavailable", "no_signing_key", "policy_blocked", "ai_failed", "io", "internal"] as const satisfies readonly ErrorCode[];

/**
 * The event announcing files dropped on the window (payload: DroppedFile[]).
 */
export const DROPPED_EVENT = "files-dropped";

/**
 * The event carrying live updates from the team server (payload: LiveUpdate).
 */
export const LIVE_EVENT = "database-live";

/**
 * Region comments are in these units of the image's width and height (ten-thousandths).
 */
export const REGION_SCALE = 10000;

/**
 * The URI scheme serving asset versions' bytes by id (build URLs with `convertFileSrc(versionId, ASSET_SCHEME)`).
 */
export const ASSET_SCHEME = "glasset";

/**
 * Every command the shell registers, under the name `invoke` uses: the arguments it takes
 * (camelCase keys, as Tauri expects) and what it resolves with. Every command rejects with an
 * `IpcError`. An argument typed as a callback is a Tauri channel: it receives each event.
 */
export type Commands = {
  /**
   * Never fails: a database that could not be opened is reported in `startupError`.
   */
  app_info: { args: Record<string, never>, result: AppInfo },
  profile_set_name: { args: { name: string }, result: AppInfo },
  /**
   * Newest first; with no project, every project's events.
   */
  activity_list: { args: { projectId: ProjectId | null, limit: number }, result: Array<ActivityItem> },
  ledger_verify: { args: Record<string, never>, result: VerifyReport },
  /**
   * The acting person's signing keys, and whether this computer can sign in their name.
   */
  keys_show: { args: Record<string, never>, result: KeysInfo },
  /**
   * Makes a new signing key on this computer; the current one is retired.
   */
  keys_rotate: { args: Record<string, never>, result: KeysInfo },
  /**
   * The legal view of a document's newest revision.
   */
  provenance_document: { args: { documentId: DocumentId }, result: DocumentProvenance },
  /**
   * Records a disclosure of AI use in a project (a legal reviewer's).
   */
  disclosure_record: { args: { projectId: ProjectId, input: DisclosureInput }, result: DisclosureRecord },
  /**
   * A project's disclosures, oldest first.
   */
  disclosure_list_project: { args: { projectId: ProjectId }, result: Array<DisclosureRecord> },
  /**
   * What was disclosed to the person using the app, in every project they see.
   */
  disclosure_list_mine: { args: Record<string, never>, result: Array<DisclosureRecord> },
  /**
   * Opens the native save dialog and writes the provenance report of a document or a
   * project there; resolves with the file's name, or null when the person cancels.
   */
  report_export: { args: { target: ReportTarget, format: ReportFormat }, result: string | null },
  /**
   * The UI calls this once its first screen has painted. The time since launch is logged;
   * with `GREENLIGHT_EXIT_WHEN_READY=1` it is also printed as `startup_ms=N` and the app
   * exits, which is how the startup benchmark measures cold start.
   */
  ui_ready: { args: Record<string, never>, result: null },
  /**
   * Which database the window is on, why, and whether it answers now (on a team server,
   * a round trip: the window asks this while it waits to reconnect).
   */
  database_status: { args: Record<string, never>, result: DatabaseStatus },
  /**
   * Connects to the team server the form names as the person would, and disconnects;
   * nothing is written or switched.
   */
  database_test: { args: { form: DatabaseForm }, result: ConnectionResult },
  /**
   * Whether the server the form names carries Greenlight's schema, and whether this login
   * may set it up (asked when a test finds no schema).
   */
  database_set_up_state: { args: { form: DatabaseForm }, result: SetUpInfo },
  /**
   * Sets Greenlight up on the server the form names (`team init`), for a login that may;
   * then tests the connection as the person would.
   */
  database_set_up: { args: { form: DatabaseForm }, result: ConnectionResult },
  /**
   * Opens the native file dialog for the CA certificate of verify-full; the shell keeps
   * the path. Resolves with the file's name, or null when the person cancels.
   */
  database_pick_ca: { args: Record<string, never>, result: string | null },
  /**
   * Switches to the team server the form names: opens it (which tests it), keeps the
   * password in the OS keyring (never in a file), saves the choice, and reopens the
   * session. When anything fails, the window stays on its current database.
   */
  database_switch: { args: { form: DatabaseForm }, result: DatabaseStatus },
  /**
   * Switches to the database on this computer (and remembers it).
   */
  database_use_local: { args: Record<string, never>, result: DatabaseStatus },
  /**
   * Tries to open the chosen database again after it failed.
   */
  database_reconnect: { args: Record<string, never>, result: DatabaseStatus },
  project_list: { args: { includeArchived: boolean }, result: Array<ProjectSummary> },
  project_create: { args: { input: NewProject }, result: Project },
  project_get: { args: { id: ProjectId }, result: Project },
  project_update: { args: { id: ProjectId, patch: ProjectPatch }, result: Project },
  project_archive: { args: { id: ProjectId, archived: boolean }, result: Project },
  member_list: { args: { projectId: ProjectId }, result: Array<MemberInfo> },
  /**
   * Adds a person, named by login (team server) or id, to the project; resolves with the
   * members now.
   */
  member_add: { args: { projectId: ProjectId, person: string }, result: Array<MemberInfo> },
  /**
   * Removes a person from the project (the last member cannot leave); resolves with the
   * members now.
   */
  member_remove: { args: { projectId: ProjectId, personId: UserId }, result: Array<MemberInfo> },
  /**
   * Sets the roles a member holds (an admin's call, on a team server; the last admin keeps
   * the role); resolves with the members now.
   */
  member_set_roles: { args: { projectId: ProjectId, personId: UserId, roles: Array<Role> }, result: Array<MemberInfo> },
  /**
   * Everyone this database knows (on a team server: the team), to add as members.
   */
  people_list: { args: Record<string, never>, result: Array<PersonInfo> },
  document_list: { args: { projectId: ProjectId }, result: Array<DocumentSummary> },
  document_create: { args: { input: NewDocument }, result: Document },
  document_get: { args: { id: DocumentId }, result: Document },
  document_rename: { args: { id: DocumentId, title: string }, result: Document },
  /**
   * Opens the native file dialog and imports every file the person picks, one after
   * another (nothing when they cancel). With `kind` null, Fountain and Final Draft files
   * become screenplays and anything else notes. The UI never sees or names a path.
   */
  document_import_pick: { args: { projectId: ProjectId, kind: DocumentKind | null }, result: ImportBatch },
  /**
   * Imports files dropped on the window, named by the tokens of the `files-dropped` event
   * (each usable once). A token this window was not given is refused.
   */
  document_import_dropped: { args: { projectId: ProjectId, tokens: Array<string>, kind: DocumentKind | null }, result: ImportBatch },
  /**
   * Scenes and speaking characters of the document's newest revision.
   */
  document_structure: { args: { id: DocumentId }, result: ScriptStructure },
  /**
   * Saves `text` as a new revision on top of its parent (the revision the edit started from);
   * fails with `conflict` when someone saved a newer one meanwhile. `changes`: the editor's
   * changes from the parent to `text`, which carry its attribution exactly (null: by a diff).
   */
  revision_save: { args: { documentId: DocumentId, parentId: RevisionId | null, text: string, changes: Array<TextChange> | null }, result: Revision },
  /**
   * Three-way merge of `text` (edited from `baseId`) with the document's newest revision,
   * after `revision_save` failed with `conflict`. Writes nothing; save the merged text with
   * the returned head as its parent.
   */
  revision_merge: { args: { documentId: DocumentId, baseId: RevisionId | null, text: string }, result: RevisionMerge },
  revision_list: { args: { documentId: DocumentId }, result: Array<RevisionMeta> },
  revision_get: { args: { id: RevisionId }, result: Revision },
  revision_diff: { args: { fromId: RevisionId, toId: RevisionId }, result: WordDiff },
  /**
   * Opens the native save dialog and exports the revision there as `format`; resolves with
   * the file's name, or null when the person cancels. The file's extension is the
   * format's. The UI never sees or names a path.
   */
  revision_export: { args: { id: RevisionId, format: ExportFormat }, result: string | null },
  /**
   * Every provider, the built-in offline engine first; keys are never returned, only
   * whether one is set.
   */
  provider_list: { args: Record<string, never>, result: Array<ProviderInfo> },
  /**
   * Adds (`id` null) or changes a provider; the key goes to the OS keyring.
   */
  provider_save: { args: { id: string | null, input: ProviderInput }, result: ProviderInfo },
  provider_remove: { args: { id: string }, result: null },
  /**
   * "Test connection": which models the provider serves.
   */
  provider_test: { args: { id: string }, result: ConnectionReport },
  policy_get: { args: { projectId: ProjectId }, result: AiPolicy },
  policy_set: { args: { projectId: ProjectId, policy: AiPolicy }, result: AiPolicy },
  /**
   * Starts a run and returns its id at once; the run's events stream to the event callback.
   */
  ai_run: { args: { request: AiRunRequest, onEvent: (event: AiRunEvent) => void }, result: string },
  /**
   * Cancels a run in flight; `false` when no such run is running.
   */
  ai_cancel: { args: { runId: string }, result: boolean },
  ai_runs: { args: { projectId: ProjectId, limit: number }, result: Array<AiRunRecord> },
  /**
   * Asks for 1–5 takes on a passage. Every event of every take's run streams to the event
   * callback with the take's number (a take is cancelled with `ai_cancel` and the run id of
   * its `started` event); the result lists the takes kept as pending suggestions and those
   * that failed, with why.
   */
  suggestion_vary: { args: { request: VaryRequest, onEvent: (event: TakeEvent) => void }, result: VaryOutcome },
  /**
   * Every suggestion on a document, newest first, in every state.
   */
  suggestion_list: { args: { documentId: DocumentId }, result: Array<Suggestion> },
  /**
   * Accepts a pending suggestion: whole (`hunks` null), only the hunks numbered, or the
   * writer's edit of it (`editedText`). One new revision; a conflict when it is stale.
   */
  suggestion_accept: { args: { id: SuggestionId, hunks: Array<number> | null, editedText: string | null }, result: AppliedSuggestion },
  /**
   * Rejects a pending suggestion with a reason (`other` needs a note).
   */
  suggestion_reject: { args: { id: SuggestionId, reason: RejectReason, note: string | null }, result: Suggestion },
  /**
   * Undoes an acceptance: one new revision restoring the passage.
   */
  suggestion_undo: { args: { id: SuggestionId }, result: AppliedSuggestion },
  /**
   * Reopens a rejected suggestion (pending again, or stale if its passage changed).
   */
  suggestion_reopen: { args: { id: SuggestionId }, result: Suggestion },
  /**
   * Model servers running on this computer at their usual ports that no provider uses yet.
   */
  suggestion_local_servers: { args: Record<string, never>, result: Array<LocalModelServer> },
  /**
   * A revision's attribution (the newest when `revisionId` is null) with its totals.
   */
  attribution_get: { args: { documentId: DocumentId, revisionId: RevisionId | null }, result: AttributionReport },
  /**
   * Summarizes `scope` (`all`, `scene:N` or `scenes:A-B`) of the document's newest
   * revision with a provider, as the tree's summary or a logline or synopsis written from
   * it, reusing every cached node whose input did not change.
   * Progress streams to the event callback; its `started` event carries the id that
   * `ai_cancel` takes to cancel it (the nodes finished are kept).
   */
  summary_run: { args: { documentId: DocumentId, scope: string, kind: SummaryKind, providerId: string, onEvent: (event: SummaryEvent) => void }, result: SummaryReport },
  /**
   * Asks for a review of the document's newest revision, or of the asset's newest version
   * (exactly one of them), under the project's workflow `workflow` (its only or default
   * one when null), due at `dueAt` (ms) if given, for the scenes `scenes` (`4` or `3-5`)
   * of a document or the whole.
   */
  review_request: { args: { documentId: DocumentId | null, assetId: AssetId | null, workflow: string | null, dueAt: number | null, scenes: string | null }, result: ReviewInfo },
  /**
   * Decides a stage (the first waiting for the person when `stage` is null) of the review,
   * about the revision `subjectId` the person looked at (refused when a newer one is under
   * review now).
   */
  review_decide: { args: { reviewId: ReviewId, stage: string | null, subjectId: string | null, verdict: Verdict, comment: string | null }, result: ReviewInfo },
  /**
   * What waits for the person's decision and what they asked for.
   */
  review_inbox: { args: Record<string, never>, result: Inbox },
  /**
   * A document's reviews, newest change first.
   */
  review_list_document: { args: { documentId: DocumentId }, result: Array<ReviewInfo> },
  /**
   * An asset's reviews, newest change first.
   */
  review_list_asset: { args: { assetId: AssetId }, result: Array<ReviewInfo> },
  /**
   * A project's reviews, newest change first.
   */
  review_list_project: { args: { projectId: ProjectId }, result: Array<ReviewInfo> },
  /**
   * One review with every decision on record and the word diff since the last approval.
   */
  review_detail: { args: { reviewId: ReviewId }, result: ReviewDetail },
  /**
   * The project's workflow templates (the default when it has none of its own).
   */
  workflow_list: { args: { projectId: ProjectId }, result: Array<WorkflowTemplate> },
  /**
   * Saves `template` as the project's workflow of its name (an admin's; validated by core,
   * whose message says what is wrong), and answers the project's templates now.
   */
  workflow_save: { args: { projectId: ProjectId, template: WorkflowTemplate }, result: Array<WorkflowTemplate> },
  /**
   * Removes the project's workflow `name` (an admin's), and answers the templates left (the
   * default when none is).
   */
  workflow_remove: { args: { projectId: ProjectId, name: string }, result: Array<WorkflowTemplate> },
  /**
   * Adds a comment on the document or the asset (exactly one of them), or a reply to the
   * thread of `replyTo` (whose anchor it shares).
   */
  comment_add: { args: { documentId: DocumentId | null, assetId: AssetId | null, anchor: CommentAnchor, body: string, replyTo: CommentId | null, reviewId: ReviewId | null }, result: CommentInfo },
  /**
   * A document's comments, with passages carried to `revisionId` (the newest when null).
   */
  comment_list_document: { args: { documentId: DocumentId, revisionId: RevisionId | null }, result: Array<CommentInfo> },
  /**
   * An asset's comments, on all its versions.
   */
  comment_list_asset: { args: { assetId: AssetId }, result: Array<CommentInfo> },
  /**
   * Resolves (or reopens) the thread of `commentId`; resolves with its first comment.
   */
  comment_resolve: { args: { commentId: CommentId, resolved: boolean }, result: CommentInfo },
  /**
   * The project's assets with their newest version, by name.
   */
  asset_list: { args: { projectId: ProjectId }, result: Array<AssetSummary> },
  /**
   * One asset with its newest version (for its page).
   */
  asset_get: { args: { assetId: AssetId }, result: AssetSummary },
  /**
   * An asset's versions, oldest first.
   */
  asset_versions: { args: { assetId: AssetId }, result: Array<AssetVersion> },
  /**
   * Opens the native file dialog (images, video, audio, PDFs) and imports every file picked,
   * each as a new asset or the next version of the asset of the same name. Nothing when the
   * person cancels.
   */
  asset_import_pick: { args: { projectId: ProjectId }, result: AssetImportBatch },
  /**
   * Imports as assets the files dropped on the window, named by the tokens of the
   * `files-dropped` event (each usable once). A token this window was not given is refused.
   */
  asset_import_dropped: { args: { projectId: ProjectId, tokens: Array<string> }, result: AssetImportBatch },
  /**
   * Where `<video>` and `<audio>` read versions from, when not from `glasset:`: on Linux
   * a loopback server (`http://127.0.0.1:<port>/<token>/`; WebKitGTK's players cannot read
   * a custom scheme), elsewhere null. Append a version id.
   */
  asset_media_base: { args: Record<string, never>, result: string | null },
};

/**
 * The name of every command, in registration order.
 */
export const COMMAND_NAMES = [
  "app_info",
  "profile_set_name",
  "activity_list",
  "ledger_verify",
  "keys_show",
  "keys_rotate",
  "provenance_document",
  "disclosure_record",
  "disclosure_list_project",
  "disclosure_list_mine",
  "report_export",
  "ui_ready",
  "database_status",
  "database_test",
  "database_set_up_state",
  "database_set_up",
  "database_pick_ca",
  "database_switch",
  "database_use_local",
  "database_reconnect",
  "project_list",
  "project_create",
  "project_get",
  "project_update",
  "project_archive",
  "member_list",
  "member_add",
  "member_remove",
  "member_set_roles",
  "people_list",
  "document_list",
  "document_create",
  "document_get",
  "document_rename",
  "document_import_pick",
  "document_import_dropped",
  "document_structure",
  "revision_save",
  "revision_merge",
  "revision_list",
  "revision_get",
  "revision_diff",
  "revision_export",
  "provider_list",
  "provider_save",
  "provider_remove",
  "provider_test",
  "policy_get",
  "policy_set",
  "ai_run",
  "ai_cancel",
  "ai_runs",
  "suggestion_vary",
  "suggestion_list",
  "suggestion_accept",
  "suggestion_reject",
  "suggestion_undo",
  "suggestion_reopen",
  "suggestion_local_servers",
  "attribution_get",
  "summary_run",
  "review_request",
  "review_decide",
  "review_inbox",
  "review_list_document",
  "review_list_asset",
  "review_list_project",
  "review_detail",
  "workflow_list",
  "workflow_save",
  "workflow_remove",
  "comment_add",
  "comment_list_document",
  "comment_list_asset",
  "comment_resolve",
  "asset_list",
  "asset_get",
  "asset_versions",
  "asset_import_pick",
  "asset_import_dropped",
  "asset_media_base",
] as const satisfies readonly (keyof Commands)[];
