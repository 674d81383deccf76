// Hostile input for every poollab command, one table a command: each row an
// input, the exit status it must give (0 ok, 1 bad data, 2 bad usage) and words
// of the message. A row stands for its class: bytes a file should not hold,
// numbers past what a float or 64 bits hold, option values no input could
// make right, and two of something where one would silently win.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_run.h"
#include "core/grid.h"
#include "core/image.h"

namespace {

using namespace std::string_literals;

struct Hostile {
    std::vector<std::string> args;
    std::string stdin_text;
    int code;
    std::vector<std::string> words;        // each in the message (standard error), or in the output for code 0
    std::vector<std::string> never = {};   // in neither
};

void check(const std::vector<Hostile>& rows) {
    for (const Hostile& h : rows) {
        std::string call = "poollab";
        for (const std::string& a : h.args) call += " " + a;
        const CliRun r = run_poollab(h.args, h.stdin_text);
        EXPECT_EQ(r.code, h.code) << call << "\n" << r.err;
        const std::string& said = h.code == 0 ? r.out : r.err;
        for (const std::string& w : h.words) EXPECT_NE(said.find(w), std::string::npos) << call << ": no '" << w << "' in\n" << said;
        for (const std::string& w : h.never) EXPECT_EQ((r.out + r.err).find(w), std::string::npos) << call << ": '" << w << "' in\n" << r.out << r.err;
        if (h.code != 0) EXPECT_NE(r.err.rfind("poollab: ", 0), std::string::npos) << call << ": a refusal starts 'poollab: '";
    }
}

// Files for the rows, in a folder of their own.
std::string file(const std::string& name, const std::string& bytes) {
    const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "poollab-hostile";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}
std::string folder() { return std::filesystem::path(testing::TempDir()).string(); }

const std::string kCourse = "1,3,4,8\n2,9,1,2\n6,1,3,5\n0,4,2,1\n";
const std::string kBom = "\xEF\xBB\xBF";
const std::string kHuge = "-3e38,-3e38,-3e38\n-3e38,3e38,-3e38\n-3e38,-3e38,-3e38\n";  // a sharpen of it passes 3.4e38

std::string repeated(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST(CliHostile, Pool) {
    check({
        // Bytes a CSV should not hold.
        {{"pool"}, "1,2\0003,4"s, 1, {"standard input: line 1, value 2: '2\\x003' has a NUL byte"}},
        {{"pool"}, kBom + kCourse, 0, {"9,8\n6,5\n"}},
        {{"pool"}, "\xFF\xFE" "1\0,\0" "2\0"s, 1, {"UTF-16"}},
        {{"pool"}, "1,2\n\xEF\xBB\xBF" "3,4\n", 1, {"line 2, value 1: '\\uFEFF3' is not a number"}},
        {{"pool"}, "\x7f" "ELF\x02\x01\x01\0\0\0"s, 1, {"is not a number"}},
        {{"pool"}, "", 1, {"the CSV is empty"}},
        {{"pool"}, "1,nan\n2,3\n", 1, {"'nan' is not a number (NaN)"}},
        {{"pool"}, "1,1e39\n2,3\n", 1, {"'1e39' is too large"}},
        {{"pool"}, repeated("1\n", 8193), 1, {"the grid is too large (8193×1)"}},
        // Numbers near the float limit: an average of them stays a number.
        {{"pool", "--op", "average"}, "3e38,3e38\n3e38,3e38\n", 0, {"3e+38\n"}, {"inf"}},
        {{"pool", "--op", "average", "--json"}, "3e38,-3e38\n3e38,3e38\n", 0, {"\"output\":[[1.5e+38]]"}},
        // Not a file.
        {{"pool", folder()}, "", 1, {"is a directory, not a file"}},
        {{"pool", "/no/such/file.csv"}, "", 1, {"cannot open '/no/such/file.csv'"}},
        // Option values no grid could take are bad usage.
        {{"pool", "--stride", "0"}, kCourse, 2, {"--stride takes S or RxC, whole numbers from 1 to 1024, not '0'"}},
        {{"pool", "--size", "0"}, kCourse, 2, {"--size takes K or RxC, whole numbers from 1 to 1024, not '0'"}},
        {{"pool", "--size", "2x0"}, kCourse, 2, {"not '2x0'"}},
        {{"pool", "--stride", "1025"}, kCourse, 2, {"not '1025'"}},
        {{"pool", "--size"}, kCourse, 2, {"--size needs a value"}},
        {{"pool", "--padding", "full"}, kCourse, 2, {"unknown padding 'full'"}},
        // ... what does not fit this grid is bad data.
        {{"pool", "--size", "5"}, kCourse, 1, {"larger than the input"}},
        // Two of one thing.
        {{"pool", "--op", "max", "--op", "min"}, kCourse, 2, {"--op is given twice ('max', then 'min')"}},
        {{"pool", "--size", "2", "--size", "3"}, kCourse, 2, {"--size is given twice"}},
        {{"pool", "a.csv", "b.csv"}, "", 2, {"one input file at most"}},
    });
}

TEST(CliHostile, Shift) {
    const std::string tiny = "1,2\n3,4\n";
    check({
        {{"shift", "--sweep", "-1"}, tiny, 2, {"--sweep takes a whole number from 0 to 16, not '-1'"}},
        {{"shift", "--sweep", "17"}, tiny, 2, {"not '17'"}},
        {{"shift", "--blur", "1"}, tiny, 2, {"--blur takes a whole number from 2 to 5, not '1'"}},
        {{"shift", "--blur", "6"}, tiny, 2, {"not '6'"}},
        {{"shift", "--dx", "10000000"}, tiny, 2, {"--dx takes a whole number of pixels"}},
        {{"shift", "--stride", "0"}, tiny, 2, {"from 1 to 1024"}},
        {{"shift", "--ops", ""}, tiny, 2, {"--ops takes a comma-separated list"}},
        // A list item that is empty or repeated would be dropped or run twice without a word: named instead.
        {{"shift", "--ops", "max,"}, tiny, 2, {"--ops 'max,' has an empty item (item 2 of 2)"}},
        {{"shift", "--ops", ",max"}, tiny, 2, {"(item 1 of 2)"}},
        {{"shift", "--ops", "max,,min"}, tiny, 2, {"(item 2 of 3)"}},
        {{"shift", "--ops", "blurpool,blurpool"}, tiny, 2, {"--ops 'blurpool,blurpool' names blurpool twice ('blurpool', then 'blurpool')"}},
        {{"shift", "--ops", "average,max,avg"}, tiny, 2, {"names average twice ('average', then 'avg')"}},
        {{"shift", "--ops", "max,min"}, tiny, 0, {"\"op\":\"max\"", "\"op\":\"min\""}},
        {{"shift", "--dx", "1", "--dx", "2"}, tiny, 2, {"--dx is given twice ('1', then '2')"}},
        // Blur pool's dense max is 'valid' whatever --padding says: never advise 'same'.
        {{"shift", "--ops", "blurpool", "--size", "3", "--padding", "same"}, tiny, 1,
         {"Blur pool cannot downsample standard input (2×2)", "'valid' padding whatever --padding says", "(3×3)"},
         {"'same' padding"}},
        {{"shift", "--ops", "blurpool", "--size", "3"}, tiny, 1, {"use a smaller --size"}, {"'same' padding"}},
        {{"shift", "--ops", "max", "--size", "3", "--padding", "same"}, tiny, 0, {"\"op\":\"max\""}},
        // Differences past the largest float are worked out in double: 3e38 - (-3e38) is 6e38, not inf or null.
        {{"shift", "--ops", "subsample", "--size", "1x2", "--dx", "1"}, "3e38,-3e38,3e38,-3e38\n", 0,
         {"\"max_abs_change\":6.0000000", "\"l2\":6.708203"}, {"null", "inf"}},
        {{"shift", "--ops", "max"}, "1,2\0003,4\n"s, 1, {"NUL byte"}},
        {{"shift", "--ops", "max"}, kBom + kCourse, 0, {"\"input_shape\":[4,4]"}},
        {{"shift", folder()}, "", 1, {"is a directory"}},
    });
}

TEST(CliHostile, Summary) {
    const std::string model = file("model.json", R"({"input": [8, 8, 1], "layers": [{"type": "flatten"}]})");
    auto json = [](const std::string& input, const std::string& layer, int times) {
        std::string layers;
        for (int i = 0; i < times; ++i) layers += (i ? ", " : "") + layer;
        return "{\"input\": " + input + ", \"layers\": [" + layers + "]}";
    };
    const std::string huge_conv = R"({"type": "conv2d", "filters": 1000000, "kernel": 1000, "padding": "same"})";
    const std::string wide_pool = R"({"type": "maxpool", "pool": 2, "stride": 1000, "padding": "same"})";
    check({
        // Counts past 64 bits are refused naming the layer, never printed wrapped round.
        {{"summary"}, json("[4, 4, 1000000]", huge_conv, 1), 1, {"layer 1 (Conv2D): its multiply-adds do not fit in 64 bits"},
         {"-2,446", "multiply-adds: -", "Total params"}},  // no partial sums posing as the model's totals
        {{"summary"}, json("[4, 4, 1000000]", huge_conv, 10), 1, {"layer 1 (Conv2D)"}, {"params: -", "multiply-adds: -"}},
        {{"summary", "--json"}, json("[4, 4, 1000000]", huge_conv, 10), 1, {"64 bits"}, {"\"total_params\":0"}},
        {{"summary"}, json("[4, 4, 1]", wide_pool, 8), 1, {"layer 7 (MaxPooling2D): its receptive field's jump along rows does not fit in 64 bits"}},
        // Counts past 2^53 that do fit are written exactly: a double would print 999^6 as 9.94014980014994e+17.
        {{"summary", "--json"}, json("[4, 4, 1]", R"({"type": "maxpool", "pool": 2, "stride": 999, "padding": "same"})", 6), 0,
         {"\"jump\":[994014980014994001,994014980014994001]"}, {"e+"}},
        {{"summary"}, json("[100000, 100000, 1000000]", R"({"type": "dense", "units": 1000000})", 1), 1,
         {"layer 1 (Dense): its multiply-adds do not fit in 64 bits"}},
        {{"summary"}, json("[1000, 1000, 1000]", R"({"type": "conv2d", "filters": 1000, "kernel": 100, "padding": "same"})", 1), 1,
         {"layer 1 (Conv2D): it takes too many multiply-adds"}},
        // Bytes and files.
        {{"summary"}, kBom + json("[8, 8, 1]", R"({"type": "flatten"})", 1), 0, {"Total params: 0"}},
        {{"summary"}, "{\"input\": [8, 8, 1], \"layers\": []}\0"s, 1, {"standard input: JSON error"}},
        {{"summary", folder()}, "", 1, {"is a directory"}},
        // Two models, or none.
        {{"summary", "--preset", "vgg16", model}, "", 2, {"summary takes one model: --preset vgg16 or the file", "not both"}},
        {{"summary", model, "--preset", "vgg16"}, "", 2, {"not both"}},
        {{"summary", "--preset", "vgg16", "--preset", "alexnet"}, "", 2, {"--preset is given twice ('vgg16', then 'alexnet')"}},
        {{"summary", model, model}, "", 2, {"one model file at most"}},
        {{"summary", "--preset"}, "", 2, {"--preset needs a value"}},
        {{"summary", "--preset", "lenet"}, "", 2, {"no preset called 'lenet'"}},
        {{"summary", model}, "", 0, {"1 Flatten"}},
    });
}

TEST(CliHostile, Conv) {
    const std::string kernel = file("kernel.csv", "0,1,0\n1,-4,1\n0,1,0\n");
    check({
        // A result past the largest float is refused, in CSV and in JSON.
        {{"conv", "--kernel", "sharpen"}, kHuge, 1, {"cannot convolve standard input (3×3): the feature map's cell (row 1, column 1) comes to 2.7e+39"},
         {"inf"}},
        {{"conv", "--kernel", "sharpen", "--json"}, kHuge, 1, {"beyond the largest number PoolLab holds"}, {"null"}},
        {{"conv", "--kernel", "blur-3", "--relu", "--pool", "average"}, "3e38,3e38,3e38,3e38\n3e38,3e38,3e38,3e38\n3e38,3e38,3e38,3e38\n3e38,3e38,3e38,3e38\n",
         0, {"3e+38\n"}, {"inf"}},
        // Two kernels, or none.
        {{"conv", "--kernel", "sharpen", "--kernel-file", kernel}, kCourse, 2, {"conv takes one kernel: --kernel sharpen and --kernel-file"}},
        {{"conv", "--kernel-file", kernel, "--kernel", "sharpen"}, kCourse, 2, {"conv takes one kernel: --kernel-file", "and --kernel sharpen"}},
        {{"conv", "--kernel", "sharpen", "--kernel", "identity"}, kCourse, 2, {"--kernel is given twice"}},
        {{"conv"}, kCourse, 2, {"conv needs --kernel NAME or --kernel-file K.csv"}},
        // Kernel files as hostile as inputs.
        {{"conv", "--kernel-file", folder()}, kCourse, 1, {"is a directory"}},
        {{"conv", "--kernel-file", file("bom-kernel.csv", kBom + "0,0,0\n0,1,0\n0,0,0\n")}, kCourse, 0, {"9,1\n1,3\n"}},
        {{"conv", "--kernel-file", file("nul-kernel.csv", "0,1\0,0\n"s)}, kCourse, 1, {"kernel", "NUL byte"}},
        {{"conv", "--kernel-file", file("big-kernel.csv", repeated("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n", 16))}, kCourse, 1, {"too large"}},
        {{"conv", "--kernel", "sharpen"}, "1,2\0003,4"s, 1, {"NUL byte"}},
        {{"conv", "--kernel", "identity", "--padding", "same"}, kBom + kCourse, 0, {kCourse}},
    });
}

TEST(CliHostile, Picture) {
    const std::string good = file("good.png", pl::encode_gray_png(pl::Grid(12, 16, 0.5f)));
    const std::string cut_jpeg = file("cut.jpg", pl::encode_gray_jpeg(pl::Grid(64, 64, 0.5f)).substr(0, 200));
    const std::string jpeg_header = "\xFF\xD8\xFF\xC0\x00\x0B\x08\x0B\xB8\x23\x28\x01\x01\x11\x00\xFF\xD9"s;  // 9000×3000
    const std::string out_dir = (std::filesystem::path(testing::TempDir()) / "poollab-hostile").string();
    check({
        {{"picture", cut_jpeg}, "", 1, {"starts as a JPEG, but PoolLab cannot read it: it may be truncated or damaged"}, {"bad png sig"}},
        {{"picture", file("notes.txt", "hello")}, "", 1,
         {"is not a picture PoolLab can read (PNG, JPEG, BMP or GIF), or a truncated one"}, {"unknown image type"}},
        {{"picture", file("wide.jpg", jpeg_header)}, "", 1, {"is 9000×3000 pixels"}},
        {{"picture", file("empty.png", "")}, "", 1, {"is empty"}},
        {{"picture", folder()}, "", 1, {"is a directory"}},
        // --out names a format PoolLab writes, in any case, or it is refused before anything is read.
        {{"picture", "--out", out_dir + "/x.gif", good}, "", 2, {"--out takes a file name ending .png, .jpg or .jpeg", "not '"}},
        {{"picture", "--out", out_dir + "/x.bmp", "/no/such.png"}, "", 2, {".png, .jpg or .jpeg"}},
        {{"picture", "--out", out_dir + "/x", good}, "", 2, {".png, .jpg or .jpeg"}},
        {{"picture", "--out", out_dir + "/x.png.old", good}, "", 2, {".png, .jpg or .jpeg"}},
        {{"picture", "--out", out_dir + "/a.png", "--out", out_dir + "/b.png", good}, "", 2, {"--out is given twice"}},
        {{"picture", "--out", out_dir + "/x.JPG", good}, "", 0, {"16×12 pixels"}},
        {{"picture", "--side", "7", good}, "", 2, {"--side takes a whole number from 8 to 8192"}},
        {{"picture", good, good}, "", 2, {"one picture at most"}},
    });
}

TEST(CliHostile, PictureOutWritesTheFormatItsNameAsksFor) {
    const std::string good = file("good.png", pl::encode_gray_png(pl::Grid(12, 16, 0.5f)));
    const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "poollab-hostile";
    for (const auto& [name, magic] : {std::pair{"upper.JPG", "\xFF\xD8\xFF"s}, {"mixed.JpEg", "\xFF\xD8\xFF"s}, {"upper.PNG", "\x89PNG"s},
                                      {"plain.png", "\x89PNG"s}, {"dots.in.name.jpg", "\xFF\xD8\xFF"s}}) {
        const std::string out = (dir / name).string();
        ASSERT_EQ(run_poollab({"picture", "--out", out, good}).code, 0) << name;
        std::ifstream f(out, std::ios::binary);
        std::string head(magic.size(), '\0');
        f.read(head.data(), static_cast<std::streamsize>(head.size()));
        EXPECT_EQ(head, magic) << name;
    }
}
