// Regenerates the committed data sets in data/ from their seeds: `npm run data`.
// The output is byte-identical to the committed files (test/lib/data.test.ts checks this), so a
// changed file means the generator changed. Pass a folder to write somewhere else:
//   tsx scripts/make-data.ts /tmp/data
import * as fs from "node:fs";
import * as path from "node:path";
import { dataSetJson, dataSetNames, generateDataSet } from "../lib/data";

const folder = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "data"));
fs.mkdirSync(folder, { recursive: true });
for (const name of dataSetNames) {
  const file = path.join(folder, `${name}.json`);
  const text = dataSetJson(generateDataSet(name));
  const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  fs.writeFileSync(file, text);
  const state = before === null ? "created" : before === text ? "unchanged" : "CHANGED";
  console.log(
    `${path.relative(process.cwd(), file) || file}: ${state} (${Buffer.byteLength(text)} bytes)`,
  );
}
