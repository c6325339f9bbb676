// Types for scripts/env.js (plain CommonJS so that it runs before `npm install`).
export declare const root: string;
export declare const isWindows: boolean;
export declare const CONDA_ENV_NAME: string;
export declare function inCourseCondaEnv(env?: NodeJS.ProcessEnv): boolean;
export declare function coursePython(env?: NodeJS.ProcessEnv): string;
export declare function jupyterEnv(
  projectRoot?: string,
  base?: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv;
export declare function listNotebooks(projectRoot?: string): string[];
export declare function findNotebooks(names: string[], projectRoot?: string): string[];
export declare function solvedCopy(options?: { mine?: boolean; projectRoot?: string }): string;
export declare function labServerArgs(projectRoot?: string): string[];
