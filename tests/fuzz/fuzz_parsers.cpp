// libFuzzer target for everything that reads what a user or a link supplies:
// URL fragments, grids and models in links, JSON, models in JSON, CSV, and
// picture files.
// Built with clang's -fsanitize=fuzzer,address,undefined by run_fuzz.sh; the
// test suite runs it for a bounded time. A crash, a sanitizer report or an
// assertion is a failure; error messages are the expected outcome.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/csv.h"
#include "core/image.h"
#include "core/json_value.h"
#include "core/layers.h"
#include "core/link.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const pl::SceneSet defaults = pl::scene_set_default();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> notices;
    pl::SceneSet s = pl::read_link(text, defaults, &notices);
    (void)pl::link_fragment(s);  // whatever was read must write back
    (void)pl::model_from_link(text);
    (void)pl::grid_from_link(text, 64);
    pl::Result<pl::Model> m = pl::parse_model(text);
    if (m.ok()) (void)pl::summarize(m.value);
    (void)pl::parse_csv(text);
    (void)pl::load_picture(text, "fuzz", 64);  // PNG, JPEG, BMP, GIF through stb_image
    return 0;
}
