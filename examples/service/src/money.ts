// Conversions between the store's minor units and v2's decimal strings. Integer arithmetic on the digits,
// never parseFloat: "0.29" * 100 is 28.999999999999996 in floating point.
export function toCents(value: string): number {
  const [whole = "0", frac = ""] = value.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
