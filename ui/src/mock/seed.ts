// Sample content for mock mode: one project with a short screenplay in two revisions,
// so screenshots and manual testing show something real.
import { MockBackend } from "./backend";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

export const NIGHT_SHOOT_V1 = `Title: The Night Shoot
Credit: Written by
Author: Maya Okafor
Draft date: First draft

EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT

Rain hammers the concrete. A lighting rig hums over an empty level. Crew in ponchos wait by the lift.

PRIYA (30s), first AD, headset crooked, checks her watch for the third time.

PRIYA
We lose the dark in four hours. Where is she?

TOMMY (20s), a runner holding three coffees, points at the stairwell.

TOMMY
She said she needed a minute.

PRIYA
She had a minute. She had forty of them.

INT. STAIRWELL - CONTINUOUS

LENA VOSS (50s), the director, sits on the steps with the script open on her knees. Every page is covered in red ink.

She tears one page out. Folds it. Puts it in her pocket.

LENA
(to herself)
Nobody says that. Nobody has ever said that.

CUT TO:

EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT

Lena walks out into the rain without an umbrella. The crew straightens up.

LENA
New plan. We shoot it without the speech.

PRIYA
That's the whole scene.

LENA
Then it was never the scene.

INT. CATERING TENT - NIGHT

A trestle table of cold pasta. Generators thrum outside. TOMMY refills an urn while PRIYA reads the torn-out page, which Lena left on the table.

PRIYA
She cut the only line the studio liked.

TOMMY
Is that bad?

PRIYA
(folding the page away)
It's either the best thing she's done all week or the end of her career.

EXT. MULTI-STOREY CAR PARK - ROOF - LATER

The rain stops. Nobody notices at first. Then the whole crew looks up at once.

LENA
Roll camera. Now, before it comes back.

The camera rolls. Lena watches the monitor and says nothing at all.

INT. LENA'S CAR - DAWN

Lena sits behind the wheel, engine off, the folded page on the dashboard. Priya knocks on the window, then gets in.

PRIYA
They want to see the cut on Friday.

LENA
They'll hate it.

PRIYA
Probably.

LENA
(a small smile)
Good.

EXT. CITY SKYLINE - DAWN

The sun comes up over wet roofs. On the car park roof, the lighting rig is already coming down.

FADE OUT.
`;

export const NIGHT_SHOOT_V2 = `Title: The Night Shoot
Credit: Written by
Author: Maya Okafor
Draft date: Second draft

EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT

Rain hammers the concrete. A lighting rig hums over an empty level, throwing long shadows. Crew in ponchos huddle by the lift.

PRIYA (30s), first AD, headset crooked, checks her watch again.

PRIYA
We lose the dark in three hours. Where is she?

TOMMY (20s), a runner balancing three coffees, nods at the stairwell.

TOMMY
She asked for a minute.

PRIYA
She had a minute. She had forty of them.

INT. STAIRWELL - CONTINUOUS

LENA VOSS (50s), the director, sits on the cold steps with the script open on her knees. Every page is bleeding red ink.

She tears one page out. Reads it once more. Folds it. Puts it in her pocket.

LENA
(to herself)
Nobody talks like that. Nobody has ever talked like that.

CUT TO:

EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT

Lena walks out into the rain without an umbrella. The crew straightens up. Tommy offers her a coffee; she takes it without looking.

LENA
New plan. We shoot it without the speech.

PRIYA
That's the whole scene.

LENA
(sipping)
Then it was never the scene.

INT. CATERING TENT - NIGHT

A trestle table of cold pasta. Generators thrum outside. TOMMY refills an urn while PRIYA reads the torn-out page, which Lena left on the table.

PRIYA
She cut the only line the studio liked.

TOMMY
Is that bad?

PRIYA
(folding the page away)
It's either the best thing she's done all week or the end of her career.

EXT. MULTI-STOREY CAR PARK - ROOF - LATER

The rain stops. Nobody notices at first. Then the whole crew looks up at once.

LENA
Roll camera. Now, before it comes back.

The camera rolls. Lena watches the monitor and says nothing at all.

INT. LENA'S CAR - DAWN

Lena sits behind the wheel, engine off, the folded page on the dashboard. Priya knocks on the window, then gets in.

PRIYA
They want to see the cut on Friday.

LENA
They'll hate it.

PRIYA
Probably.

LENA
(a small smile)
Good.

EXT. CITY SKYLINE - DAWN

The sun comes up over wet roofs. On the car park roof, the lighting rig is already coming down.

FADE OUT.
`;

const TREATMENT = `# The Night Shoot — treatment

A veteran director has one night on a rain-soaked car park roof to shoot the scene her film was built around, and slowly realises the scene is the problem.

## Tone

Dry, warm, observational. The comedy comes from the crew's patience running out one coffee at a time.
`;

