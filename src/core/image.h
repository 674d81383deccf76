#pragma once
// Pictures in: PNG, JPEG, BMP and GIF (first frame) decoded by stb_image with
// its dimension limit set, turned into a grayscale map of values in [0, 1],
// and scaled down to a working size. Bad files are data: every failure is a
// message a student can read, and nothing is allocated for absurd sizes.
#include <string>
#include <string_view>

#include "core/grid.h"
#include "core/result.h"

namespace pl {

// The largest side stb_image will decode, and the most pixels we accept.
constexpr int kMaxImageSide = 8192;
constexpr long long kMaxImagePixels = 40LL * 1000 * 1000;
// The side pictures are scaled down to for the scenes (longest side).
constexpr int kWorkingImageSide = 512;

struct Picture {
    Grid gray;                 // luma in [0, 1] (Rec. 601 weights)
    int original_rows = 0, original_cols = 0;
    bool scaled = false;       // true when it was larger than the working size
    std::string notice;        // e.g. "scaled from 3000 x 2000 to 512 x 341"
};

// Decodes an image file's bytes; `name` is only for messages.
Result<Picture> load_picture(std::string_view bytes, const std::string& name, int working_side = kWorkingImageSide);

// Scales a map down so its longest side is at most `side`, averaging the
// input area under each output cell (no aliasing from skipped pixels).
Grid scale_down(const Grid& g, int side);

}  // namespace pl

namespace pl {

// A map of values in [0, 1] as an 8-bit grayscale PNG or JPEG (quality 1..100),
// encoded in memory; values outside [0, 1] are clamped. Empty for an empty map.
std::string encode_gray_png(const Grid& g);
std::string encode_gray_jpeg(const Grid& g, int quality = 90);

}  // namespace pl
