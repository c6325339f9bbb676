// The part of TensorFlow.js the lib uses, typed here. Why not tfjs's own types: the notebooks'
// compiler (tslab) type-checks every file a notebook imports, and tfjs's declarations are some
// 600 files — reading them made every notebook cell slower, for a backend most cells never use.
// backend.ts loads the real module (in Node on first use; in the browser page the bundled copy)
// and hands it out as TfOps. Taught with the backend switch in notebooks/00-start-here.ipynb.

/** A tensor, as the lib uses one. */
export interface Tensor {
  readonly shape: number[];
  dataSync(): Float32Array | Int32Array | Uint8Array;
  dispose(): void;
}

/** A tensor the steps update in place: a weight matrix, or an optimizer's state. */
export interface Variable extends Tensor {
  /** tfjs's name for it: the key of its gradient in variableGrads. */
  readonly name: string;
  assign(value: Tensor): void;
}

type Operand = Tensor | number;

/** The ops the training steps use (tfjs/stepper.ts), and the engine calls backend.ts makes. */
export interface TfOps {
  version: { tfjs: string };
  env(): { set(flag: string, value: boolean): void; getBool(flag: string): boolean };
  getBackend(): string;
  setBackend(name: string): Promise<boolean>;
  findBackend(name: string): unknown;
  getKernel(name: string, backend: string): { kernelFunc: unknown } | undefined;
  registerKernel(config: { kernelName: string; backendName: string; kernelFunc: unknown }): void;
  ready(): Promise<void>;
  memory(): { numTensors: number };
  tidy<R>(fn: () => R): R;
  dispose(tensors: Tensor | Tensor[]): void;
  tensor1d(values: Int32Array, dtype: "int32"): Tensor;
  tensor2d(values: Float32Array, shape: [number, number], dtype: "float32"): Tensor;
  variable(initial: Tensor): Variable;
  zerosLike(x: Tensor): Tensor;
  onesLike(x: Tensor): Tensor;
  fill(shape: number[], value: number): Tensor;
  add(a: Operand, b: Operand): Tensor;
  sub(a: Operand, b: Operand): Tensor;
  mul(a: Operand, b: Operand): Tensor;
  div(a: Operand, b: Operand): Tensor;
  minimum(a: Operand, b: Operand): Tensor;
  neg(x: Tensor): Tensor;
  exp(x: Tensor): Tensor;
  sqrt(x: Tensor): Tensor;
  square(x: Tensor): Tensor;
  sigmoid(x: Tensor): Tensor;
  tanh(x: Tensor): Tensor;
  relu(x: Tensor): Tensor;
  leakyRelu(x: Tensor, alpha: number): Tensor;
  softplus(x: Tensor): Tensor;
  softmax(x: Tensor): Tensor;
  greater(a: Tensor, b: Operand): Tensor;
  greaterEqual(a: Tensor, b: Operand): Tensor;
  where(condition: Tensor, a: Tensor, b: Tensor): Tensor;
  cast(x: Tensor, dtype: "float32"): Tensor;
  clipByValue(x: Tensor, low: number, high: number): Tensor;
  slice(x: Tensor, begin: number[], size: number[]): Tensor;
  gather(x: Tensor, indices: Tensor): Tensor;
  matMul(a: Tensor, b: Tensor): Tensor;
  transpose(x: Tensor): Tensor;
  sum(x: Tensor, axis?: number, keepDims?: boolean): Tensor;
  addN(tensors: Tensor[]): Tensor;
  log(x: Tensor): Tensor;
  zeros(shape: number[]): Tensor;
  /** The gradients of f with respect to each of its arguments (tfjs autodiff). */
  grads(f: (...args: Tensor[]) => Tensor): (args: Tensor[]) => Tensor[];
  tensor(values: Float32Array, shape: number[], dtype: "float32"): Tensor;
  /** f's value and its gradient with respect to every trainable variable it used, by name. */
  variableGrads(f: () => Tensor): { value: Tensor; grads: Record<string, Tensor> };
}
