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
    // 2 x 1: pure red, pure white.
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
    EXPECT_EQ(p.value.notice, "scaled from 600 x 300 to 512 x 256 pixels (the longest side is at most 512)");
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
    // A PNG header claiming 100000 x 100000 pixels: refused from the header, nothing allocated.
    std::string huge = good;
    const unsigned char side[4] = {0x00, 0x01, 0x86, 0xA0};  // 100000
    huge.replace(16, 4, reinterpret_cast<const char*>(side), 4);
    huge.replace(20, 4, reinterpret_cast<const char*>(side), 4);
    EXPECT_EQ(load_picture(huge, "huge.png").error,
              "'huge.png' is 100000 x 100000 pixels; PoolLab takes at most 8192 per side and 40 million pixels");
}
