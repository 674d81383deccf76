// Benchmark for the picture scene: the picture -> conv 3x3 -> ReLU -> 2x2 max
// pool chain on a 512 x 512 picture (issue 5 asks for one frame, 16 ms, in
// WebAssembly), everything the scene recomputes for a new picture, and 2x2
// stride-2 max pooling of a 2048 x 2048 map (the figure bench/pool_vs_tfjs.mjs
// compares with TensorFlow.js). Prints its figures; asserts nothing.
#include <cstdio>
#include <random>

#include "bench_util.h"
#include "core/conv.h"
#include "core/scenes/image/image_scene.h"
#include "core/pool.h"

namespace {

pl::Grid random_map(int side, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    pl::Grid g(side, side);
    for (float& v : g.values) v = u(rng);
    return g;
}

}  // namespace

int main() {
    std::printf("PoolLab picture benchmark, %s; median of several runs\n", kBenchWhere);
    const pl::Grid picture = random_map(512, 3);
    const pl::Grid kernel = pl::image_kernel("sobel-vertical");
    volatile float sink = 0;
    const double conv = median_ms(21, [&] { sink = sink + pl::conv2d(picture, kernel, pl::Padding::Valid).value.values[7]; });
    const double chain = median_ms(21, [&] {
        const pl::Grid f = pl::relu(pl::conv2d(picture, kernel, pl::Padding::Valid).value);
        sink = sink + pl::pool_values(f, pl::PoolParams{}).value.values[3];
    });
    std::printf("  512x512 conv 3x3 (valid):                         %8.2f ms\n", conv);
    std::printf("  512x512 conv 3x3 -> ReLU -> max pool 2x2 (chain): %8.2f ms\n", chain);
    pl::ImageScene s = pl::image_scene_default();
    const double scene = median_ms(11, [&] { pl::image_set_picture(s, picture, "file"); });
    std::printf("  512x512 scene refresh (3 pyramids, chain, digit): %8.2f ms\n", scene);
    pl::image_set_stage_count(s, 2);
    const double two = median_ms(11, [&] { pl::image_set_picture(s, picture, "file"); });
    std::printf("  512x512 scene refresh with two stages:            %8.2f ms\n", two);
    const pl::Grid big = random_map(2048, 5);
    const double pool = median_ms(11, [&] { sink = sink + pl::pool_values(big, pl::PoolParams{}).value.values[9]; });
    std::printf("  2048x2048 max pool 2x2 stride 2:                   %8.2f ms\n", pool);
    return 0;
}
