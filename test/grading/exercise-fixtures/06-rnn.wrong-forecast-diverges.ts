// Wrong (06.5): η 5 with SGD.

export { rnnStep, bpttScalar, clipByNorm, encodeSubtraction, decodeBits } from "./06-rnn.alt";

export const forecastSettings = {
  window: 10,
  hidden: 16,
  eta: 5,
  batchSize: 16,
  maxEpoch: 20,
  optimizer: "sgd" as const,
};
