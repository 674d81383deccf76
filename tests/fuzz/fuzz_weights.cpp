// libFuzzer target: weights files. Anything read writes back to the same bytes,
// and its network runs a forward pass on a blank picture to finite probabilities.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/train/weights.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const pl::Result<pl::train::SavedNetwork> r = pl::train::parse_weights(bytes);
    if (!r.ok()) return 0;
    require(pl::train::weights_bytes(r.value.net, r.value.data) == bytes, "a weights file read writes back byte for byte");
    const pl::train::Network& net = r.value.net;
    if (net.input.size() > 4096 || net.params.size() > 100000) return 0;  // big ones are slow, not wrong
    pl::train::Workspace ws = pl::train::make_workspace(net, 1);
    std::vector<float> blank(static_cast<size_t>(net.input.size()), 0.0f);
    pl::train::forward(net, ws, blank.data(), 1);
    for (float p : ws.probs) require(std::isfinite(p), "probabilities are finite");
    return 0;
}
