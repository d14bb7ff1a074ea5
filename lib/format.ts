/**
 * Counts with thousands separators ("1,204"), as `Intl.NumberFormat("en-US")` writes them
 * rounded to an integer, but without Intl. Number#toLocaleString builds a formatter on every call
 * (on the cascade graph that was ~120 ms of a 1,000-table graph's first render on two cores), and
 * even one shared formatter costs 50–100 ms to build in a fresh Chromium page (measured here: ICU
 * loads its locale data), which every page paid while its scripts ran. Exact below 1e21, which
 * covers every int8 count. Pure.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Halves away from zero, as Intl rounds: Math.round alone takes -2.5 to -2.
  const digits = String(Math.round(Math.abs(n)));
  const sign = n < 0 && digits !== "0" ? "-" : "";
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** formatCount, or "" for a missing count. */
export function formatOptionalCount(n: number | null | undefined): string {
  return n === null || n === undefined ? "" : formatCount(n);
}
