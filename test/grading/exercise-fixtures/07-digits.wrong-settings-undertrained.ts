// Wrong (07.4): SGD with a tiny η for one epoch: far from the goal.

export * from "./07-digits.alt";

export const digitSettings = {
  hidden: 20,
  activation: "sigmoid" as const,
  eta: 0.01,
  batchSize: 100,
  epochs: 1,
  optimizer: "sgd" as const,
};
