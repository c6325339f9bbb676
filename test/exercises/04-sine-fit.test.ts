// Grades solutions/04-sine-fit.ts under `npm test` (NN_TREE=exercises grades your own file):
// see register.ts.
import { checks } from "./04-sine-fit.checks";
import { registerChecks } from "./register";

registerChecks(checks);
