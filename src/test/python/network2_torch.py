"""Chapter 3's network (network2.py's recipe) in PyTorch, the tool a laptop user would pick instead.

The same math as the book's network2.py and this project's trainers: sigmoid neurons, the
cross-entropy cost of sigmoid outputs, L2 regularization w -> (1 - eta*lambda/n) w - (eta/m) nablaW
(biases not decayed), mini-batches of m from a fresh shuffle each epoch, weights N(0, 1/n_in) and
biases N(0, 1). PyTorch's own default where the book leaves a choice open: float32.

Two ways to the gradient: BP1-BP4 written as tensor products (the default: the fastest this recipe
ran in PyTorch here), or --autograd, PyTorch's usual way (a loss, backward(), torch.optim.SGD).
One intra-op thread by default: on mini-batches of 10 a second thread made every step slower here
(the products are too small to share out).

  network2_torch.py DATA_DIR [--sizes 784,100,10] [--epochs 30] [--m 10] [--eta 0.5] [--lmbda 5.0]
                    [--seed 1] [--target-accuracy A] [--threads 1] [--float64] [--autograd]
      prints 'Epoch j: correct / 10000 (s s)' after each epoch, stopping at the first epoch at A
  network2_torch.py --check GOLDEN.json
      one epoch on the golden case (computed by the book's network2.py) in float64, without shuffling,
      both ways; exits 1 unless the weights and biases agree with the book's to 1e-12

MNIST: the IDX files of DATA_DIR, the first 50,000 training images (the book's split), pixels / 255.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch


class Network2(torch.nn.Module):
    """Fully connected sigmoid layers; layer l's weights are w[j][k], from neuron k to neuron j (the book's layout)."""

    def __init__(self, weights, biases, dtype):
        super().__init__()
        self.weights = torch.nn.ParameterList(torch.nn.Parameter(torch.tensor(w, dtype=dtype)) for w in weights)
        self.biases = torch.nn.ParameterList(torch.nn.Parameter(torch.tensor(b, dtype=dtype).reshape(-1)) for b in biases)
        # The same storage as plain tensors, for the BP1-BP4 steps (indexing a ParameterList costs a module call each time).
        self.plain = [(w.data, b.data) for w, b in zip(self.weights, self.biases)]

    @staticmethod
    def scaled_gaussian(sizes, generator, dtype):
        """The book's default_weight_initializer: w ~ N(0, 1/n_in), b ~ N(0, 1)."""
        weights = [np.asarray(torch.randn(j, k, generator=generator, dtype=torch.float64) / np.sqrt(k)) for k, j in zip(sizes[:-1], sizes[1:])]
        biases = [np.asarray(torch.randn(j, generator=generator, dtype=torch.float64)) for j in sizes[1:]]
        return Network2(weights, biases, dtype)

    def forward(self, x):
        """Rows of x are samples; returns the output activations, one row per sample."""
        for w, b in zip(self.weights, self.biases):
            x = torch.sigmoid(x @ w.T + b)
        return x

    def logits(self, x):
        """The output layer's weighted inputs z: the cross-entropy is computed from them, stably."""
        for w, b in zip(self.weights[:-1], self.biases[:-1]):
            x = torch.sigmoid(x @ w.T + b)
        return x @ self.weights[-1].T + self.biases[-1]


def backprop_step(net, x, y, eta, lmbda, n):
    """One mini-batch, the book's way: the output error delta = a - y of the cross-entropy cost (BP1),
    delta carried back through each layer, delta = (delta w) * a (1 - a) (BP2), nablaB = the sum of delta
    over the mini-batch (BP3), nablaW = delta^T a_in (BP4); then w -> (1 - eta*lambda/n) w - (eta/m) nablaW
    and b -> b - (eta/m) nablaB."""
    m = x.shape[0]
    activations = [x]
    for w, b in net.plain:
        activations.append(torch.sigmoid(torch.addmm(b, activations[-1], w.T)))
    delta = activations[-1] - y
    for layer in range(len(net.plain) - 1, -1, -1):
        (w, b), a_in = net.plain[layer], activations[layer]
        nabla_w = delta.T @ a_in
        nabla_b = delta.sum(0)
        if layer > 0:
            delta = (delta @ w) * a_in * (1 - a_in)
        w.mul_(1 - eta * lmbda / n).sub_(nabla_w, alpha=eta / m)
        b.sub_(nabla_b, alpha=eta / m)


def book_sgd(net, eta, lmbda, n):
    """network2.py's update as PyTorch's SGD: with the cost averaged over the mini-batch, lr = eta and weight decay
    lambda/n on the weights only give w -> (1 - eta*lambda/n) w - (eta/m) nablaW and b -> b - (eta/m) nablaB."""
    return torch.optim.SGD([{"params": list(net.weights), "weight_decay": lmbda / n},
                            {"params": list(net.biases), "weight_decay": 0.0}], lr=eta)


