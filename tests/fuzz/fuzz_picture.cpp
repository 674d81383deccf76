// libFuzzer target: picture files (PNG, JPEG, BMP, GIF through stb_image).
// A picture read is a finite grayscale map in [0, 1] no larger than the
// working size; a refusal is a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/image.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    constexpr int kSide = 64;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const pl::Result<pl::Picture> p = pl::load_picture(bytes, "fuzz", kSide);
    if (!p.ok()) {
        require(!p.error.empty() && p.error.find("bad ") == std::string::npos, "a refusal is in PoolLab's words", p.error);
        return 0;
    }
    const pl::Grid& g = p.value.gray;
    require(!g.empty() && g.rows <= kSide && g.cols <= kSide, "the working picture is at most the working size");
    for (float v : g.values) require(v >= 0.0f && v <= 1.0f, "gray values are in [0, 1]");
    return 0;
}
