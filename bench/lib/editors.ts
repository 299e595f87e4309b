// Many editors at once, each signed in as a different user, writing the updates their organisation
// owes in the open round, as a browser does: GET the form, read its CSRF token and hidden version, POST
// a draft, revise it, submit it. A coordinator per partnership returns submitted updates with a
// comment, so they can be revised and submitted again (the real cycle), and the run never runs dry.
//
// Every POST the server acknowledges (303 to "Your updates") is remembered with the version its form
// carried. Versions only grow, so for each update the acknowledged write made on the highest version is
// the last one; afterwards the stored text must be that write's text. A 409 is the server refusing a
// stale form: correct, not a loss. Two acknowledgements on the same version mean one overwrote the other.

import { randomInt } from "node:crypto";
import pg from "pg";
import { type CookieJar, formFields, request, signIn } from "./http.ts";
import { sleep } from "./server.ts";
import { type Summary, summarise } from "./stats.ts";

export interface WorkItem {
  key: string;
  slug: string;
  roundId: number;
  actionId: number;
  updateId: number | null;
  /** Submitted and waiting for the coordinator to return it. */
  awaitingReview: boolean;
  /** Accepted (or otherwise out of reach): no more writes. */
  dropped: boolean;
  /** Submitting was refused (deadline and grace passed): drafts only. */
  draftsOnly: boolean;
  /** Acknowledged writes so far, by any editor. */
  writes: number;
}

export interface EditorPlan {
  email: string;
  slug: string;
  items: WorkItem[];
}

export interface EditorPool {
  editors: EditorPlan[];
  /** Distinct users behind the editors (fewer than editors only on data without enough editors). */
  distinctUsers: number;
  partnerships: string[];
  items: Map<string, WorkItem>;
}

interface ItemRow {
  email: string;
  slug: string;
  round_id: number;
  action_id: number;
  update_id: number | null;
  status: string | null;
}

const ITEMS_SQL = `
  select lower(u.email) as email, p.slug, r.id as round_id, ra.action_id, up.id as update_id, up.status::text as status
  from users u
  join memberships m on m.user_id = u.id and m.role = 'editor'
  join partnerships p on p.id = m.partnership_id
  join rounds r on r.partnership_id = p.id and r.status = 'open'
  join round_actions ra on ra.round_id = r.id
  join action_leads al on al.action_id = ra.action_id and al.organisation_id = m.organisation_id
  join actions a on a.id = ra.action_id
  left join updates up on up.round_id = r.id and up.action_id = ra.action_id
  where lower(u.email) = any($1::text[])
  order by p.slug, r.id, a.position, a.id`;

/**
 * Chooses `count` editors with work in an open round: the named candidates first (the synthetic data's
 * editors, outside the measured partnership), else every editor in the database, reused in turn when
 * there are fewer than `count` (the demo data; said so in the results).
 */
export async function chooseEditors(url: string, candidates: string[], count: number, avoidSlug: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let emails = candidates.map((e) => e.toLowerCase());
    let rows = (await client.query<ItemRow>(ITEMS_SQL, [emails])).rows;
    if (new Set(rows.map((r) => r.email)).size < count) {
      const all = await client.query<{ email: string }>(
        `select lower(u.email) as email from users u join memberships m on m.user_id = u.id
         join partnerships p on p.id = m.partnership_id where m.role = 'editor'
         order by (p.slug = $1), p.slug, u.id`,
        [avoidSlug],
      );
      const more = all.rows.map((r) => r.email).filter((e) => !emails.includes(e));
      emails = [...emails, ...more];
      rows = (await client.query<ItemRow>(ITEMS_SQL, [emails])).rows;
    }
    const items = new Map<string, WorkItem>();
    const byEditor = new Map<string, EditorPlan>();
    for (const row of rows) {
      const key = `${row.round_id}/${row.action_id}`;
      let item = items.get(key);
      if (!item) {
        item = {
          key,
          slug: row.slug,
          roundId: row.round_id,
          actionId: row.action_id,
          updateId: row.update_id,
          awaitingReview: row.status === "submitted",
          dropped: row.status === "accepted",
          draftsOnly: false,
          writes: 0,
        };
        items.set(key, item);
      }
      const plan = byEditor.get(row.email) ?? { email: row.email, slug: row.slug, items: [] };
      plan.items.push(item);
      byEditor.set(row.email, plan);
    }
    const ordered = emails.map((e) => byEditor.get(e)).filter((p): p is EditorPlan => p !== undefined);
    if (ordered.length === 0) throw new Error("no editor has an update to write in an open round");
    const editors = Array.from({ length: count }, (_, i) => ordered[i % ordered.length] as EditorPlan);
    return {
      editors,
      distinctUsers: new Set(editors.map((e) => e.email)).size,
      partnerships: [...new Set(editors.map((e) => e.slug))],
      items,
    } satisfies EditorPool;
  } finally {
    await client.end();
  }
}

