// Grades solutions/03-backprop.ts under `npm test` (NN_TREE=exercises grades your own file):
// see register.ts.
import { checks } from "./03-backprop.checks";
import { registerChecks } from "./register";

registerChecks(checks);
