// Encoding maps as pictures (stb_image_write, kept static so the app's own copy
// for screenshots does not clash).
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/image.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wconversion"
#pragma clang diagnostic ignored "-Wshadow"
#pragma clang diagnostic ignored "-Wunused-function"
#elif defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include <stb_image_write.h>
#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace pl {

namespace {

std::vector<unsigned char> bytes_of(const Grid& g) {
    std::vector<unsigned char> px(g.values.size());
    for (size_t i = 0; i < px.size(); ++i) {
        const float v = std::isfinite(g.values[i]) ? std::clamp(g.values[i], 0.0f, 1.0f) : 0.0f;
        px[i] = static_cast<unsigned char>(std::lround(v * 255.0f));
    }
    return px;
}

void append(void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

}  // namespace

std::string encode_gray_png(const Grid& g) {
    std::string out;
    if (g.empty()) return out;
    const std::vector<unsigned char> px = bytes_of(g);
    stbi_write_png_to_func(append, &out, g.cols, g.rows, 1, px.data(), g.cols);
    return out;
}

std::string encode_gray_jpeg(const Grid& g, int quality) {
    std::string out;
    if (g.empty()) return out;
    const std::vector<unsigned char> px = bytes_of(g);
    stbi_write_jpg_to_func(append, &out, g.cols, g.rows, 1, px.data(), std::clamp(quality, 1, 100));
    return out;
}

}  // namespace pl
