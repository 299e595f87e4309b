import type { TestClient } from "./app.ts";

// Walks a person through the test provider's own pages (login form, consent) as a browser would,
// with its cookies, and returns the address the provider sends them back to Waymark with.

function form(html: string): { action: string; prompt: string } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !prompt) throw new Error(`the provider showed no form: ${html.slice(0, 300)}`);
  return { action: action.replace(/&amp;/g, "&"), prompt };
}

export async function throughProvider(authorizationUrl: string, login: string, waymarkBase: string) {
  const cookies = new Map<string, string>();
  const send = async (url: string, body?: URLSearchParams) => {
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await send(url, body);
    body = undefined;
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(waymarkBase)) return next;
      url = next;
      continue;
    }
    const { action, prompt } = form(await response.text());
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt });
  }
  throw new Error("the provider never sent the browser back to Waymark");
}

/** Starts single sign-on at Waymark, goes through the provider as `login`, and returns Waymark's answer. */
export async function signInBySso(
  client: TestClient,
  login: string,
  waymarkBase: string,
  tamper?: (u: URL) => void,
) {
  const start = await client.get("/sign-in/oidc");
  if (start.statusCode !== 303) throw new Error(`/sign-in/oidc answered ${start.statusCode}`);
  const back = new URL(await throughProvider(String(start.headers.location), login, waymarkBase));
  tamper?.(back);
  return client.get(`${back.pathname}${back.search}`);
}
