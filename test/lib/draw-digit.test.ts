// The drawing pad of notebook 07 (lib/digits/draw.ts) in a real browser: a stroke drawn with the
// mouse becomes a 28×28 input, the page's own forward pass gives the same probabilities as the
// lib's `predict` on that input, "clear" clears; with scripts off (an untrusted notebook) the
// output says how to trust it. Skipped, with the reason, where no browser is installed (required
// under CI=true).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import {
  bookNet,
  drawDigitHtml,
  loadDigits,
  matrix,
  mlp,
  predict,
  trainBook,
  type Network,
} from "../../lib";
import { findBrowser } from "../../lib/tfjs/browser";

let browser: Browser | null = null;
let missing = "";

beforeAll(async () => {
  try {
    browser = await chromium.launch({
      executablePath: findBrowser(),
      args: ["--headless", "--no-sandbox", "--disable-background-networking", "--no-first-run"],
    });
  } catch (error) {
    missing = (error as Error).message;
    if (process.env.CI === "true") throw error;
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const digits = loadDigits({ scaling: "book", train: 2000 });
const net: Network = trainBook(bookNet([784, 30, 10], 1), digits.train, { epochs: 1 });

describe("the drawing pad", () => {
  it("predicts from a drawn stroke what the lib predicts from the same input, and clears", async (ctx) => {
    if (!browser) return ctx.skip(`no browser: ${missing}`);
    const page = await browser.newPage();
    await page.setContent(`<html><body>${drawDigitHtml(net, { scaling: "book" })}</body></html>`);
    await expect(page.textContent(".draw-digit-status")).resolves.toBe("Draw a digit in the box.");
    const box = await page.locator("canvas").boundingBox();
    if (!box) throw new Error("no canvas");
    // a vertical stroke down the middle: a "1"
    await page.mouse.move(box.x + 140, box.y + 50);
    await page.mouse.down();
    for (let y = 60; y <= 230; y += 10) await page.mouse.move(box.x + 140, box.y + y);
    await page.mouse.up();
    const root = page.locator("#draw-digit");
    const input = ((await root.getAttribute("data-input")) ?? "").split(",").map(Number);
    const shown = ((await root.getAttribute("data-probabilities")) ?? "").split(",").map(Number);
    expect(input).toHaveLength(784);
    expect(Math.min(...input)).toBeCloseTo(0.01, 6); // the book's scaling: no pixel below 0.01
    expect(Math.max(...input)).toBeGreaterThan(0.9); // the stroke's middle is solid ink
    // ink in the middle columns only
    const inkAt = (col: number): number =>
      input.filter((_, i) => i % 28 === col).reduce((s, v) => s + v, 0);
    expect(inkAt(14)).toBeGreaterThan(10);
    expect(inkAt(3)).toBeCloseTo(28 * 0.01, 6);
    const lib = predict(net, matrix(1, 784, input));
    shown.forEach((p, k) => expect(p).toBeCloseTo(lib.data[k], 5));
    const best = shown.indexOf(Math.max(...shown));
    await expect(root.getAttribute("data-prediction")).resolves.toBe(String(best));
    await expect(page.textContent(".draw-digit-status")).resolves.toBe(`The network says: ${best}`);
    await expect(page.locator(".draw-digit-bars > div").count()).resolves.toBe(10);
    await page.click("button");
    await expect(root.getAttribute("data-prediction")).resolves.toBeNull();
    await page.close();
  });

  it("says how to trust the notebook where its script does not run", async (ctx) => {
    if (!browser) return ctx.skip(`no browser: ${missing}`);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(`<html><body>${drawDigitHtml(net)}</body></html>`);
    await expect(page.textContent(".draw-digit-status")).resolves.toMatch(
      /not trusted.*run this cell again, or trust the notebook \(Ctrl\+Shift\+C, then Trust Notebook\)/,
    );
    await context.close();
  });

  it("refuses a net it cannot compute", () => {
    expect(() => drawDigitHtml(mlp([784, 10]))).toThrow(/two-layer digit classifier, 784-H-10/);
    expect(() => drawDigitHtml(mlp([784, 20, 10], { hidden: "relu" }))).toThrow(
      /sigmoid hidden layer .* this net has relu/,
    );
  });
});
