// Wrong (06.5): plain SGD with a small η for 5 epochs — the net has hardly moved.

export { rnnStep, bpttScalar, clipByNorm, encodeSubtraction, decodeBits } from "./06-rnn.alt";
export type { ForecastSettings } from "./06-rnn.alt";

export const forecastSettings = {
  window: 10,
  hidden: 8,
  eta: 0.001,
  batchSize: 32,
  maxEpoch: 5,
  optimizer: "sgd" as const,
};
