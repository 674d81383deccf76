// Benchmark for the shift lab: how long a full sweep (all shifts in -4..4 on
// both axes, times all seven operations) takes, and everything the lab
// recomputes when the feature changes. Prints its figures; asserts nothing.
// Built natively (cmake --preset native) and as WebAssembly for Node
// (cmake --preset web): run both with scripts/bench.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "bench_util.h"
#include "core/shift.h"
#include "core/scenes/shift/shift_scene.h"

namespace {

// A feature map like the lab's: a few bright blobs on a dark, slightly noisy background.
pl::Grid feature_map(int side, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> noise(0.0f, 0.05f);
    pl::Grid g(side, side);
    for (float& v : g.values) v = noise(rng);
    std::uniform_int_distribution<int> at(side / 8, side - side / 8 - 1);
    for (int b = 0; b < 6; ++b) {
        const int r0 = at(rng), c0 = at(rng);
        for (int r = -2; r <= 2; ++r)
            for (int c = -2; c <= 2; ++c)
                if (g.contains(r0 + r, c0 + c)) g.at(r0 + r, c0 + c) = 1.0f - 0.15f * static_cast<float>(std::abs(r) + std::abs(c));
    }
    return g;
}

}  // namespace

int main() {
    const char* where = kBenchWhere;
    const std::vector<pl::Downsample> ops(std::begin(pl::kAllDownsamples), std::end(pl::kAllDownsamples));
    pl::DownsampleParams p;  // 2x2, stride 2, valid, blur 3
    std::printf("PoolLab shift-lab benchmark, %s; median of several runs\n", where);
    for (int side : {64, 512}) {
        const pl::Grid g = feature_map(side, 7);
        const int runs = side <= 64 ? 31 : 11;
        volatile float sink = 0;
        const double sweep = median_ms(runs, [&] {
            pl::Result<pl::ShiftSweep> sw = pl::shift_sweep(g, ops, p, pl::ShiftFill::Zero, 4);
            sink = sink + sw.value.consistency[0];
        });
        std::printf("  sweep %3dx%-3d  81 shifts x 7 operations: %9.2f ms\n", side, side, sweep);
        if (side == 64) {
            pl::ShiftScene s;
            s.feature = g;
            const double all = median_ms(runs, [&] { pl::shift_refresh(s, true); });
            const double shift_only = median_ms(runs, [&] {
                s.dx = (s.dx + 1) % 3;
                pl::shift_refresh(s, false);
            });
            std::printf("  lab %dx%d, everything (7 operations, sweep, stacking): %7.2f ms\n", side, side, all);
            std::printf("  lab %dx%d, a new shift (7 operations, no sweep):        %7.2f ms\n", side, side, shift_only);
        }
    }
    return 0;
}
