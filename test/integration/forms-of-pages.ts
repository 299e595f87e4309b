// Reading the post forms a page shows, as a browser would send them: for the tests that post every
// form of the app (bad input, missing choices).

export type Fields = Record<string, string | string[]>;

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ??
  (new RegExp(`\\s${name}(\\s|>|/)`).test(tag) ? "" : undefined);

export interface Form {
  action: string;
  fields: Fields;
  /** Sent as multipart/form-data with a file (the imports). */
  upload: boolean;
  /** The names of its radios, checkboxes and selects: the choices a person makes. */
  choices: string[];
}

/** Every post form on a page: its action (path only; none means the page itself) and its fields. */
export function formsOf(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, tag = "", inner = ""] = match;
    if (attribute(tag, "method")?.toLowerCase() !== "post") continue;
    const action = decode(attribute(tag, "action") || pageUrl).split("?")[0] ?? "";
    const fields: Fields = {};
    const choices = new Set<string>();
    const add = (name: string, value: string) => {
      const existing = fields[name];
      fields[name] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    };
    for (const [input] of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input, "name");
      const type = attribute(input, "type") ?? "text";
      if (!name || type === "submit" || type === "file") continue;
      if (type === "checkbox" || type === "radio") choices.add(decode(name));
      if ((type === "checkbox" || type === "radio") && attribute(input, "checked") === undefined) continue;
      add(decode(name), decode(attribute(input, "value") ?? ""));
    }
    for (const [, tag2 = "", text = ""] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(tag2, "name");
      if (name) add(decode(name), decode(text.replace(/^\n/, "")));
    }
    for (const [, tag2 = "", options = ""] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attribute(tag2, "name");
      if (!name) continue;
      choices.add(decode(name));
      const chosen = [...options.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1] ?? "");
      const selected = chosen.find((o) => attribute(o, "selected") !== undefined) ?? chosen[0];
      add(decode(name), decode(attribute(selected ?? "", "value") ?? ""));
    }
    forms.push({
      action,
      fields,
      upload: attribute(tag, "enctype") === "multipart/form-data",
      choices: [...choices],
    });
  }
  return forms;
}

export const patternOf = (url: string) => new RegExp(`^${url.replace(/:\w+/g, "[^/]+")}$`);