/** Signs everyone in, a few at a time (each sign-in is a deliberately slow password hash). */
export async function signInAll(
  base: string,
  emails: string[],
  password: string,
  parallel = 4,
): Promise<Map<string, CookieJar>> {
  const jars = new Map<string, CookieJar>();
  const unique = [...new Set(emails)];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, unique.length) }, async () => {
      while (next < unique.length) {
        const email = unique[next++] as string;
        jars.set(email, await signIn(base, email, password));
      }
    }),
  );
  return jars;
}

export interface EditorsSettings {
  editors: number;
  /** Seconds of writing. */
  duration: number;
  /** Mean pause before each request, in ms (uniform between half and one and a half times); 0 for none. */
  thinkMs: number;
  /** Every n-th acknowledged write of an update is a submission; the others are drafts and revisions. */
  submitEvery: number;
}

export interface EditorsResult {
  settings: EditorsSettings;
  distinctUsers: number;
  partnerships: number;
  /** The form (GET) and the save or submit (POST), per request, in ms. */
  get: Summary;
  post: Summary;
  /** The coordinator's review page and return, per request, in ms. */
  review: Summary;
  /** Editors' requests (GET and POST) per second, and POSTs per second. */
  rps: number;
  postsPerSecond: number;
  saved: number;
  submitted: number;
  conflicts: number;
  refused: number;
  errors: number;
  notEditable: number;
  returned: number;
  updatesWritten: number;
  /** Updates whose stored text is not the last acknowledged text. */
  lost: number;
  /** Acknowledged writes made on a version another acknowledged write had already used. */
  overwritten: number;
  /** Per cent of the time editors had nothing to write (all their updates waiting for review). */
  idlePercent: number;
  /** The POSTs' slowest latency in each second of the run (ms), to see whether the tail is spread or bunched. */
  worstBySecond: number[];
}

interface Ack {
  base: number;
  text: string;
}

class Run {
  readonly getMs: number[] = [];
  readonly postMs: number[] = [];
  readonly reviewMs: number[] = [];
  /** Every POST: when it was sent (performance.now()) and how long it took, for finding when the slow ones were. */
  readonly timeline: { at: number; ms: number }[] = [];
  readonly acks = new Map<string, Ack[]>();
  /** Writes whose outcome the client never learned (no answer, or a 5xx). */
  readonly unknown = new Map<string, Ack[]>();
  readonly queues = new Map<string, WorkItem[]>();
  saved = 0;
  submitted = 0;
  conflicts = 0;
  refused = 0;
  errors = 0;
  notEditable = 0;
  returned = 0;
  idleMs = 0;
  seq = 0;
  readonly tag = Date.now().toString(36);
  firstError: string | undefined;

  constructor(
    readonly base: string,
    readonly thinkMs: number,
  ) {}

  think(): Promise<void> {
    if (this.thinkMs <= 0) return Promise.resolve();
    return sleep(this.thinkMs * (0.5 + randomInt(0, 1001) / 1000));
  }

  error(what: string): void {
    this.errors += 1;
    this.firstError ??= what;
  }

  enqueue(item: WorkItem): void {
    item.awaitingReview = true;
    const queue = this.queues.get(item.slug) ?? [];
    queue.push(item);
    this.queues.set(item.slug, queue);
  }
}

