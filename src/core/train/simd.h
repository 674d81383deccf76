#pragma once
// How the training loops ask for vector instructions. On x86-64 with GCC, a
// hot function is compiled twice, for the baseline (SSE2) and for AVX2 + FMA
// (x86-64-v3), and the loader picks the one the processor runs; elsewhere
// (WebAssembly with SIMD128, other compilers) it is compiled once.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__EMSCRIPTEN__)
#define PL_HOT __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define PL_HOT
#endif

// Inlined into the hot function that calls it, so it is compiled for that function's instructions.
#if defined(__GNUC__)
#define PL_ALWAYS_INLINE __attribute__((always_inline))
#else
#define PL_ALWAYS_INLINE
#endif

#include <cstring>

namespace pl::train {

// Eight floats as one value (GCC's and Clang's vector extensions): one AVX
// register, two SSE or WebAssembly SIMD128 registers. Arithmetic with a float
// applies it to all eight.
typedef float F8 __attribute__((vector_size(32)));
typedef int I8 __attribute__((vector_size(32)));

inline PL_ALWAYS_INLINE F8 load8(const float* p) {
    F8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline PL_ALWAYS_INLINE void store8(float* p, F8 v) { std::memcpy(p, &v, sizeof v); }
inline PL_ALWAYS_INLINE I8 load8i(const int* p) {
    I8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline PL_ALWAYS_INLINE void store8i(int* p, I8 v) { std::memcpy(p, &v, sizeof v); }

}  // namespace pl::train
