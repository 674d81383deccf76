#pragma once
// Labelled greyscale pictures for training and testing networks: real MNIST
// digits, a Fashion-MNIST subset, and a synthetic task made by code in which
// the class depends on where two parts sit relative to each other.
// Plain data: the trainer reads `pixels` and `labels`, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace pl::train {

struct Dataset {
    std::string name;                      // "mnist", "fashion", "where"
    int side = 28;                         // each picture is side x side, one channel
    int classes = 10;
    std::vector<std::string> class_names;  // classes entries ("0".."9", "T-shirt/top", ...)
    std::vector<std::uint8_t> pixels;      // count() x side x side, row-major; 0 = background, 255 = ink
    std::vector<std::uint8_t> labels;      // count() entries, each < classes

    int count() const { return static_cast<int>(labels.size()); }
    const std::uint8_t* image(int i) const { return pixels.data() + static_cast<size_t>(i) * side * side; }
};

// A fixed, seeded, stratified split: `train` to learn from, `test` held out.
struct DataSplit {
    Dataset train, test;
};

// The compact binary asset made at build time (format in dataset.cpp).
// Refuses anything malformed with a message; never reads past `bytes`.
Result<DataSplit> parse_dataset(std::string_view bytes);
std::string dataset_bytes(const DataSplit& split);
Result<DataSplit> load_dataset_file(const std::string& path);

// What the file format allows: a refusal names the limit a file breaks.
constexpr int kMaxDatasetSide = 128;
constexpr int kMaxDatasetClasses = 256;          // labels are one byte
constexpr int kMaxDatasetPictures = 100000;      // in each of train and test
constexpr size_t kMaxDatasetNameLength = 64;     // the dataset's and each class's name

// The CRC-32 (IEEE 802.3) the file ends with; exposed so tests and tools can recompute it.
std::uint32_t dataset_checksum(std::string_view bytes);

// Checks a Dataset before it is written or used: sizes, names, labels < classes.
std::string check_dataset(const Dataset& d);

// Picks `per_class` pictures of every class, seeded (a subset such as Fashion-MNIST's 10,000).
Result<Dataset> stratified_subset(const Dataset& all, int per_class, std::uint32_t seed);

// Holds out `test_count` pictures, each class in proportion to its share of
// `all` (largest remainder), seeded; both halves come out shuffled.
Result<DataSplit> stratified_split(const Dataset& all, int test_count, std::uint32_t seed);

// The ten Fashion-MNIST class names, label 0 to 9 ("T-shirt/top", "Trouser", ...).
std::vector<std::string> fashion_class_names();

// The "where" task: a dot above or below a bar, anywhere in the picture
// (class 0: dot above, 1: dot below). Made by code, seeded, balanced.
// Two classes, not ten: 28 x 28, bar 6..14 x 2 px, dot 2x2 or 3x3, gap 6..8 px,
// 6 empty rows above and below the pair (why: where_task.cpp), mild noise.
// Counts are clamped to 0..kMaxDatasetPictures; an odd count gives class 0
// the extra picture. The test half depends only on the seed.
DataSplit make_where_task(int train_count, int test_count, std::uint32_t seed);
// The where task as PoolLab ships it, one definition for the app's data file
// (poollab-data where), poollab train --data where and the pretrained
// weights: 8,000 pictures to train, 2,000 held out, seed 1.
DataSplit standard_where_task();

}  // namespace pl::train
