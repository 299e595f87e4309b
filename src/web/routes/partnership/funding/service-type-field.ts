// The kind of service a contract or an allocation pays for (domain/region/vocabulary.ts SERVICE_TYPES),
// chosen on both forms so the region's spend can be added up by service type. Optional: blank means
// "from its contract, else other" for an allocation, and "other" for a contract.
import { z } from "zod";
import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from "../../../../domain/region/vocabulary.ts";

export const serviceTypeField = z
  .union([z.literal(""), z.enum(SERVICE_TYPES)], { message: "Select the type of service from the list" })
  .default("");

/** The select's items, the stored value chosen; `blank` names the empty choice. */
export function serviceTypeItems(chosen: unknown, blank: string) {
  return [
    { value: "", text: blank, selected: !chosen },
    ...SERVICE_TYPES.map((value) => ({
      value,
      text: SERVICE_TYPE_LABELS[value],
      selected: chosen === value,
    })),
  ];
}
