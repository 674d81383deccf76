#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/image.h"
#include "test_util.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>

using namespace pl;

// A PNG of the given RGB pixels, made in memory (declared in test_util.h).
std::string png(int w, int h, const std::vector<unsigned char>& rgb) {
    std::string out;
    auto append = [](void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size)); };
    stbi_write_png_to_func(append, &out, w, h, 3, rgb.data(), w * 3);
    return out;
}

TEST(Image, DecodesAPngToGrayscale) {
    // 2×1: pure red, pure white.
    Result<Picture> p = load_picture(png(2, 1, {255, 0, 0, 255, 255, 255}), "tiny.png");
    ASSERT_TRUE(p.ok()) << p.error;
    EXPECT_EQ(p.value.gray.rows, 1);
    EXPECT_EQ(p.value.gray.cols, 2);
    EXPECT_NEAR(p.value.gray.at(0, 0), 0.299f, 1e-6f);
    EXPECT_NEAR(p.value.gray.at(0, 1), 1.0f, 1e-6f);
    EXPECT_FALSE(p.value.scaled);
}

TEST(Image, LargePicturesAreScaledToTheWorkingSizeWithANotice) {
    std::vector<unsigned char> rgb(600 * 300 * 3, 128);
    Result<Picture> p = load_picture(png(600, 300, rgb), "wide.png");
    ASSERT_TRUE(p.ok()) << p.error;
    EXPECT_EQ(p.value.gray.cols, 512);
    EXPECT_EQ(p.value.gray.rows, 256);
    EXPECT_TRUE(p.value.scaled);
    EXPECT_EQ(p.value.original_cols, 600);
    EXPECT_EQ(p.value.notice, "scaled from 600×300 to 512×256 pixels (the longest side is at most 512)");
    for (float v : p.value.gray.values) EXPECT_NEAR(v, 128.0f / 255.0f, 1e-5f);
}

TEST(Image, ScaleDownAveragesAreas) {
    Grid g = Grid::from_rows({{0, 2, 4, 4}, {2, 0, 4, 4}, {1, 1, 0, 0}, {1, 1, 0, 8}});
    EXPECT_EQ(scale_down(g, 2), Grid::from_rows({{1, 4}, {1, 2}}));
    EXPECT_EQ(scale_down(g, 8), g);  // never scaled up
}

TEST(Image, BadFilesGiveMessagesNotCrashes) {
    EXPECT_EQ(load_picture("", "none.png").error, "'none.png' is empty");
    EXPECT_NE(load_picture("this is not a picture", "notes.txt").error.find("'notes.txt' is not a picture PoolLab can read"), std::string::npos);
    const std::string good = png(16, 16, std::vector<unsigned char>(16 * 16 * 3, 7));
    Result<Picture> truncated = load_picture(good.substr(0, 60), "cut.png");
    EXPECT_FALSE(truncated.ok());
    EXPECT_NE(truncated.error.find("'cut.png'"), std::string::npos) << truncated.error;
    // A PNG header claiming 100,000×100,000 pixels: refused from the header, nothing allocated.
    std::string huge = good;
    const unsigned char side[4] = {0x00, 0x01, 0x86, 0xA0};  // 100000
    huge.replace(16, 4, reinterpret_cast<const char*>(side), 4);
    huge.replace(20, 4, reinterpret_cast<const char*>(side), 4);
    EXPECT_EQ(load_picture(huge, "huge.png").error,
              "'huge.png' is 100,000×100,000 pixels; PoolLab takes at most 8192 per side and 40 million pixels");
}

namespace {

std::string bmp(int w, int h) {
    std::string out;
    auto append = [](void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size)); };
    const std::vector<unsigned char> rgb(static_cast<size_t>(w) * h * 3, 90);
    stbi_write_bmp_to_func(append, &out, w, h, 3, rgb.data());
    return out;
}

// A GIF of w x h pixels whose one frame is a single LZW code of colour 0 (the rest stays the background).
std::string gif(int w, int h) {
    auto le16 = [](int v) { return std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8 & 0xFF)}; };
    return "GIF89a" + le16(w) + le16(h) + std::string("\x80\x00\x00\x00\x00\x00\xFF\xFF\xFF", 9) + "\x2C" + le16(0) + le16(0) + le16(w) +
           le16(h) + std::string("\x00\x02\x02\x4C\x01\x00\x3B", 7);
}

