// The crash test's clients: coordinators signed in over loopback, each adding actions to the demo's
// action plan as a browser does (a form POST with the session's CSRF token). An action is several rows
// written in one transaction — the action, its two lead organisations, a milestone and the audit entry —
// so a write cut off half-way would show as an action without its leads, milestone or audit entry.
//
// A write is acknowledged when the server answers 303 to the new action's page (its id in Location).
// A request the kill cut off has no answer: it may or may not have been committed, but never half.

import { CookieJar, hiddenField } from "../../bench/lib/http.ts";

export interface Target {
  base: string;
  slug: string;
  planId: number;
  commitmentId: number;
  leadOrganisationIds: [number, number];
}

export interface Write {
  text: string;
  loop: number;
  /** The new action's id when acknowledged. */
  id?: number;
  outcome: "acknowledged" | "cut off" | "refused";
  detail?: string;
}

export interface Client {
  email: string;
  jar: CookieJar;
  csrf: string;
}

async function send(jar: CookieJar, url: string, body?: URLSearchParams): Promise<Response> {
  const response = await fetch(url, {
    method: body ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(body ? { body: body.toString() } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  jar.absorb(response);
  return response;
}

/** Signs in through the form and reads the CSRF token from the add-an-action form. */
export async function signInClient(target: Target, email: string, password: string): Promise<Client> {
  const jar = new CookieJar();
  const page = await send(jar, `${target.base}/sign-in`);
  const csrf = hiddenField(await page.text(), "_csrf");
  if (page.status !== 200 || !csrf) throw new Error(`GET /sign-in answered ${page.status} without a form`);
  const answer = await send(
    jar,
    `${target.base}/sign-in`,
    new URLSearchParams({ _csrf: csrf, email, password }),
  );
  await answer.arrayBuffer();
  if (answer.status !== 303) throw new Error(`could not sign in as ${email}: status ${answer.status}`);
  const client: Client = { email, jar, csrf: "" };
  await refreshCsrf(client, target);
  return client;
}

/** The add-an-action form's CSRF token (the session's; still valid after a restart, sessions are rows). */
export async function refreshCsrf(client: Client, target: Target): Promise<void> {
  const url = `${target.base}/p/${target.slug}/action-plans/${target.planId}/actions/new`;
  const form = await send(client.jar, url);
  const csrf = hiddenField(await form.text(), "_csrf");
  if (form.status !== 200 || !csrf) throw new Error(`GET ${url} answered ${form.status} without a form`);
  client.csrf = csrf;
}

function actionForm(target: Target, csrf: string, text: string): URLSearchParams {
  const form = new URLSearchParams({
    _csrf: csrf,
    commitmentId: String(target.commitmentId),
    what: text,
    how: `How: ${text}`,
    performanceTarget: "Every acknowledged write survives kill -9",
    closed: "no",
    "milestone-0-description": `Milestone of ${text}`,
    "milestone-0-dueOn-day": "31",
    "milestone-0-dueOn-month": "3",
    "milestone-0-dueOn-year": "2027",
  });
  for (const id of target.leadOrganisationIds) form.append("leadOrganisationIds", String(id));
  return form;
}

/** One add-an-action POST; "cut off" when the connection failed before any answer. */
export async function addAction(client: Client, target: Target, text: string, loop: number): Promise<Write> {
  const url = `${target.base}/p/${target.slug}/action-plans/${target.planId}/actions`;
  let response: Response;
  try {
    response = await send(client.jar, url, actionForm(target, client.csrf, text));
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : "";
    return { text, loop, outcome: "cut off", detail: cause };
  }
  let body = "";
  try {
    body = await response.text();
  } catch {
    // The status line arrived but the body did not: the server answered, so this is still its word.
  }
  const id = /\/actions\/(\d+)$/.exec(response.headers.get("location") ?? "")?.[1];
  if (response.status === 303 && id) return { text, loop, id: Number(id), outcome: "acknowledged" };
  return { text, loop, outcome: "refused", detail: `status ${response.status}: ${body.slice(0, 300)}` };
}

/** Whether an acknowledged action's page shows it, read through the restarted server. */
export async function pageShows(client: Client, target: Target, write: Write): Promise<boolean> {
  const response = await send(client.jar, `${target.base}/p/${target.slug}/actions/${write.id}`);
  const body = await response.text();
  return response.status === 200 && body.includes(write.text);
}