async function editorLoop(
  run: Run,
  index: number,
  plan: EditorPlan,
  jar: CookieJar,
  end: number,
  submitEvery: number,
) {
  let turn = randomInt(0, 1000);
  let item: WorkItem | undefined;
  // Editors start spread over one cycle (form, pause, save, pause), not all in the same instant.
  if (run.thinkMs > 0) await sleep(randomInt(0, 2 * run.thinkMs));
  while (performance.now() < end) {
    // One update at a time, as a person works: written, revised and submitted before the next.
    if (!item || item.dropped || item.awaitingReview) {
      const live = plan.items.filter((i) => !i.dropped && !i.awaitingReview);
      item = live[turn++ % Math.max(1, live.length)];
    }
    if (!item) {
      const idle = Math.max(50, run.thinkMs);
      run.idleMs += idle;
      await sleep(idle);
      continue;
    }
    const action = `/p/${item.slug}/rounds/${item.roundId}/actions/${item.actionId}/update`;
    const form = await request(jar, `${run.base}${action}`).catch((e: unknown) => ({
      status: 0,
      body: String(e),
      ms: 0,
    }));
    if (form.status !== 200) {
      run.error(`GET ${action}: ${form.status}`);
      item = undefined;
      await run.think();
      continue;
    }
    run.getMs.push(form.ms);
    const fields = formFields(form.body, action);
    if (!fields) {
      run.notEditable += 1;
      if (form.body.includes("This update has been accepted")) item.dropped = true;
      else if (form.body.includes("has been submitted") && !item.awaitingReview) run.enqueue(item);
      item = undefined;
      await run.think();
      continue;
    }
    await run.think();
    const submit = !item.draftsOnly && (item.writes + 1) % submitEvery === 0;
    run.seq += 1;
    const text = `Bench ${run.tag} editor ${index} write ${run.seq}`;
    const post = await request(jar, `${run.base}${action}`, {
      _csrf: fields.csrf,
      version: fields.version,
      rating: "green",
      narrative: text,
      remedy: "",
      toNote: "",
      evidenceLinks: "",
      intent: submit ? "submit" : "draft",
    }).catch((e: unknown) => ({ status: 0, body: String(e), ms: 0, location: null }));
    if (post.status !== 0) {
      run.postMs.push(post.ms);
      run.timeline.push({ at: performance.now() - post.ms, ms: post.ms });
    }
    if (post.status === 303 && post.location?.endsWith("/your-updates")) {
      const acks = run.acks.get(item.key) ?? [];
      acks.push({ base: fields.version === "" ? 0 : Number(fields.version), text });
      run.acks.set(item.key, acks);
      item.writes += 1;
      if (submit) {
        run.submitted += 1;
        run.enqueue(item);
      } else run.saved += 1;
    } else if (post.status === 409) run.conflicts += 1;
    else if (post.status === 400) {
      run.refused += 1;
      if (submit) item.draftsOnly = true;
    } else {
      // No answer, or a server error: the write may or may not be stored.
      run.error(`POST ${action}: ${post.status} ${post.location ?? ""}`);
      const unknown = run.unknown.get(item.key) ?? [];
      unknown.push({ base: fields.version === "" ? 0 : Number(fields.version), text });
      run.unknown.set(item.key, unknown);
    }
    await run.think();
  }
}

/**
 * Returns submitted updates with a comment, at once (it keeps the editors' work flowing; its requests
 * are counted apart); `drain` stops when its queue is empty, else at `end`.
 */
async function coordinatorLoop(
  run: Run,
  slug: string,
  jar: CookieJar,
  db: pg.Pool,
  end: number,
  drain: boolean,
) {
  const queue = () => run.queues.get(slug) ?? [];
  while (drain ? queue().length > 0 && run.errors < 50 : performance.now() < end) {
    const item = queue().shift();
    if (!item) {
      await sleep(20);
      continue;
    }
    if (item.updateId === null) {
      const found = await db.query<{ id: number }>(
        "select id from updates where round_id = $1 and action_id = $2",
        [item.roundId, item.actionId],
      );
      item.updateId = found.rows[0]?.id ?? null;
    }
    if (item.updateId === null) {
      item.awaitingReview = false;
      continue;
    }
    const path = `/p/${slug}/updates/${item.updateId}`;
    const page = await request(jar, `${run.base}${path}`).catch((e: unknown) => ({
      status: 0,
      body: String(e),
      ms: 0,
    }));
    if (page.status !== 200) {
      run.error(`GET ${path}: ${page.status}`);
      queue().push(item);
      continue;
    }
    run.reviewMs.push(page.ms);
    const fields = formFields(page.body, `${path}/return`);
    if (!fields) {
      // Not waiting for review (any more): accepted ones are out of reach, others are editable.
      if (page.body.includes("This update has been accepted")) item.dropped = true;
      item.awaitingReview = false;
      continue;
    }
    const answer = await request(jar, `${run.base}${path}/return`, {
      _csrf: fields.csrf,
      version: fields.version,
      comment: "Bench: please revise this update.",
    }).catch((e: unknown) => ({ status: 0, body: String(e), ms: 0, location: null }));
    if (answer.status !== 0) run.reviewMs.push(answer.ms);
    if (answer.status === 303) {
      run.returned += 1;
      item.awaitingReview = false;
    } else if (answer.status === 409) queue().push(item);
    else {
      run.error(`POST ${path}/return: ${answer.status}`);
      item.awaitingReview = false;
    }
  }
}

/**
 * Updates whose stored text is not the last acknowledged one, and double acknowledgements. A stored
 * text from a write made on the same or a later version whose answer never came is not a loss.
 */
