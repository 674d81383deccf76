// Training throughput of the trainer's loops: images a second for the issue's
// network, conv3(8) -> max pool 2 -> conv3(16) -> max pool 2 -> dense 10
// (5,258 parameters), batches of 32 random 28 x 28 pictures, forward,
// backward and an Adam step each. The same network in PyTorch on one thread:
// tests/torch/bench_torch.py.
#include <cstdio>
#include <vector>

#include "bench_util.h"
#include "core/train/network.h"
#include "core/train/presets.h"

using namespace pl;
using namespace pl::train;

namespace {

// Images a second training `m` (forward, backward, Adam) and running it forward only.
bool measure(const Model& m, int batches, double* train_rate, double* forward_rate, size_t* params) {
    Result<Network> made = make_network(m, 28, 10);
    if (!made.ok()) {
        std::fprintf(stderr, "%s\n", made.error.c_str());
        return false;
    }
    Network net = made.value;
    init_weights(net, 1);
    const int batch = 32;
    Rng rng(7);
    std::vector<float> images(static_cast<size_t>(batch) * batches * 784);
    std::vector<std::uint8_t> labels(static_cast<size_t>(batch) * batches);
    for (float& v : images) v = rng.uniform();
    for (std::uint8_t& l : labels) l = static_cast<std::uint8_t>(rng.below(10));
    Workspace ws = make_workspace(net, batch);
    Adam adam;
    std::vector<float> grads;
    auto epoch = [&] {
        for (int b = 0; b < batches; ++b) {
            forward(net, ws, images.data() + static_cast<size_t>(b) * batch * 784, batch);
            backward(net, ws, labels.data() + static_cast<size_t>(b) * batch, grads);
            adam_step(adam, net.params, grads);
        }
    };
    epoch();  // warm up
    *train_rate = batch * batches / (median_ms(7, epoch) / 1000.0);
    auto forward_only = [&] {
        for (int b = 0; b < batches; ++b) forward(net, ws, images.data() + static_cast<size_t>(b) * batch * 784, batch);
    };
    *forward_rate = batch * batches / (median_ms(7, forward_only) / 1000.0);
    *params = net.params.size();
    return true;
}

}  // namespace

int main() {
    const Model m{{3, 28, 28, 1}, {conv2d(8, 3), max_pool(2), conv2d(16, 3), max_pool(2), flatten(), dense(10)}};
    double train_rate, forward_rate;
    size_t params;
    if (!measure(m, 50, &train_rate, &forward_rate, &params)) return 1;
    std::printf("train %s: %zu parameters, batch 32: %.0f images/s training (forward + backward + Adam), %.0f images/s forward only\n",
                kBenchWhere, params, train_rate, forward_rate);
    for (const TrainPreset& p : train_presets()) {
        if (!measure(p.model, 10, &train_rate, &forward_rate, &params)) return 1;
        std::printf("  preset %-9s %7zu parameters: %6.0f images/s training, %6.0f forward\n", p.name, params, train_rate, forward_rate);
    }
    return 0;
}
