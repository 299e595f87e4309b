// The periods people type when they create a strategy or an action plan from the command line or an
// import page: a strategy runs over calendar years ("2016-2021", "2016 to 2021"), an action plan over
// one financial year ("2017-18", read by parseFinancialYear in periods.ts).

/** "2016-2021", "2016–21", "2016 to 2021" → the first and last year; null unless it runs forwards. */
export function parseYearSpan(text: string): { startYear: number; endYear: number } | null {
  const match = /^(\d{4})\s*(?:[/\-–—]|\bto\b)\s*(\d{2}|\d{4})$/i.exec(text.trim());
  if (!match) return null;
  const startYear = Number(match[1]);
  const end = match[2]!;
  const endYear = end.length === 4 ? Number(end) : Math.floor(startYear / 100) * 100 + Number(end);
  if (startYear < 1900 || endYear <= startYear || endYear - startYear > 20) return null;
  return { startYear, endYear };
}
