// The course library's public API: `import { mlp, train, loadDataSet } from "./lib";`
// See lib/README.md for what each file holds.

export type { Rng } from "./rng";
export { createRng } from "./rng";

export type { Matrix } from "./matrix";
export {
  add,
  addRowVector,
  affine,
  assertFinite,
  assertShape,
  column,
  copy,
  filled,
  formatMatrix,
  fromRows,
  get,
  hadamard,
  isMatrix,
  map,
  matMul,
  matMulABt,
  matMulAtB,
  matrix,
  maxAbs,
  mean,
  row,
  scale,
  set,
  shapeOf,
  sliceRows,
  sub,
  sum,
  sumColumns,
  toRows,
  transpose,
  zeros,
} from "./matrix";

export type { Activation, ActivationName, ActivationSpec } from "./activations";
export {
  activation,
  activationNames,
  elu,
  identity,
  leakyRelu,
  relu,
  sigmoid,
  softmax,
  softplus,
  step,
  tanh,
} from "./activations";

export type { Loss, LossName, LossSpec } from "./losses";
export {
  binaryCrossEntropy,
  defaultLoss,
  halfMse,
  loss,
  lossNames,
  softmaxCrossEntropy,
} from "./losses";

export { accuracyKind, classificationAccuracy, r2Accuracy } from "./metrics";

export type { InitName } from "./init";
export { initNames, initWeights } from "./init";

export type { ForwardPass, Gradients, MlpOptions, Network, SavedNetwork } from "./network";
export {
  backward,
  copyNetwork,
  forward,
  l2Penalty,
  loadNetwork,
  mlp,
  parameterCount,
  params,
  predict,
  saveNetwork,
} from "./network";

export { polynomialFeatures } from "./polynomial";

export type { Optimizer, OptimizerName, OptimizerSpec } from "./optimizers";
export { createOptimizer, decayedEta, optimizerNames } from "./optimizers";

export type {
  Check,
  DataSet,
  Progress,
  ResolvedTrainOptions,
  TrainOptions,
  TrainResult,
  TrainStatus,
} from "./train";
export { evaluate, train, trainAsync } from "./train";

export type { CourseDataSet, DataSetJson, DataSetName, Scaling } from "./data";
export {
  andData,
  cobraData,
  dataSetFromJson,
  dataSetJson,
  dataSetNames,
  defaultSeeds,
  generateDataSet,
  linspace,
  normalize,
  orData,
  scaleTo,
  sineData,
  xorData,
} from "./data";
export { loadDataSet } from "./datasets";

export type { Figure, HistoryPoint, Series } from "./plot";
export {
  PLOTLY_MIME,
  decisionBoundary,
  figureText,
  functionPlot,
  linePlot,
  liveFigure,
  lossPlot,
  scatterPlot,
  show,
  twoPanels,
} from "./plot";

export type { MimeBundle } from "./display";
export {
  displayBundle,
  formatNumber,
  inKernel,
  liveTable,
  newDisplayId,
  showTable,
  tableHtml,
  tableText,
} from "./display";

export type { PerceptronRun, PerceptronStep } from "./perceptron";
export {
  decisionLine,
  describeLine,
  perceptronLines,
  perceptronOutput,
  perceptronPanels,
  perceptronUpdate,
  trainPerceptron,
  weightedSum,
} from "./perceptron";

export { xorCloud, xorOneHot } from "./xor";
