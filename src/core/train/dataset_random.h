#pragma once
// The datasets' random numbers: SplitMix64, written out so that the same seed
// gives the same split and the same synthetic pictures on every platform
// (std::uniform_int_distribution is not the same everywhere).
#include <cstdint>
#include <utility>
#include <vector>

namespace pl::train {

// A seeded stream of 64-bit numbers (Steele, Lea and Flood 2014).
struct DataRandom {
    std::uint64_t state;

    explicit DataRandom(std::uint64_t seed) : state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // A whole number in [lo, hi]; the bias of the modulo is below 2^-40 for the spans used here.
    int between(int lo, int hi) {
        const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<int>(next() % span);
    }
    // A number in [0, 1) with 53 random bits.
    double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
};

// Fisher-Yates with DataRandom: the same order for the same seed everywhere.
template <class T>
void seeded_shuffle(std::vector<T>& items, DataRandom& rng) {
    for (size_t i = items.size(); i > 1; --i) {
        const size_t j = static_cast<size_t>(rng.next() % i);
        std::swap(items[i - 1], items[j]);
    }
}

}  // namespace pl::train
