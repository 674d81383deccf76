#pragma once
// Private to shift*.cpp: blur pool's filter weights and reflected taps, defined
// once (shift.cpp) so that blur_pool and the fast sweep, which must agree to
// the bit, cannot drift apart.
#include <vector>

namespace pl {

// The binomial filter of a size (2..5) divided by its sum, in double as blur
// pool weights its taps.
std::vector<double> blur_weights(int size);

// For each of `outputs` outputs at `stride` over a max map `n` long, the index
// into that map of each of its `size` taps: padding (size - 1) / 2 before and
// the rest after, reflected (the edge is not repeated), as antialiased-cnns
// does. [output][tap].
std::vector<int> blur_taps(int outputs, int stride, int n, int size);

}  // namespace pl
