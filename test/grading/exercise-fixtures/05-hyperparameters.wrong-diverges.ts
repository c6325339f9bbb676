// Wrong (05.2): η 50 — every step overshoots further and the run diverges.

export { batchSizes, etas, table, cobraFeatures5 } from "./05-hyperparameters.alt";

export const fifthDegree = { eta: 50, batchSize: 10, maxEpoch: 1000 };
