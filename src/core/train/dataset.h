#pragma once
// Labelled greyscale pictures for training and testing networks: real MNIST
// digits, a Fashion-MNIST subset, and a synthetic task made by code in which
// the class depends on where two parts sit relative to each other.
// Plain data: the trainer reads `pixels` and `labels`, nothing else.
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

// The "where" task: a dot above or below a bar, anywhere in the picture
// (class 0: dot above, 1: dot below). Made by code, seeded, balanced.
DataSplit make_where_task(int train_count, int test_count, std::uint32_t seed);

}  // namespace pl::train
