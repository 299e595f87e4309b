/** What kind of detail may identify a person. */
export type PersonalDataKind =
  | "dateOfBirth"
  | "ageWithName"
  | "nhsNumber"
  | "nationalInsuranceNumber"
  | "homeAddress"
  | "phoneNumber"
  | "emailAddress"
  | "titleWithSurname"
  | "nameWithFamilyWord";

export interface Finding {
  kind: PersonalDataKind;
  /** The words that matched, as written. */
  excerpt: string;
  /** Where in the text they start. */
  index: number;
}

/** How each kind reads in a sentence: "This may identify a person: a date of birth, 14/02/1988". */
export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  dateOfBirth: "a date of birth",
  ageWithName: "an age next to a name",
  nhsNumber: "an NHS number",
  nationalInsuranceNumber: "a National Insurance number",
  homeAddress: "a home address",
  phoneNumber: "a phone number",
  emailAddress: "a personal e-mail address",
  titleWithSurname: "a title with a surname",
  nameWithFamilyWord: "a first name next to a family word",
};
