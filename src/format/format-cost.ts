/**
 * A price in US dollars as `ask`, piped chat, the chat footer and `/usage` show it: four
 * decimals, more when a sub-cent price needs them for two significant digits ($0.0040, $0.00012,
 * $0.000012), and never the exponent that toPrecision writes below a millionth (`1.2e-7`). One
 * turn usually costs a fraction of a cent: a fixed four decimals would show $0.000123 as $0.0001
 * (a fifth off) and $0.00004 as $0.0000, which reads as free.
 */
export function formatCost(cost: number): string {
  if (!(cost > 0)) return `$${(0).toFixed(4)}`;
  const decimals = Math.min(20, Math.max(4, 1 - Math.floor(Math.log10(cost))));
  return `$${cost.toFixed(decimals)}`;
}
