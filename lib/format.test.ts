import { describe, expect, it } from "vitest";
import { formatCount, formatOptionalCount } from "./format";

const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
// Intl writes "-0" for minus zero and for negatives that round to zero; a count never needs that sign.

describe("formatCount", () => {
  it("writes what Intl.NumberFormat('en-US') writes for integers, halves and fractions", () => {
    const values = [
      0,
      1,
      7,
      12,
      999,
      1000,
      1204,
      99_999,
      100_000,
      1_234_567,
      72_222,
      2 ** 31,
      9_007_199_254_740_991,
    ];
    for (const v of [...values, ...values.map((x) => -x)])
      expect(formatCount(v)).toBe(intl.format(v).replace(/^-0$/, "0"));
    for (const v of [0.4, 0.5, 1.5, 2.5, 999.5, 1234.49, -0.4, -0.5, -2.5, -1234.5])
      expect(formatCount(v)).toBe(intl.format(v).replace(/^-0$/, "0"));
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const v = (seed % 2 ? 1 : -1) * ((seed / 97) ** (1 + (i % 3)) % 1e19); // counts are int8: < 9.3e18
      expect(formatCount(v)).toBe(intl.format(v).replace(/^-0$/, "0"));
    }
  });

  it("writes no sign on zero, and passes non-finite numbers through", () => {
    expect(formatCount(-0)).toBe("0");
    expect(formatCount(Number.NaN)).toBe("NaN");
    expect(formatOptionalCount(null)).toBe("");
    expect(formatOptionalCount(1500)).toBe("1,500");
  });
});