def sgd_step(net, optimizer, x, y):
    """One mini-batch: nablaW and nablaB by autograd (BP1-BP4; the cross-entropy cost's output error is a - y),
    the cost summed over the outputs and averaged over the mini-batch's m samples, then the book's update."""
    cost = torch.nn.functional.binary_cross_entropy_with_logits(net.logits(x), y, reduction="sum") / x.shape[0]
    optimizer.zero_grad(set_to_none=True)
    cost.backward()
    optimizer.step()


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def one_hot(labels, classes, dtype):
    y = torch.zeros(len(labels), classes, dtype=dtype)
    y[torch.arange(len(labels)), torch.as_tensor(np.array(labels), dtype=torch.long)] = 1
    return y


def check(golden_path):
    """One epoch of the golden case in float64, in its order: the book's network2.py to 1e-12, or exit 1."""
    with open(golden_path) as f:
        g = json.load(f)
    if g["cost"] != "crossentropy":
        sys.exit(f"{golden_path}: expected a cross-entropy case (network2.py's recipe), found cost '{g['cost']}'")
    x = torch.tensor(g["inputs"], dtype=torch.float64).reshape(len(g["inputs"]), -1)
    y = one_hot(g["labels"], g["sizes"][-1], torch.float64)
    m = g["miniBatchSize"]
    worst = 0.0
    for autograd in (False, True):
        net = Network2(g["weights"], g["biases"], torch.float64)
        optimizer = book_sgd(net, g["eta"], g["lambda"], g["n"])
        for start in range(0, len(x), m):
            if autograd:
                sgd_step(net, optimizer, x[start:start + m], y[start:start + m])
            else:
                backprop_step(net, x[start:start + m], y[start:start + m], g["eta"], g["lambda"], g["n"])
        for mine, book in zip(list(net.weights) + list(net.biases), g["weightsAfterEpoch"] + g["biasesAfterEpoch"]):
            worst = max(worst, float((mine.detach() - torch.tensor(book, dtype=torch.float64).reshape(mine.shape)).abs().max()))
    print(f"{golden_path}: largest difference from network2.py after one epoch, BP1-BP4 and autograd: {worst:.3g}")
    if worst > 1e-12:
        sys.exit(1)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?")
    p.add_argument("--check")
    p.add_argument("--sizes", default="784,100,10")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--m", type=int, default=10)
    p.add_argument("--eta", type=float, default=0.5)
    p.add_argument("--lmbda", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--target-accuracy", type=float, default=None)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--float64", action="store_true")
    p.add_argument("--autograd", action="store_true")
    a = p.parse_args()
    if a.check:
        check(a.check)
        return
    if not a.data:
        p.error("expected DATA_DIR (MNIST's IDX files) or --check GOLDEN.json")
    torch.set_num_threads(a.threads)
    dtype = torch.float64 if a.float64 else torch.float32
    generator = torch.Generator().manual_seed(a.seed)
    x = torch.tensor(idx(os.path.join(a.data, "train-images-idx3-ubyte"))[:50000].reshape(50000, -1) / 255.0, dtype=dtype)
    y = one_hot(idx(os.path.join(a.data, "train-labels-idx1-ubyte"))[:50000], 10, dtype)
    test_x = torch.tensor(idx(os.path.join(a.data, "t10k-images-idx3-ubyte")).reshape(10000, -1) / 255.0, dtype=dtype)
    test_y = torch.as_tensor(np.array(idx(os.path.join(a.data, "t10k-labels-idx1-ubyte"))), dtype=torch.long)
    net = Network2.scaled_gaussian([int(s) for s in a.sizes.split(",")], generator, dtype)
    n = len(x)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {dtype}, {'autograd' if a.autograd else 'BP1-BP4'},"
          f" BLAS: {blas()}", flush=True)
    optimizer = book_sgd(net, a.eta, a.lmbda, n)
    for epoch in range(a.epochs):
        start = time.perf_counter()
        order = torch.randperm(n, generator=generator)
        shuffled_x, shuffled_y = x[order], y[order]  # one gather an epoch; the mini-batches are then views
        for k in range(0, n, a.m):
            if a.autograd:
                sgd_step(net, optimizer, shuffled_x[k:k + a.m], shuffled_y[k:k + a.m])
            else:
                backprop_step(net, shuffled_x[k:k + a.m], shuffled_y[k:k + a.m], a.eta, a.lmbda, n)
        with torch.no_grad():
            correct = int((net(test_x).argmax(dim=1) == test_y).sum())
        print(f"Epoch {epoch}: {correct} / {len(test_y)} ({time.perf_counter() - start:.1f} s)", flush=True)
        if a.target_accuracy is not None and correct / len(test_y) >= a.target_accuracy:
            break


def blas():
    """The BLAS library this process loaded (Debian picks it at run time; OpenBLAS matters: the reference BLAS is
    several times slower), read from the process's memory map after a matrix product."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as maps:
        found = sorted({os.path.realpath(line.split()[-1]) for line in maps if "blas" in line.lower() and "/" in line})
    return ", ".join(found) or "none found in the memory map"


if __name__ == "__main__":
    main()
