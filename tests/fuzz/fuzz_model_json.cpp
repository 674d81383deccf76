// libFuzzer target: JSON, and layer stacks in PoolLab's model JSON with their summaries.
// A model read writes back to JSON that reads as the same model, and its
// summary never shows a count that wrapped round (a negative one).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_value.h"
#include "core/layers.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const pl::Result<pl::Model> m = pl::parse_model(text);
    if (!m.ok()) return 0;
    const std::string written = pl::model_to_json(m.value);
    const pl::Result<pl::Model> back = pl::parse_model(written);
    require(back.ok() && back.value == m.value, "a model written as JSON reads back to the same model", written.substr(0, 400));
    const pl::Summary s = pl::summarize(m.value);
    require(s.total_params >= 0 && s.total_activations >= 0 && s.total_macs >= 0, "totals are never negative", written.substr(0, 400));
    for (const pl::LayerInfo& l : s.layers) {
        require(l.params >= 0 && l.activations >= 0 && l.macs >= 0 && l.rf_h.size >= 1 && l.rf_w.size >= 1 && l.rf_h.jump >= 1 &&
                    l.rf_w.jump >= 1,
                "a layer's counts and field are never negative", written.substr(0, 400));
    }
    require(s.error.empty() == (s.failed < 0) && s.layers.size() <= m.value.layers.size(), "a failure names its layer", s.error);
    (void)pl::without_pooling(m.value);
    return 0;
}
