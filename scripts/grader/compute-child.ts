// Runs one expensive computation in its own process (see parallel.ts): imports a module, calls
// one of its exported functions with a JSON job, and sends back the result.

import { importFile } from "./load";

async function main(): Promise<void> {
  const { moduleFile, exportName, job } = JSON.parse(process.argv[2]) as {
    moduleFile: string;
    exportName: string;
    job: unknown;
  };
  const fn = (await importFile(moduleFile))[exportName];
  if (typeof fn !== "function")
    throw new Error(`${moduleFile} does not export a function ${exportName}`);
  const value: unknown = await (fn as (job: unknown) => unknown)(job);
  await new Promise<void>((resolve) => process.send?.({ value }, () => resolve()));
  process.exit(0);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(3);
});