async function verify(
  db: pg.Pool,
  acks: Map<string, Ack[]>,
  unknown: Map<string, Ack[]>,
): Promise<{ lost: number; overwritten: number }> {
  const keys = [...acks.keys()].map((k) => k.split("/").map(Number) as [number, number]);
  if (keys.length === 0) return { lost: 0, overwritten: 0 };
  const stored = await db.query<{ round_id: number; action_id: number; narrative: string }>(
    "select round_id, action_id, narrative from updates where round_id = any($1::int[]) and action_id = any($2::int[])",
    [[...new Set(keys.map((k) => k[0]))], [...new Set(keys.map((k) => k[1]))]],
  );
  const text = new Map(stored.rows.map((r) => [`${r.round_id}/${r.action_id}`, r.narrative]));
  let lost = 0;
  let overwritten = 0;
  for (const [key, list] of acks) {
    const last = list.reduce((a, b) => (b.base > a.base ? b : a));
    const stored = text.get(key);
    const unanswered = (unknown.get(key) ?? []).some((u) => u.text === stored && u.base >= last.base);
    if (stored !== last.text && !unanswered) lost += 1;
    overwritten += list.length - new Set(list.map((a) => a.base)).size;
  }
  return { lost, overwritten };
}

export interface EditorsSession {
  base: string;
  databaseUrl: string;
  pool: EditorPool;
  editorJars: Map<string, CookieJar>;
  coordinatorJars: Map<string, CookieJar>;
}

/** Chooses the editors, signs them and their coordinators in; reused by every run on one server. */
export async function prepareEditors(
  base: string,
  databaseUrl: string,
  candidates: string[],
  count: number,
  avoidSlug: string,
  password: string,
  coordinatorEmail: (slug: string) => string,
): Promise<EditorsSession> {
  const pool = await chooseEditors(databaseUrl, candidates, count, avoidSlug);
  const editorJars = await signInAll(
    base,
    pool.editors.map((e) => e.email),
    password,
  );
  const coordinatorJars = new Map<string, CookieJar>();
  for (const slug of pool.partnerships)
    coordinatorJars.set(slug, await signIn(base, coordinatorEmail(slug), password));
  return { base, databaseUrl, pool, editorJars, coordinatorJars };
}

/** One timed run with the first `settings.editors` editors of the session. */
export async function runEditors(session: EditorsSession, settings: EditorsSettings): Promise<EditorsResult> {
  const run = new Run(session.base, settings.thinkMs);
  const editors = session.pool.editors.slice(0, settings.editors);
  const slugs = [...new Set(editors.map((e) => e.slug))];
  const db = new pg.Pool({ connectionString: session.databaseUrl, max: 2 });
  try {
    // Before the clock: what earlier runs left submitted is returned, so every update can be written.
    for (const item of session.pool.items.values()) {
      item.writes = 0;
      if (item.awaitingReview) run.enqueue(item);
    }
    await Promise.all(
      slugs.map((slug) =>
        coordinatorLoop(run, slug, session.coordinatorJars.get(slug) as CookieJar, db, 0, true),
      ),
    );
    const prepared = { returned: run.returned, errors: run.errors };
    run.returned = 0;
    run.errors = 0;
    run.reviewMs.length = 0;

    const started = performance.now();
    const end = started + settings.duration * 1000;
    await Promise.all([
      ...editors.map((plan, i) =>
        editorLoop(
          run,
          i + 1,
          plan,
          session.editorJars.get(plan.email) as CookieJar,
          end,
          settings.submitEvery,
        ),
      ),
      ...slugs.map((slug) =>
        coordinatorLoop(run, slug, session.coordinatorJars.get(slug) as CookieJar, db, end, false),
      ),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const { lost, overwritten } = await verify(db, run.acks, run.unknown);
    if (run.firstError)
      console.warn(`    first error: ${run.firstError} (${prepared.errors} in preparation)`);
    return {
      settings,
      distinctUsers: new Set(editors.map((e) => e.email)).size,
      partnerships: slugs.length,
      get: summarise(run.getMs),
      post: summarise(run.postMs),
      review: summarise(run.reviewMs),
      rps: (run.getMs.length + run.postMs.length) / elapsed,
      postsPerSecond: run.postMs.length / elapsed,
      saved: run.saved,
      submitted: run.submitted,
      conflicts: run.conflicts,
      refused: run.refused,
      errors: run.errors,
      notEditable: run.notEditable,
      returned: run.returned,
      updatesWritten: run.acks.size,
      lost,
      overwritten,
      idlePercent: (100 * run.idleMs) / (editors.length * elapsed * 1000),
      worstBySecond: run.timeline.reduce<number[]>((worst, t) => {
        const second = Math.max(0, Math.floor((t.at - started) / 1000));
        worst[second] = Math.max(worst[second] ?? 0, t.ms);
        return worst;
      }, []),
    };
  } finally {
    await db.end();
  }
}
