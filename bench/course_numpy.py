"""The benchmark's workload written the way the course's Python code does it.

ai-edu's NeuralNet2 (the lecture's two-layer net): Z1 = np.dot(X, W1) + B1, A1 = sigmoid(Z1),
Z2 = np.dot(A1, W2) + B2, dZ2 = Z2 - Y, dW2 = np.dot(A1.T, dZ2) / m, ..., W -= eta * dW; the
samples shuffled every epoch with np.random.permutation, mini-batches cut by slicing.

Two ways to run it:
  python bench/course_numpy.py            times it on data/cobra.json by itself (H = 4 and 64)
  python bench/course_numpy.py --serve    what bench.ts uses: reads one JSON request per line on
                                          stdin, answers one JSON line on stdout:
    {"cmd": "setup", "X": [...], "Y": [...], "W1": [[...]], "B1": [[...]], "W2": ..., "B2": ...,
     "eta": 0.5, "batch_size": 10}   -> {"numpy": "2.x", "python": "3.x"}
    {"cmd": "run", "epochs": N}      -> {"seconds": t, "loss": L}  (from the initial weights)
"""

import json
import os
import sys
import time

import numpy as np


class Sigmoid:
    def forward(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def backward(self, z, a, delta):
        da = np.multiply(a, 1 - a)
        dz = np.multiply(delta, da)
        return dz, da


class NeuralNet2:
    """1-H-1: sigmoid hidden layer, identity output, loss sum((A2 - Y)^2) / (2m)."""

    def __init__(self, W1, B1, W2, B2, eta, batch_size):
        self.W1, self.B1, self.W2, self.B2 = W1.copy(), B1.copy(), W2.copy(), B2.copy()
        self.eta = eta
        self.batch_size = batch_size

    def forward(self, batch_x):
        self.Z1 = np.dot(batch_x, self.W1) + self.B1
        self.A1 = Sigmoid().forward(self.Z1)
        self.Z2 = np.dot(self.A1, self.W2) + self.B2
        self.A2 = self.Z2
        return self.A2

    def backward(self, batch_x, batch_y, batch_a):
        m = batch_x.shape[0]
        dZ2 = batch_a - batch_y
        self.dW2 = np.dot(self.A1.T, dZ2) / m
        self.dB2 = np.sum(dZ2, axis=0, keepdims=True) / m
        d1 = np.dot(dZ2, self.W2.T)
        dZ1, _ = Sigmoid().backward(None, self.A1, d1)
        self.dW1 = np.dot(batch_x.T, dZ1) / m
        self.dB1 = np.sum(dZ1, axis=0, keepdims=True) / m

    def update(self):
        self.W1 = self.W1 - self.eta * self.dW1
        self.B1 = self.B1 - self.eta * self.dB1
        self.W2 = self.W2 - self.eta * self.dW2
        self.B2 = self.B2 - self.eta * self.dB2

    def train(self, X, Y, max_epoch):
        n = X.shape[0]
        max_iteration = (n + self.batch_size - 1) // self.batch_size
        for epoch in range(max_epoch):
            X, Y = shuffle(X, Y)
            for iteration in range(max_iteration):
                start = iteration * self.batch_size
                end = start + self.batch_size
                batch_x, batch_y = X[start:end, :], Y[start:end, :]
                batch_a = self.forward(batch_x)
                self.backward(batch_x, batch_y, batch_a)
                self.update()

    def loss(self, X, Y):
        A2 = self.forward(X)
        return float(np.sum((A2 - Y) ** 2) / (2 * X.shape[0]))


def shuffle(X, Y):
    """The course's DataReader.Shuffle: the same random permutation of X and of Y."""
    seed = np.random.randint(0, 100)
    np.random.seed(seed)
    XP = np.random.permutation(X)
    np.random.seed(seed)
    YP = np.random.permutation(Y)
    return XP, YP


def run(setup, epochs):
    np.random.seed(1)
    net = NeuralNet2(setup["W1"], setup["B1"], setup["W2"], setup["B2"], setup["eta"],
                     setup["batch_size"])
    start = time.perf_counter()
    net.train(setup["X"], setup["Y"], epochs)
    seconds = time.perf_counter() - start
    return seconds, net.loss(setup["X"], setup["Y"])


def serve():
    setup = None
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "setup":
            setup = {key: np.array(request[key], dtype=np.float64)
                     for key in ("W1", "B1", "W2", "B2")}
            setup["X"] = np.array(request["X"], dtype=np.float64).reshape(-1, 1)
            setup["Y"] = np.array(request["Y"], dtype=np.float64).reshape(-1, 1)
            setup["eta"] = float(request["eta"])
            setup["batch_size"] = int(request["batch_size"])
            answer = {"numpy": np.__version__, "python": sys.version.split()[0]}
        elif request["cmd"] == "run":
            seconds, loss = run(setup, int(request["epochs"]))
            answer = {"seconds": seconds, "loss": loss}
        else:
            answer = {"error": "unknown cmd " + str(request["cmd"])}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def standalone():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cobra.json")
    with open(path) as f:
        train = json.load(f)["train"]
    X = np.array(train["x"], dtype=np.float64).reshape(-1, 1)
    Y = np.array(train["y"], dtype=np.float64).reshape(-1, 1)
    print(f"NumPy {np.__version__}, Python {sys.version.split()[0]}: 1-H-1 on cobra, batch 10, "
          f"eta 0.5 (Xavier weights from NumPy, not the lib's)")
    for H in (4, 64):
        rng = np.random.default_rng(1)
        limit1, limit2 = np.sqrt(6 / (1 + H)), np.sqrt(6 / (H + 1))
        setup = {"X": X, "Y": Y, "eta": 0.5, "batch_size": 10,
                 "W1": rng.uniform(-limit1, limit1, (1, H)), "B1": np.zeros((1, H)),
                 "W2": rng.uniform(-limit2, limit2, (H, 1)), "B2": np.zeros((1, 1))}
        seconds, _ = run(setup, 20)
        epochs = max(3, round(20 / seconds * 1.5))
        best = max(epochs / run(setup, epochs)[0] for _ in range(3))
        print(f"  H = {H:2d}: {best:8.1f} epochs/s (best of 3 runs of {epochs} epochs)")


if __name__ == "__main__":
    if "--serve" in sys.argv:
        serve()
    else:
        standalone()
