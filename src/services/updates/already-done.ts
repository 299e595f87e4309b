import * as data from "../../data/updates.ts";
import type { Executor } from "../../db/database.ts";
import { describeWhen } from "../../domain/periods.ts";
import type { Actor } from "../actor.ts";

/**
 * A step that had already been taken when the form was sent again (Back, then the same button): the
 * page says who took it and when, instead of reporting a conflict with oneself.
 */
export interface AlreadyDone {
  step: "submitted" | "accepted" | "returned";
  at: Date;
  /** "You" when it was the person asking, otherwise their name. */
  by: string;
  sentence: string;
}

/** Who took a step and when, as the page says it: "You accepted this update at 10:42". */
export async function alreadyDone(
  ex: Executor,
  actor: Actor,
  step: AlreadyDone["step"],
  at: Date,
  byUserId: number | null,
  now: Date,
): Promise<AlreadyDone> {
  const self = actor.kind === "member" && byUserId === actor.userId;
  const by = self
    ? "You"
    : byUserId === null
      ? "Someone"
      : ((await data.userNames(ex, [byUserId])).get(byUserId)?.name ?? "Someone");
  return { step, at, by, sentence: `${by} ${step} this update ${describeWhen(at, now)}` };
}
