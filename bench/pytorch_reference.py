"""PyTorch side of bench/trainer-throughput: S2's small MLP, medium or big CNN on Fashion-MNIST, trained
the way the benchfleet trainer trains (Adam 1e-3, batch 128, shuffled each epoch, Glorot-uniform
weights, zero biases). Prints one JSON object per epoch: seconds of training (minibatch updates only,
as the benchfleet trainer times them), samples/s, and test accuracy.

Arguments: MODEL DATA_DIR EPOCHS THREADS TRAIN_LIMIT [DEVICE], DEVICE cpu (default) or cuda; on cuda the
data sits on the GPU and each minibatch's time ends with a synchronize, so it counts the kernels' work."""
import gzip
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def model(name):
    if name == "mlp-small":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    elif name == "cnn-medium":
        net = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(3136, 64), nn.ReLU(), nn.Linear(64, 10))
    elif name == "cnn-big":
        net = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(2304, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    else:
        raise SystemExit("unknown model " + name)
    for layer in net:
        if isinstance(layer, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return net


def step(net, optimizer, loss_fn, xb, yb):
    """One minibatch update, the part of an epoch that is timed."""
    optimizer.zero_grad()
    loss_fn(net(xb), yb).backward()
    optimizer.step()


def main():
    name, data_dir, epochs, threads, train_limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    device = torch.device(sys.argv[6] if len(sys.argv) > 6 else "cpu")
    synchronize = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = torch.from_numpy(read_idx(data_dir + "/train-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(read_idx(data_dir + "/train-labels-idx1-ubyte.gz").astype(np.int64))
    if train_limit:
        x, y = x[:train_limit], y[:train_limit]
    tx = torch.from_numpy(read_idx(data_dir + "/t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    ty = torch.from_numpy(read_idx(data_dir + "/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    x, y, tx, ty = x.to(device), y.to(device), tx.to(device), ty.to(device)
    net = model(name).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(1, epochs + 1):
        net.train()
        order = torch.randperm(len(x), device=device)
        seconds = 0.0
        for start in range(0, len(x), 128):
            rows = order[start:start + 128]
            xb, yb = x[rows], y[rows]
            begin = time.perf_counter()
            step(net, optimizer, loss_fn, xb, yb)
            synchronize()
            seconds += time.perf_counter() - begin
        net.eval()
        with torch.no_grad():
            accuracy = (net(tx).argmax(1) == ty).float().mean().item()
        print(json.dumps({"epoch": epoch, "seconds": seconds, "samplesPerSecond": len(x) / seconds,
                          "testAccuracy": accuracy, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
