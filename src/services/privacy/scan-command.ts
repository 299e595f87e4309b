// `waymark privacy scan`: what the command prints, apart from opening the database, so tests can run it
// on their own database.

import { describeKinds } from "../../domain/privacy/index.ts";
import { NotFoundError } from "../errors.ts";
import type { Services } from "../index.ts";

/**
 * Prints one tab-separated line per stored passage that may identify a person (partnership, record,
 * field, kinds, masked excerpt) and a closing line; returns how many were found.
 */
export async function runPrivacyScan(
  services: Pick<Services, "partnerships" | "privacy">,
  partnershipSlug: string | undefined,
  print: (line: string) => void,
): Promise<number> {
  const partnership = partnershipSlug ? await services.partnerships.findBySlug(partnershipSlug) : null;
  if (partnershipSlug && !partnership) throw new NotFoundError(`The partnership "${partnershipSlug}"`);
  const found = await services.privacy.scan(partnership?.id ?? null);
  if (found.length === 0) {
    print("No stored text was found that may identify a person.");
    return 0;
  }
  print(["partnership", "record", "field", "what may identify a person", "excerpt"].join("\t"));
  for (const f of found) {
    print([f.partnership, f.record, f.field, describeKinds(f.kinds), f.excerpt].join("\t"));
  }
  print(
    `${found.length} ${found.length === 1 ? "passage" : "passages"} may identify a person. ` +
      "Ask the writer to remove the details, or have the coordinator redact them.",
  );
  return found.length;
}
