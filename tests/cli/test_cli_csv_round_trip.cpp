// Every CSV the CLI writes is one PoolLab reads back: the same grid through
// parse_csv, and the same text through the CLI's own reading (a 1×1 pool).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "cli_run.h"
#include "core/csv.h"
#include "core/image.h"

namespace {

// A grid of values of every size, tiny and huge among them, as CSV.
std::string varied_csv(int rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    const float kinds[] = {0.0f, 1e-7f, -2.5f, 3.0e38f, -3.0e38f, 0.1f, 123456.0f, -1e-30f};
    pl::Grid g(rows, cols);
    for (float& v : g.values) v = kinds[rng() % 8] * (1.0f + static_cast<float>(rng() % 100) / 1000.0f);
    return pl::to_csv(g);
}

// A picture file of `cols` by `rows` pixels, written once into the test's folder.
std::string picture_file(int cols, int rows) {
    const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "poollab-round-trip";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / ("p" + std::to_string(cols) + "x" + std::to_string(rows) + ".png")).string();
    if (!std::filesystem::exists(path)) {
        pl::Grid g(rows, cols);
        for (size_t i = 0; i < g.values.size(); ++i) g.values[i] = static_cast<float>(i % 251) / 250.0f;
        std::ofstream(path, std::ios::binary) << pl::encode_gray_png(g);
    }
    return path;
}

// The CSV a run wrote reads back as a grid, and the CLI reading it writes the same text.
void expect_read_back(const std::vector<std::string>& args, const std::string& stdin_text) {
    std::string call = "poollab";
    for (const std::string& a : args) call += " " + a;
    const CliRun r = run_poollab(args, stdin_text);
    ASSERT_EQ(r.code, 0) << call << ": " << r.err;
    const pl::Result<pl::Grid> g = pl::parse_csv(r.out);
    ASSERT_TRUE(g.ok()) << call << " wrote a CSV PoolLab refuses: " << g.error;
    EXPECT_EQ(pl::to_csv(g.value), r.out) << call;
    const CliRun again = run_poollab({"pool", "--size", "1"}, r.out);
    EXPECT_EQ(again.code, 0) << call << ": " << again.err;
    EXPECT_EQ(again.out, r.out) << call;
}

TEST(CliCsvRoundTrip, PoolWritesWhatItReads) {
    const std::string input = varied_csv(7, 9, 1);
    for (const char* op : {"max", "average", "min"}) {
        for (const char* size : {"1", "2", "3", "2x3"}) {
            for (const char* padding : {"valid", "same"}) {
                expect_read_back({"pool", "--op", op, "--size", size, "--padding", padding}, input);
                expect_read_back({"pool", "--op", op, "--size", size, "--stride", "1", "--padding", padding}, input);
            }
        }
    }
}

TEST(CliCsvRoundTrip, ConvWritesWhatItReads) {
    const std::string input = varied_csv(9, 8, 2);
    const std::string small = "0.5,0.25,1,2,-1,0\n0,1e-7,3,1,1,1\n-2,4,0.125,0,5,9\n6,7,8,2.5e30,1,0\n";
    for (const char* kernel : {"identity", "sobel-vertical", "blur-3", "blur-5", "sharpen", "diagonal-edge"}) {
        for (const char* padding : {"valid", "same"}) {
            // The huge values may leave a float when convolved (refused, tested elsewhere); the small ones never do.
            const CliRun r = run_poollab({"conv", "--kernel", kernel, "--padding", padding}, input);
            if (r.code == 0) expect_read_back({"conv", "--kernel", kernel, "--padding", padding}, input);
            expect_read_back({"conv", "--kernel", kernel, "--padding", padding, "--relu"}, small + small);
            expect_read_back({"conv", "--kernel", kernel, "--padding", "same", "--pool", "average"}, small + small);
        }
    }
}

TEST(CliCsvRoundTrip, PictureWritesOnlyAGridPoolLabReadsBack) {
    const std::string wide = picture_file(600, 300), tall = picture_file(20, 900);
    for (const std::string& file : {wide, tall}) {
        for (const char* side : {"8", "31", "64", "512", "4096", "8192"}) expect_read_back({"picture", "--side", side, "--csv", file}, "");
    }
    // A working picture past the grid limit (16,777,216 cells) is refused with the fix, not written.
    const std::string huge = picture_file(4100, 4100);
    const CliRun r = run_poollab({"picture", "--side", "5000", "--csv", huge});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("the grid is too large (4100\u00D74100)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("use --side 4096 or less"), std::string::npos) << r.err;
}

}  // namespace
