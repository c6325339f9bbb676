// Lets notebooks and exercises write `import { train } from "./lib"`: tslab loads TypeScript files
// but not a folder's index.ts, so this file stands in for lib/index.ts. It only re-exports.
export * from "./lib/index";
