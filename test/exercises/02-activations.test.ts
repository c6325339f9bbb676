// Grades solutions/02-activations.ts under `npm test` (NN_TREE=exercises grades your own file):
// see register.ts.
import { checks } from "./02-activations.checks";
import { registerChecks } from "./register";

registerChecks(checks);
