// The dataset file: what is written reads back the same, and every kind of
// malformed file is refused with a message that says what is wrong.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/train/dataset.h"

namespace pl::train {
namespace {

// A tiny split: 3 x 3 pictures, 3 classes, 4 to train and 2 to test, every pixel different.
DataSplit tiny_split() {
    DataSplit s;
    for (Dataset* half : {&s.train, &s.test}) {
        half->name = "tiny";
        half->side = 3;
        half->classes = 3;
        half->class_names = {"zero", "one", "T-shirt/top"};
    }
    for (int i = 0; i < 4 * 9; ++i) s.train.pixels.push_back(static_cast<std::uint8_t>(7 * i + 1));
    s.train.labels = {0, 1, 2, 1};
    for (int i = 0; i < 2 * 9; ++i) s.test.pixels.push_back(static_cast<std::uint8_t>(255 - 3 * i));
    s.test.labels = {2, 0};
    return s;
}

void expect_same(const Dataset& a, const Dataset& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.side, b.side);
    EXPECT_EQ(a.classes, b.classes);
    EXPECT_EQ(a.class_names, b.class_names);
    EXPECT_EQ(a.pixels, b.pixels);
    EXPECT_EQ(a.labels, b.labels);
}

// The file with its last four bytes made the right checksum again.
std::string with_checksum(std::string bytes) {
    const std::uint32_t crc = dataset_checksum(std::string_view(bytes).substr(0, bytes.size() - 4));
    for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
    return bytes;
}

void set_u32(std::string& bytes, size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Where the counts sit in the tiny file: the fixed header, the names, then train and test counts.
constexpr size_t kTinyCounts = 10 + (1 + 4) + (1 + 4) + (1 + 3) + (1 + 11);

std::string refusal(const std::string& bytes) {
    const Result<DataSplit> r = parse_dataset(bytes);
    EXPECT_FALSE(r.ok()) << "accepted a malformed file";
    return r.error;
}

TEST(Dataset, ChecksumIsCrc32) {
    // The standard check value of CRC-32 (IEEE 802.3).
    EXPECT_EQ(dataset_checksum("123456789"), 0xCBF43926u);
    EXPECT_EQ(dataset_checksum(""), 0u);
}

TEST(Dataset, WrittenFileReadsBackTheSame) {
    const DataSplit s = tiny_split();
    const std::string bytes = dataset_bytes(s);
    EXPECT_EQ(bytes.size(), kTinyCounts + 8 + 6 * 10 + 4);
    EXPECT_EQ(bytes.substr(0, 4), "PLDS");
    const Result<DataSplit> back = parse_dataset(bytes);
    ASSERT_TRUE(back.ok()) << back.error;
    expect_same(back.value.train, s.train);
    expect_same(back.value.test, s.test);
    EXPECT_EQ(dataset_bytes(back.value), bytes);
}

TEST(Dataset, EveryTruncationIsRefusedAsCutShort) {
    const std::string bytes = dataset_bytes(tiny_split());
    for (size_t n = 0; n < bytes.size(); ++n) {
        const std::string why = refusal(bytes.substr(0, n));
        EXPECT_NE(why.find("ends after " + std::to_string(n) + " bytes"), std::string::npos) << n << ": " << why;
    }
}

TEST(Dataset, BadMagicAndVersionAreNamed) {
    std::string bytes = dataset_bytes(tiny_split());
    std::string png = bytes;
    png.replace(0, 4, "\x89PNG");
    EXPECT_NE(refusal(png).find("not a PoolLab dataset"), std::string::npos);
    EXPECT_NE(refusal("P").find("ends after 1 bytes"), std::string::npos);  // a prefix of the magic is a cut file
    EXPECT_NE(refusal("X").find("not a PoolLab dataset"), std::string::npos);
    bytes[4] = 2;
    EXPECT_NE(refusal(with_checksum(bytes)).find("version 2; this PoolLab reads version 1"), std::string::npos);
}

TEST(Dataset, ImpossibleSidesAndClassCountsAreRefused) {
    const std::string good = dataset_bytes(tiny_split());
    std::string bytes = good;
    bytes[6] = 0;  // side 0
    EXPECT_NE(refusal(bytes).find("side 0"), std::string::npos);
    bytes = good;
    bytes[8] = 1;  // one class
    EXPECT_NE(refusal(bytes).find("1 classes"), std::string::npos);
    bytes = good;
    bytes[9] = 1;  // 259 classes
    EXPECT_NE(refusal(bytes).find("259 classes"), std::string::npos);
}

TEST(Dataset, CountsThatOverflowOrPromiseTooMuchAreRefused) {
    const std::string good = dataset_bytes(tiny_split());
    std::string bytes = good;
    set_u32(bytes, kTinyCounts, 0xFFFFFFFFu);
    EXPECT_NE(refusal(bytes).find("4294967295 pictures"), std::string::npos);
    bytes = good;
    set_u32(bytes, kTinyCounts + 4, 0);
    EXPECT_NE(refusal(bytes).find("0 pictures"), std::string::npos);
    bytes = good;
    set_u32(bytes, kTinyCounts, 5);  // one picture more than there is
    EXPECT_NE(refusal(bytes).find("promises"), std::string::npos);
    // Both halves at the limit, pictures of 128 x 128: 3.3 GB promised, refused before anything is read.
    bytes = good;
    bytes[6] = static_cast<char>(128);
    set_u32(bytes, kTinyCounts, kMaxDatasetPictures);
    set_u32(bytes, kTinyCounts + 4, kMaxDatasetPictures);
    EXPECT_NE(refusal(bytes).find("more than 256 MB"), std::string::npos);
}

TEST(Dataset, ExtraBytesAreRefused) {
    EXPECT_NE(refusal(dataset_bytes(tiny_split()) + "x").find("1 bytes more than its header promises"),
              std::string::npos);
}

TEST(Dataset, DamagedBytesFailTheChecksum) {
    const std::string good = dataset_bytes(tiny_split());
    for (size_t at : {size_t{12}, kTinyCounts + 8, good.size() - 5, good.size() - 1}) {
        std::string bytes = good;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
        EXPECT_NE(refusal(bytes).find("damaged"), std::string::npos) << "flipped byte " << at;
    }
}

TEST(Dataset, LabelOutOfRangeIsRefusedEvenWithAGoodChecksum) {
    std::string bytes = dataset_bytes(tiny_split());
    const size_t first_test_label = bytes.size() - 4 - 2;
    bytes[first_test_label] = 3;
    EXPECT_EQ(refusal(with_checksum(bytes)),
              "test picture 0 has label 3, but the dataset has 3 classes (0 to 2)");
}

TEST(Dataset, ControlCharactersInNamesAreRefused) {
    std::string bytes = dataset_bytes(tiny_split());
    bytes[11] = '\n';  // in "tiny"
    EXPECT_NE(refusal(with_checksum(bytes)).find("control character"), std::string::npos);
}

TEST(Dataset, CheckDatasetNamesWhatIsInconsistent) {
    Dataset d = tiny_split().train;
    EXPECT_EQ(check_dataset(d), "");
    d.class_names.pop_back();
    EXPECT_EQ(check_dataset(d), "2 class names for 3 classes");
    d = tiny_split().train;
    d.pixels.pop_back();
    EXPECT_EQ(check_dataset(d), "35 pixels for 4 pictures of 3\u00d73");
    d = tiny_split().train;
    d.labels[2] = 9;
    EXPECT_NE(check_dataset(d).find("label 9"), std::string::npos);
    d = tiny_split().train;
    d.name = "";
    EXPECT_NE(check_dataset(d).find("name is 0 bytes long"), std::string::npos);
}

TEST(Dataset, LoadsAFileAndNamesAMissingOne) {
    const std::string path = ::testing::TempDir() + "poollab_tiny_dataset.bin";
    const std::string bytes = dataset_bytes(tiny_split());
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const Result<DataSplit> r = load_dataset_file(path);
    ASSERT_TRUE(r.ok()) << r.error;
    expect_same(r.value.test, tiny_split().test);
    std::ofstream(path, std::ios::binary).write(bytes.data(), 20);
    EXPECT_NE(load_dataset_file(path).error.find(path + ": the file ends after 20 bytes"), std::string::npos);
    std::remove(path.c_str());
    EXPECT_NE(load_dataset_file(path).error.find("cannot open the dataset " + path), std::string::npos);
}

}  // namespace
}  // namespace pl::train
