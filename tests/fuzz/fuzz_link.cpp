// libFuzzer target: links (URL fragments), and the grids and models inside them.
// Every link is read without a crash, and whatever it leaves is a state whose
// own link reads back to the same state: writing the state and reading it
// again gives the same fragment and no notices.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/link.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const pl::SceneSet defaults = pl::scene_set_default();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> notices;
    const pl::SceneSet first = pl::read_link(text, defaults, &notices);
    const std::string fragment = pl::link_fragment(first);
    std::vector<std::string> again;
    const pl::SceneSet second = pl::read_link(fragment, defaults, &again);
    require(again.empty(), "a written link reads back without notices", fragment + "\n" + (again.empty() ? "" : again[0]));
    require(pl::link_fragment(second) == fragment, "a written link reads back to the same link", fragment + "\n" + pl::link_fragment(second));

    if (pl::Result<pl::Model> m = pl::model_from_link(text); m.ok()) {
        const std::string written = pl::model_to_link(m.value);
        const pl::Result<pl::Model> back = pl::model_from_link(written);
        require(back.ok() && back.value == m.value, "a model link reads back to the same model", written);
    }
    if (pl::Result<pl::Grid> g = pl::grid_from_link(text, 64); g.ok()) {
        const std::string written = pl::grid_to_link(g.value);
        const pl::Result<pl::Grid> back = pl::grid_from_link(written, 64);
        require(back.ok() && back.value == g.value, "a grid link reads back to the same grid", written);
    }
    return 0;
}
