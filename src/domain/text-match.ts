// Tolerant text matching for imports: a council's spreadsheet rarely words a commitment exactly as the
// strategy does ("front-line" / "frontline", a dropped "the", a trailing full stop). Texts are first
// normalised (case, accents, punctuation, "&", whitespace), then compared with the Sørensen–Dice
// coefficient over character bigrams: 2·|A∩B| / (|A|+|B|), counting repeated bigrams (a multiset).
// It is symmetric, lies in [0, 1], is 1 for texts that normalise alike and 0 when they share nothing.

/** Scores at or above this count as "the same commitment worded a little differently". */
export const MATCH_THRESHOLD = 0.75;

/** Lower case, no accents, "&" → "and", every run of punctuation or whitespace → one space. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface Profile {
  text: string;
  bigrams: Map<string, number>;
}

function profileOf(raw: string): Profile {
  const text = normaliseText(raw);
  const bigrams = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
  }
  return { text, bigrams };
}

// An import compares each row with every commitment: remember the profiles of texts seen recently.
const cache = new Map<string, Profile>();
function profile(raw: string): Profile {
  let p = cache.get(raw);
  if (!p) {
    if (cache.size >= 5000) cache.clear();
    p = profileOf(raw);
    cache.set(raw, p);
  }
  return p;
}

function dice(x: Profile, y: Profile): number {
  if (x.text === y.text) return 1;
  if (x.text.length < 2 || y.text.length < 2) return 0;
  const [small, large] = x.bigrams.size <= y.bigrams.size ? [x, y] : [y, x];
  let shared = 0;
  for (const [pair, n] of small.bigrams) shared += Math.min(n, large.bigrams.get(pair) ?? 0);
  return (2 * shared) / (x.text.length - 1 + (y.text.length - 1));
}

/** Dice coefficient of two texts after normalisation, in [0, 1]. */
export function diceCoefficient(a: string, b: string): number {
  return dice(profile(a), profile(b));
}

export interface Match<T> {
  item: T;
  score: number;
  /** The next best score, so a caller can tell a clear winner from a near tie. */
  runnerUp: number;
}

/** The candidate most like `text`, with its score; undefined when there are no candidates. */
export function bestMatch<T>(
  text: string,
  candidates: readonly T[],
  textOf: (candidate: T) => string,
): Match<T> | undefined {
  let best: Match<T> | undefined;
  const query = profile(text);
  for (const item of candidates) {
    const score = dice(query, profile(textOf(item)));
    if (!best || score > best.score) {
      best = { item, score, runnerUp: best?.score ?? 0 };
    } else if (score > best.runnerUp) {
      best.runnerUp = score;
    }
  }
  return best;
}

/** A score as people read it: 0.923 → "92%". */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}