std::string gray_jpeg(int w, int h) { return encode_gray_jpeg(Grid(h, w, 0.5f)); }

// `file` with its size in the header replaced by w x h (big-endian at `at`, height first for a JPEG's frame).
std::string with_jpeg_size(std::string file, int w, int h) {
    const size_t sof = file.find("\xFF\xC0");
    file[sof + 5] = static_cast<char>(h >> 8);
    file[sof + 6] = static_cast<char>(h & 0xFF);
    file[sof + 7] = static_cast<char>(w >> 8);
    file[sof + 8] = static_cast<char>(w & 0xFF);
    return file;
}

}  // namespace

TEST(Image, EveryFormatDecodes) {
    for (const auto& [name, file] : {std::pair{"png", png(5, 3, std::vector<unsigned char>(45, 200))}, {"jpeg", gray_jpeg(5, 3)},
                                     {"bmp", bmp(5, 3)}, {"gif", gif(5, 3)}}) {
        Result<Picture> p = load_picture(file, name);
        ASSERT_TRUE(p.ok()) << name << ": " << p.error;
        EXPECT_EQ(p.value.original_cols, 5) << name;
        EXPECT_EQ(p.value.original_rows, 3) << name;
    }
}

TEST(Image, ASizePastTheLimitIsRefusedWithTheRealSizeInEveryFormat) {
    auto gif_sized = [](int w, int h) { return gif(w, h); };
    auto jpeg_sized = [](int w, int h) { return with_jpeg_size(gray_jpeg(8, 8), w, h); };
    auto png_sized = [](int w, int h) {
        std::string file = png(8, 8, std::vector<unsigned char>(8 * 8 * 3, 1));
        for (int i = 0; i < 4; ++i) {
            file[static_cast<size_t>(16 + i)] = static_cast<char>(w >> (24 - 8 * i) & 0xFF);
            file[static_cast<size_t>(20 + i)] = static_cast<char>(h >> (24 - 8 * i) & 0xFF);
        }
        return file;
    };
    auto bmp_sized = [](int w, int h) {
        std::string file = bmp(8, 8);
        for (int i = 0; i < 4; ++i) {
            file[static_cast<size_t>(18 + i)] = static_cast<char>(w >> (8 * i) & 0xFF);
            file[static_cast<size_t>(22 + i)] = static_cast<char>(h >> (8 * i) & 0xFF);
        }
        return file;
    };
    auto os2_bmp_sized = [](int w, int h) {  // the 12-byte OS/2 header, 16-bit sides
        std::string file = "BM" + std::string(12, '\0') + std::string("\x0C\0\0\0", 4);
        file += {static_cast<char>(w & 0xFF), static_cast<char>(w >> 8), static_cast<char>(h & 0xFF), static_cast<char>(h >> 8), 1, 0, 24, 0};
        return file + std::string(64, '\0');
    };
    const std::vector<std::pair<const char*, std::string (*)(int, int)>> formats = {
        {"png", png_sized}, {"jpeg", jpeg_sized}, {"gif", gif_sized}, {"bmp", bmp_sized}, {"os2.bmp", os2_bmp_sized}};
    for (const auto& [name, make] : formats) {
        for (auto [w, h] : {std::pair{9000, 3000}, {3000, 9000}, {8193, 1}, {7000, 7000}, {65535, 65535}}) {
            auto side = [](int n) { return n == 65535 ? std::string("65,535") : std::to_string(n); };  // separators from 10,000
            EXPECT_EQ(load_picture(make(w, h), "p").error, "'p' is " + side(w) + "×" + side(h) +
                                                               " pixels; PoolLab takes at most 8192 per side and 40 million pixels")
                << name << " " << w << " x " << h;
        }
        EXPECT_EQ(load_picture(make(0, 5), "p").error, "'p' has no pixels (0×5)") << name;
    }
}