/** Fills `b` with sample data; timestamps are relative to `now`. */
export function seed(b: MockBackend, now: number): void {
  const as = (name: string) => b.setProfileName(name);

  as("Maya Okafor");
  const night = b.createProject(
    {
      title: "The Night Shoot",
      logline:
        "A veteran director has one rainy night on a car park roof to film the scene her movie was built around, and slowly realises the scene is the problem.",
      kind: "short",
    },
    now - 6 * DAY,
  );
  const script = b.createDocument(
    { projectId: night.id, title: "The Night Shoot", kind: "screenplay", format: "fountain", text: NIGHT_SHOOT_V1 },
    now - 5 * DAY,
  );
  as("Jonah Reyes");
  b.saveRevision(script.id, b.document(script.id).headRevisionId, NIGHT_SHOOT_V2, null, now - 3 * HOUR);
  as("Maya Okafor");
  b.createDocument(
    { projectId: night.id, title: "Treatment", kind: "treatment", format: "markdown", text: TREATMENT },
    now - 4 * DAY,
  );

  const salt = b.createProject(
    {
      title: "Salt & Iron",
      logline:
        "In a dying fishing town, two estranged sisters inherit a trawler and the debts that sank their father.",
      kind: "series",
    },
    now - 20 * DAY,
  );
  b.createDocument(
    { projectId: salt.id, title: "Series bible", kind: "bible", format: "markdown", text: "# Salt & Iron\n\nSeries bible, in progress.\n" },
    now - 2 * DAY,
  );

  const paper = b.createProject(
    { title: "Paper Moons", logline: "A stop-motion short about a lighthouse keeper who collects lost kites.", kind: "short" },
    now - 90 * DAY,
  );
  b.archiveProject(paper.id, true);

  // AI: a local Ollama and a remote Anthropic beside the built-in engine; Salt & Iron is
  // unreleased, so its text may only go to local models, with its names protected.
  b.ai.saveProvider(null, { name: "Ollama on this Mac", kind: "ollama", baseUrl: "", model: "llama3.1", ownNetwork: false, apiKey: null });
  const claude = b.ai.saveProvider(null, { name: "Anthropic", kind: "anthropic", baseUrl: "", model: "claude-sonnet-4-5", ownNetwork: false, apiKey: "sk-ant-mock" });
  b.ai.saveProvider(null, { name: "OpenAI", kind: "openai_compatible", baseUrl: "", model: "gpt-4o-mini", ownNetwork: false, apiKey: null });
  b.ai.setPolicy(salt.id, {
    aiEnabled: true,
    allowedProviders: [],
    localOnly: true,
    protectedNames: ["Salt & Iron", "Maren Vos", "Ilse Vos"],
    maxRequestChars: 60_000,
  });
  for (const e of b.events) if (e.kind.startsWith("policy.") || e.kind.startsWith("provider.")) e.at = now - 3 * DAY;
  const base = {
    projectId: night.id,
    documentId: script.id,
    params: "{}",
    partial: false,
    message: null,
    inputTokens: null,
    outputTokens: null,
  };
  b.ai.runs.push(
    {
      ...base,
      id: "run_seed_1",
      task: "summarize",
      providerId: "offline",
      providerName: "Offline engine (extractive)",
      model: "greenlight-extractive-v1",
      local: true,
      templateId: "summarize.document",
      templateVersion: 1,
      promptHash: "5f0c8e2a91d4b7c3e6a8f1d2c4b6a8e0f2d4c6b8a0e2f4d6c8b0a2e4f6d8c0b2",
      latencyMs: 180,
      outcome: "done",
      output: "4 scenes.\n\n1. EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT: Rain hammers the concrete.",
      startedAt: now - 2 * HOUR,
      finishedAt: now - 2 * HOUR + 180,
    },
    {
      ...base,
      id: "run_seed_2",
      task: "variation",
      providerId: claude.id,
      providerName: "Anthropic",
      model: "claude-sonnet-4-5",
      local: false,
      templateId: "rewrite.variation",
      templateVersion: 1,
      params: JSON.stringify({ instruction: "Tighten" }),
      promptHash: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
      inputTokens: 412,
      outputTokens: 96,
      latencyMs: 5400,
      outcome: "cancelled",
      partial: true,
      output: "Priya checks the sky. Nothing.",
      startedAt: now - 50 * MINUTE,
      finishedAt: now - 50 * MINUTE + 5400,
    },
  );

  // Keep the archived project's activity in the past so it sorts last.
  for (const e of b.events) if (e.projectId === paper.id) e.at = now - 60 * DAY;
  const p = b.projects.get(paper.id)!;
  b.projects.set(paper.id, { ...p, updatedAt: now - 60 * DAY });
}
