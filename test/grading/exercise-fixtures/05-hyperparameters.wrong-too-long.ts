// Wrong (05.2): 50,000 epochs, more than the grader's budget of 20,000.

export { batchSizes, etas, table, cobraFeatures5 } from "./05-hyperparameters.alt";

export const fifthDegree = { eta: 0.2, batchSize: 10, maxEpoch: 50_000 };