TEST(Image, ADamagedFileIsDescribedInWordsAStudentCanRead) {
    // Every prefix of a picture in each format, and junk: decoded, or refused in
    // PoolLab's words (never stb_image's "bad png sig" or "outofdata").
    const std::string readable_start = " but PoolLab cannot read it: it may be truncated or damaged";
    const std::string unknown = " is not a picture PoolLab can read (PNG, JPEG, BMP or GIF), or a truncated one";
    for (const auto& [format, file] : {std::pair{"PNG", png(6, 4, std::vector<unsigned char>(72, 30))}, {"JPEG", gray_jpeg(6, 4)},
                                       {"BMP", bmp(6, 4)}, {"GIF", gif(6, 4)}}) {
        for (size_t n = 1; n < file.size(); ++n) {
            Result<Picture> p = load_picture(file.substr(0, n), "cut");
            if (p.ok()) continue;  // stb_image fills in what a GIF or BMP leaves out
            const bool known = p.error == "'cut' starts as a " + std::string(format) + "," + readable_start + ", or a kind of " + format +
                                              " PoolLab does not read";
            EXPECT_TRUE(known || p.error == "'cut'" + unknown || p.error.find("has no pixels") != std::string::npos)
                << format << " cut at " << n << ": " << p.error;
        }
    }
    EXPECT_EQ(load_picture(gray_jpeg(64, 64).substr(0, 200), "photo.jpg").error,
              "'photo.jpg' starts as a JPEG, but PoolLab cannot read it: it may be truncated or damaged, or a kind of JPEG PoolLab does not read");
    for (const char* junk : {"hello", "\x89PNX", "BX", "GIF88a", "\xFF\xD9", "\xD8\xFF", "{\"input\": 1}"}) {
        EXPECT_EQ(load_picture(junk, "j").error, "'j'" + unknown) << junk;
    }
}

TEST(Image, AJpegHuffmanTablePast256CodesNeverReachesTheDecoder) {
    // Debian's stb_image writes past its table for these (found by the picture fuzz target).
    std::string file = gray_jpeg(16, 16);
    const size_t dht = file.find("\xFF\xC4");
    ASSERT_NE(dht, std::string::npos);
    for (size_t k = 0; k < 16; ++k) file[dht + 5 + k] = static_cast<char>(k < 2 ? 0xFF : 0);  // 510 codes in the first table
    EXPECT_EQ(load_picture(file, "t.jpg").error,
              "'t.jpg' starts as a JPEG, but PoolLab cannot read it: it may be truncated or damaged, or a kind of JPEG PoolLab does not read");
    // What the fuzz target found: such a table plain, after padding between segments, after fill bytes
    // before FF D8, and with its counts read past its segment's end.
    for (const char* name : {"past-256-codes", "after-padding", "after-fill-bytes", "read-past-its-segment"}) {
        const std::string found = read_data_file(std::string("../../tests/fuzz/corpus/picture/jpeg-huffman-table-") + name + ".jpg");
        ASSERT_FALSE(found.empty()) << name;
        EXPECT_NE(load_picture(found, "fuzz").error.find("starts as a JPEG"), std::string::npos) << name;
    }
}

TEST(Image, APngChunkClaimingMoreThanTheFileIsRefusedBeforeAnythingIsAllocated) {
    // stb_image grows its buffer to an IDAT chunk's claimed length before reading it (found by the picture fuzz target).
    std::string file = png(4, 4, std::vector<unsigned char>(48, 9));
    const size_t idat = file.find("IDAT") - 4;
    file.replace(idat, 4, std::string("\x7F\xFF\xFF\xF0", 4));
    EXPECT_EQ(load_picture(file, "p.png").error,
              "'p.png' starts as a PNG, but PoolLab cannot read it: it may be truncated or damaged, or a kind of PNG PoolLab does not read");
    const std::string found = read_data_file("../../tests/fuzz/corpus/picture/png-chunk-claiming-2-gb.png");
    ASSERT_FALSE(found.empty());
    EXPECT_NE(load_picture(found, "fuzz").error.find("starts as a PNG"), std::string::npos);
    // Data after IEND is no part of the picture.
    EXPECT_TRUE(load_picture(png(4, 4, std::vector<unsigned char>(48, 9)) + "trailing bytes", "t.png").ok());
}
