// Wrong (06.5): a budget beyond the grader's (1,000 epochs).

export { rnnStep, bpttScalar, clipByNorm, encodeSubtraction, decodeBits } from "./06-rnn.alt";

export const forecastSettings = {
  window: 10,
  hidden: 16,
  eta: 0.01,
  batchSize: 16,
  maxEpoch: 1000,
  optimizer: "adam" as const,
};
