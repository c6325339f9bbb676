// Grades solutions/01-perceptron.ts under `npm test` (NN_TREE=exercises grades your own file):
// see register.ts.
import { checks } from "./01-perceptron.checks";
import { registerChecks } from "./register";

registerChecks(checks);
