/**
 * A price in US dollars as `ask`, the chat footer and `/usage` show it: four decimals, more when needed for
 * two significant digits (sub-cent prices are the norm: $0.0040, $0.000012), and never the
 * exponent that toPrecision writes below a millionth (`1.2e-7`).
 */
export function formatCost(cost: number): string {
  if (!(cost > 0)) return `$${(0).toFixed(4)}`;
  const decimals = Math.min(20, Math.max(4, 1 - Math.floor(Math.log10(cost))));
  return `$${cost.toFixed(decimals)}`;
}
