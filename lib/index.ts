// The course library's public API: `import { mlp, train, loadDataSet } from "./lib";`
// See lib/README.md for what each file holds.
//
// Each file's header names the notebook that teaches it.

export type { BackendName, BackendUsed } from "./backend";
export { autoBackend, backendInUse, backendNames, useBackend } from "./backend";

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

export { accuracyKind, classificationAccuracy, confusionMatrix, r2Accuracy } from "./metrics";

export type { InitName } from "./init";
export { initNames, initWeights } from "./init";

export type { ForwardPass, Gradients, MlpOptions, Network } from "./network";
export {
  backward,
  copyNetwork,
  forward,
  l2Penalty,
  mlp,
  parameterCount,
  params,
  predict,
} from "./network";
export type { SavedNetwork } from "./saved-network";
export { loadNetwork, saveNetwork } from "./saved-network";

export { polynomialFeatures } from "./polynomial";

export type { Decay } from "./hyperparameters";
export { decayedEta } from "./hyperparameters";
export type { Optimizer, OptimizerName, OptimizerSpec } from "./optimizers";
export { createOptimizer, optimizerNames } from "./optimizers";

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
  heatmapPlot,
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
  quickRun,
  tableHtml,
  tableText,
} from "./display";

export type { PerceptronRun, PerceptronStep } from "./perceptron";
export {
  decisionLine,
  describeLine,
  perceptronOutput,
  perceptronUpdate,
  trainPerceptron,
  weightedSum,
} from "./perceptron";
export { perceptronLines, perceptronPanels } from "./perceptron-plot";

export { xorCloud, xorOneHot } from "./xor";

export type {
  GridAxes,
  GridBase,
  GridHeatValue,
  GridOptions,
  GridResult,
  GridRow,
  GridStatus,
  GridTrainOptions,
  GridValue,
} from "./grid";
export { grid, gridJobs } from "./grid";
export { gridHeatmap, gridSummary, gridTableRows, gridValueText } from "./grid-show";

export type {
  OutputActivation,
  Rnn,
  RnnOptions,
  RnnPass,
  SequenceSet,
  StateActivation,
} from "./rnn/rnn";
export { copyRnn, rnn, rnnForward, rnnPredict } from "./rnn/rnn";
export type { RnnGradients } from "./rnn/bptt";
export { clipGradients, gradientNorm, rnnGradients, stateGradientNorms } from "./rnn/bptt";
export type { RnnCheck, RnnTrainOptions, RnnTrainResult } from "./rnn/train-rnn";
export { evaluateRnn, trainRnn, trainRnnAsync } from "./rnn/train-rnn";
export type { CharData, ForecastData, SubtractionData } from "./rnn/sequences";
export {
  charData,
  corpusText,
  echoData,
  firstSymbolData,
  forecastData,
  fromBits,
  meanSquaredError,
  naiveForecast,
  noisySine,
  pickSequences,
  priceSeries,
  sequenceSet,
  subtractionData,
  toBits,
} from "./rnn/sequences";
export type { CellName, LayersRnn } from "./rnn/tfjs-layers";
export {
  cellNames,
  isLayersRnn,
  layersRnn,
  evaluateRecurrent,
  predictRecurrent,
  trainRecurrent,
} from "./rnn/tfjs-layers";
export type { UnrolledOptions } from "./rnn/rnn-plot";
export { unrolledPlot } from "./rnn/rnn-plot";
export type { GenerateOptions } from "./rnn/generate";
export { generate } from "./rnn/generate";

export type { Digits, DigitScaling, DigitsOptions } from "./digits/digits";
export { DIGIT_PIXELS, DIGIT_SIDE, digitCounts, digitLabels, loadDigits } from "./digits/digits";
export type { DigitsPlotOptions } from "./digits/digits-plot";
export { digitsPlot } from "./digits/digits-plot";
export type { BookTrainOptions } from "./digits/book-net";
export { backquery, bookNet, trainBook } from "./digits/book-net";
export { conv2d, convOutputSize, kernels } from "./digits/convolution";
export type { CnnOptions, LayersCnn } from "./digits/cnn";
export { cnnParameterCount, evaluateCnn, layersCnn, predictCnn, trainCnn } from "./digits/cnn";
export { drawDigitHtml, showDigitPad } from "./digits/draw";
