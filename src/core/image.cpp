#include "core/image.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/csv.h"

// stb_image with only the formats PoolLab reads, its own dimension limit, and
// no file I/O (bytes come from the page or the app).
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_ONLY_GIF
#define STBI_NO_STDIO
#define STBI_MAX_DIMENSIONS 8192
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
#include <stb_image.h>
// Encoding maps as pictures; static, so the app's own copy for screenshots does not clash.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>
#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace pl {

static_assert(kMaxImageSide == 8192, "keep STBI_MAX_DIMENSIONS in step");

namespace {

// Where a JPEG's segments start, just after its start-of-image marker FF D8,
// as stb_image finds it (fill bytes FF may come first); 0 if it is no JPEG.
size_t jpeg_start(std::string_view b) {
    size_t i = 0;
    while (i < b.size() && b[i] == '\xFF') ++i;
    return i > 0 && i < b.size() && b[i] == '\xD8' ? i + 1 : 0;
}

// The format a file's first bytes announce ("PNG", "JPEG", "GIF", "BMP"), or nullptr.
const char* format_of(std::string_view b) {
    if (b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "PNG";
    if (jpeg_start(b) != 0) return "JPEG";
    if (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a") return "GIF";
    if (b.substr(0, 2) == "BM") return "BMP";
    return nullptr;
}

// A JPEG's marker segments in order, as stb_image meets them: each segment's
// marker and body (after its length), skipped by their lengths; bytes that are
// no marker between segments, skipped one by one (as stb_image does, for files
// with padding); after a scan's header, the entropy-coded data up to the next
// marker. visit(marker, start, length) is given where each segment's body
// starts in `b` and its length, and returns false to stop. False when a length
// cannot be right.
template <class Visit>
bool walk_jpeg(std::string_view b, Visit visit) {
    auto u8 = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
    size_t i = jpeg_start(b);
    while (i > 0 && i + 1 < b.size()) {
        if (u8(i) != 0xFF) {
            ++i;
            continue;
        }
        const unsigned marker = u8(i + 1);
        i += 2;
        if (marker == 0xFF) {  // fill bytes before a marker
            --i;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // markers without a length
        if (marker == 0xD9 || i + 2 > b.size()) return true;                 // the end of the image
        const size_t length = u8(i) << 8 | u8(i + 1);
        if (length < 2) return false;
        if (!visit(marker, i + 2, length - 2)) return true;
        i += length;
        if (marker == 0xDA) {  // a scan: its data runs to the next marker (FF then neither 00, a restart nor FF)
            while (i + 1 < b.size() && !(u8(i) == 0xFF && u8(i + 1) != 0x00 && u8(i + 1) != 0xFF && (u8(i + 1) < 0xD0 || u8(i + 1) > 0xD7))) ++i;
        }
    }
    return true;
}

// A JPEG's size, from its first start-of-frame segment (an EXIF thumbnail's
// frame, inside an earlier segment, is not taken).
bool jpeg_size(std::string_view b, long long* w, long long* h) {
    bool found = false;
    walk_jpeg(b, [&](unsigned marker, size_t start, size_t length) {
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (!frame) return marker != 0xDA;  // no frame before the first scan: no size
        const std::string_view body = b.substr(std::min(start, b.size()), length);
        if (body.size() >= 5) {
            *h = static_cast<unsigned char>(body[1]) << 8 | static_cast<unsigned char>(body[2]);
            *w = static_cast<unsigned char>(body[3]) << 8 | static_cast<unsigned char>(body[4]);
            found = true;
        }
        return false;
    });
    return found;
}

// False when a Huffman table of the JPEG has more than 256 codes. Debian's
// stb_image (2022-09) does not check, and writes past its table's end
// (found by tests/fuzz/fuzz_picture.cpp), so such a file never reaches it.
bool jpeg_tables_fit(std::string_view b) {
    bool fit = true;
    walk_jpeg(b, [&](unsigned marker, size_t start, size_t length) {
        if (marker != 0xC4) return true;
        // As the decoder reads a DHT segment: while the segment has bytes left, a
        // class/id byte, 16 code counts and the codes. The counts are read where
        // they are, even past the segment's end (and as 0 past the file's).
        for (size_t at = 0; at < length && fit;) {
            size_t codes = 0;
            for (size_t k = 1; k <= 16; ++k) codes += start + at + k < b.size() ? static_cast<unsigned char>(b[start + at + k]) : 0;
            fit = codes <= 256;
            at += 17 + codes;
        }
        return fit;
    });
    return fit;
}

// False when a PNG chunk before IEND claims more bytes than the file has left.
// stb_image grows its buffer to a chunk's claimed length before it reads it,
// so a 100-byte file claiming 2 GB of image data would have that allocated
// (found by tests/fuzz/fuzz_picture.cpp); such a file is truncated anyway.
bool png_chunks_fit(std::string_view b) {
    auto u8 = [&](size_t i) { return static_cast<unsigned long long>(static_cast<unsigned char>(b[i])); };
    for (size_t i = 8; i + 8 <= b.size();) {
        const unsigned long long length = u8(i) << 24 | u8(i + 1) << 16 | u8(i + 2) << 8 | u8(i + 3);
        if (length + 12 > b.size() - i) return false;  // length, type, data and CRC
        if (b.substr(i + 4, 4) == "IEND") return true;
        i += static_cast<size_t>(length) + 12;
    }
    return true;
}

// The size a PNG, GIF, BMP or JPEG header claims, read before stb_image sees
// the file: refusing one format, it goes on to try the others and reports
// "unknown image type" for a file that is merely too large.
bool header_size(std::string_view b, long long* w, long long* h) {
    auto u8 = [&](size_t i) { return static_cast<unsigned long long>(static_cast<unsigned char>(b[i])); };
    const char* format = format_of(b);
    if (!format) return false;
    const std::string_view f = format;
    if (f == "PNG" && b.size() >= 24) {
        *w = static_cast<long long>(u8(16) << 24 | u8(17) << 16 | u8(18) << 8 | u8(19));
        *h = static_cast<long long>(u8(20) << 24 | u8(21) << 16 | u8(22) << 8 | u8(23));
        return true;
    }
    if (f == "GIF" && b.size() >= 10) {
        *w = static_cast<long long>(u8(6) | u8(7) << 8);
        *h = static_cast<long long>(u8(8) | u8(9) << 8);
        return true;
    }
    if (f == "BMP" && b.size() >= 22 && (u8(14) | u8(15) << 8 | u8(16) << 16 | u8(17) << 24) == 12) {
        // The OS/2 header of 12 bytes has 16-bit sides.
        *w = static_cast<long long>(u8(18) | u8(19) << 8);
        *h = static_cast<long long>(u8(20) | u8(21) << 8);
        return true;
    }
    if (f == "BMP" && b.size() >= 26) {
        *w = static_cast<int32_t>(u8(18) | u8(19) << 8 | u8(20) << 16 | u8(21) << 24);
        *h = std::llabs(static_cast<int32_t>(u8(22) | u8(23) << 8 | u8(24) << 16 | u8(25) << 24));  // negative: top-down
        return true;
    }
    return f == "JPEG" && jpeg_size(b, w, h);
}

// Why `who` could not be read: stb_image's own reasons ("bad png sig",
// "outofdata") mean nothing to a student, so say what the first bytes promise.
std::string unreadable(const std::string& who, std::string_view bytes) {
    if (const char* format = format_of(bytes)) {
        return who + " starts as a " + format + ", but PoolLab cannot read it: it may be truncated or damaged, or a kind of " + format +
               " PoolLab does not read";
    }
    return who + " is not a picture PoolLab can read (PNG, JPEG, BMP or GIF), or a truncated one";
}

}  // namespace

Result<Picture> load_picture(std::string_view bytes, const std::string& name, int working_side) {
    using R = Result<Picture>;
    const std::string who = name.empty() ? "the file" : "'" + name + "'";
    if (bytes.empty()) return R::failure(who + " is empty");
    if (bytes.size() > 256u * 1024 * 1024) return R::failure(who + " is larger than 256 MB");
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int w = 0, h = 0, channels = 0;
    // Read the header first: a huge or zero size is refused before anything is allocated.
    const std::string too_big = " pixels; PoolLab takes at most " + count_text(kMaxImageSide) + " per side and " +
                                count_text(kMaxImagePixels / 1000000) + " million pixels";
    long long hw = 0, hh = 0;
    if (header_size(bytes, &hw, &hh)) {
        if (hw > kMaxImageSide || hh > kMaxImageSide || hw * hh > kMaxImagePixels) {
            return R::failure(who + " is " + size_text(hw, hh) + too_big);
        }
        if (hw == 0 || hh == 0) return R::failure(who + " has no pixels (" + size_text(hw, hh) + ")");
    }
    // What stb_image would mishandle (see each check) never reaches it.
    const bool png = bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8);
    if ((jpeg_start(bytes) != 0 && !jpeg_tables_fit(bytes)) || (png && !png_chunks_fit(bytes))) return R::failure(unreadable(who, bytes));
    if (!stbi_info_from_memory(data, len, &w, &h, &channels)) {
        if (std::string(stbi_failure_reason()) == "too large") {
            return R::failure(who + " is larger than " + size_text(kMaxImageSide, kMaxImageSide) + too_big);
        }
        return R::failure(unreadable(who, bytes));
    }
    if (w <= 0 || h <= 0) return R::failure(who + " has no pixels (" + size_text(w, h) + ")");
    if (w > kMaxImageSide || h > kMaxImageSide || static_cast<long long>(w) * h > kMaxImagePixels) {
        return R::failure(who + " is " + size_text(w, h) + too_big);
    }
    stbi_uc* pixels = stbi_load_from_memory(data, len, &w, &h, &channels, 3);
    if (!pixels) return R::failure(unreadable(who, bytes));
    Picture p;
    p.original_rows = h;
    p.original_cols = w;
    Grid gray(h, w);
    for (size_t i = 0; i < gray.values.size(); ++i) {
        const stbi_uc* px = pixels + i * 3;
        gray.values[i] = (0.299f * px[0] + 0.587f * px[1] + 0.114f * px[2]) / 255.0f;
    }
    stbi_image_free(pixels);
    if (std::max(h, w) > working_side) {
        p.gray = scale_down(gray, working_side);
        p.scaled = true;
        p.notice = "scaled from " + size_text(w, h) + " to " + size_text(p.gray.cols, p.gray.rows) + " pixels (the longest side is at most " + count_text(working_side) + ")";
    } else {
        p.gray = std::move(gray);
    }
    return R::success(std::move(p));
}

Grid scale_down(const Grid& g, int side) {
    if (g.empty() || side < 1 || std::max(g.rows, g.cols) <= side) return g;
    const double f = static_cast<double>(side) / std::max(g.rows, g.cols);
    const int rows = std::max(1, static_cast<int>(std::lround(g.rows * f))), cols = std::max(1, static_cast<int>(std::lround(g.cols * f)));
    Grid out(rows, cols);
    const double sy = static_cast<double>(g.rows) / rows, sx = static_cast<double>(g.cols) / cols;
    for (int r = 0; r < rows; ++r) {
        const double y0 = r * sy, y1 = y0 + sy;
        for (int c = 0; c < cols; ++c) {
            const double x0 = c * sx, x1 = x0 + sx;
            // The average of the input over [y0, y1) x [x0, x1), partial pixels weighted by their share.
            double sum = 0, area = 0;
            for (int y = static_cast<int>(y0); y < std::min(g.rows, static_cast<int>(std::ceil(y1))); ++y) {
                const double wy = std::min<double>(y + 1, y1) - std::max<double>(y, y0);
                for (int x = static_cast<int>(x0); x < std::min(g.cols, static_cast<int>(std::ceil(x1))); ++x) {
                    const double wx = std::min<double>(x + 1, x1) - std::max<double>(x, x0);
                    sum += wy * wx * g.at(y, x);
                    area += wy * wx;
                }
            }
            out.at(r, c) = static_cast<float>(area > 0 ? sum / area : 0.0);
        }
    }
    return out;
}

namespace {

// 8-bit gray pixels of a map of values in [0, 1].
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
