#pragma once
// Timing for the benchmarks: the median of several runs, in milliseconds, and
// where the benchmark runs.
#include <algorithm>
#include <chrono>
#include <vector>

template <class F>
double median_ms(int runs, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto a = std::chrono::steady_clock::now();
        f();
        const auto b = std::chrono::steady_clock::now();
        t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

#ifdef __EMSCRIPTEN__
constexpr const char* kBenchWhere = "wasm (Node)";
#else
constexpr const char* kBenchWhere = "native";
#endif
