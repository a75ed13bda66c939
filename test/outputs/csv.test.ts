import { describe, expect, it } from "vitest";
import { csvCell, csvTable } from "../../src/outputs/index.js";

describe("the CSV writer", () => {
  it("guards every text cell a spreadsheet would run as a formula", () => {
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(csvCell(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  });

  it("writes numbers as numbers, quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvTable([["a", 1, -2, null, "b,c", 'say "hi"', "line\nbreak", "plain"]])).toBe(
      'a,1,-2,,"b,c","say ""hi""","line\nbreak",plain\n',
    );
    expect(csvTable([["x"], ["y"]], "\r\n")).toBe("x\r\ny\r\n");
  });
});
