// Grades solutions/05-hyperparameters.ts under `npm test` (NN_TREE=exercises grades your own
// file): see register.ts. The 16 training runs are cached in node_modules/.cache.
import { checks } from "./05-hyperparameters.checks";
import { registerChecks } from "./register";

registerChecks(checks);
