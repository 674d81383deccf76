// Stratified subsets and splits: every class in proportion, every picture
// exactly once, and the same seed giving the same bytes.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/train/dataset.h"

namespace pl::train {
namespace {

// `per_class[c]` pictures of class c, 2 x 2, each picture's pixels spelling its index (so it can be traced).
Dataset numbered(const std::vector<int>& per_class) {
    Dataset d;
    d.name = "numbered";
    d.side = 2;
    d.classes = static_cast<int>(per_class.size());
    for (int c = 0; c < d.classes; ++c) d.class_names.push_back("class " + std::to_string(c));
    int index = 0;
    // Interleaved, as real files are: the classes take turns until each has its count.
    for (int round = 0, added = 1; added; ++round) {
        added = 0;
        for (int c = 0; c < d.classes; ++c) {
            if (round >= per_class[c]) continue;
            d.labels.push_back(static_cast<std::uint8_t>(c));
            for (int k = 0; k < 4; ++k) d.pixels.push_back(static_cast<std::uint8_t>((index >> (8 * (k % 2))) & 0xFF));
            d.pixels[d.pixels.size() - 2] = static_cast<std::uint8_t>(c);
            ++index;
            added = 1;
        }
    }
    return d;
}

// Which source pictures a half holds, by the index its pixels spell.
std::vector<int> traced(const Dataset& d) {
    std::vector<int> ids;
    for (int i = 0; i < d.count(); ++i) ids.push_back(d.image(i)[0] | (d.image(i)[1] << 8));
    return ids;
}

std::vector<int> class_counts(const Dataset& d) {
    std::vector<int> counts(d.classes, 0);
    for (std::uint8_t label : d.labels) ++counts[label];
    return counts;
}

TEST(DatasetSplit, EachClassIsHeldOutInProportionByLargestRemainder) {
    // Shares of 5 held out of 15: 7 -> 2.33, 5 -> 1.67, 3 -> 1.00; floors 2+1+1 = 4, the largest remainder gets one more.
    const Result<DataSplit> s = stratified_split(numbered({7, 5, 3}), 5, 1);
    ASSERT_TRUE(s.ok()) << s.error;
    EXPECT_EQ(class_counts(s.value.test), (std::vector<int>{2, 2, 1}));
    EXPECT_EQ(class_counts(s.value.train), (std::vector<int>{5, 3, 2}));
    // 1,000 a class, a fifth held out: exactly 200 of each.
    const Result<DataSplit> even = stratified_split(numbered({1000, 1000, 1000, 1000}), 800, 3);
    EXPECT_EQ(class_counts(even.value.test), (std::vector<int>{200, 200, 200, 200}));
    EXPECT_EQ(class_counts(even.value.train), (std::vector<int>{800, 800, 800, 800}));
}

TEST(DatasetSplit, EveryPictureLandsInExactlyOneHalfWithItsLabel) {
    const Dataset all = numbered({40, 25, 35});
    const Result<DataSplit> s = stratified_split(all, 20, 9);
    ASSERT_TRUE(s.ok());
    std::multiset<int> seen;
    for (const Dataset* half : {&s.value.train, &s.value.test}) {
        const std::vector<int> ids = traced(*half);
        for (int i = 0; i < half->count(); ++i) {
            seen.insert(ids[i]);
            EXPECT_EQ(half->labels[i], all.labels[ids[i]]);
            EXPECT_EQ(half->image(i)[2], all.labels[ids[i]]);  // the pixels came with their label
        }
    }
    EXPECT_EQ(seen.size(), 100u);
    EXPECT_EQ(std::set<int>(seen.begin(), seen.end()).size(), 100u);
}

TEST(DatasetSplit, SameSeedSameBytesOtherSeedOtherSplit) {
    const Dataset all = numbered({30, 30, 30});
    const std::string a = dataset_bytes(stratified_split(all, 30, 14).value);
    EXPECT_EQ(dataset_bytes(stratified_split(all, 30, 14).value), a);
    EXPECT_NE(dataset_bytes(stratified_split(all, 30, 15).value), a);
}

TEST(DatasetSplit, HalvesAreShuffledNotSortedByClass) {
    const Result<DataSplit> s = stratified_split(numbered({100, 100}), 50, 2);
    const std::vector<std::uint8_t>& labels = s.value.train.labels;
    // The first 20 training pictures have both classes; sorted ones would be all class 0.
    EXPECT_EQ(std::set<std::uint8_t>(labels.begin(), labels.begin() + 20).size(), 2u);
}

TEST(DatasetSplit, RefusesSplitsWithAnEmptyHalf) {
    EXPECT_NE(stratified_split(numbered({3, 3}), 0, 1).error.find("cannot hold out 0 of 6"), std::string::npos);
    EXPECT_NE(stratified_split(numbered({3, 3}), 6, 1).error.find("both halves"), std::string::npos);
    Dataset broken = numbered({3, 3});
    broken.labels[0] = 7;
    EXPECT_NE(stratified_split(broken, 2, 1).error.find("label 7"), std::string::npos);
}

TEST(DatasetSubset, TakesTheSameNumberOfEachClassSeeded) {
    const Dataset all = numbered({50, 80, 65});
    const Result<Dataset> sub = stratified_subset(all, 20, 4);
    ASSERT_TRUE(sub.ok()) << sub.error;
    EXPECT_EQ(class_counts(sub.value), (std::vector<int>{20, 20, 20}));
    const std::vector<int> ids = traced(sub.value);
    EXPECT_EQ(std::set<int>(ids.begin(), ids.end()).size(), 60u);
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));  // a selection in the source's order
    EXPECT_EQ(traced(stratified_subset(all, 20, 4).value), ids);
    EXPECT_NE(traced(stratified_subset(all, 20, 5).value), ids);
}

TEST(DatasetSubset, NamesTheClassThatIsShort) {
    EXPECT_EQ(stratified_subset(numbered({50, 12}), 20, 1).error,
              "class class 1 has 12 pictures, fewer than the 20 asked for");
    EXPECT_FALSE(stratified_subset(numbered({5, 5}), 0, 1).ok());
}

TEST(DatasetSplit, FashionClassNamesAreTheTenOfZalando) {
    const std::vector<std::string> names = fashion_class_names();
    ASSERT_EQ(names.size(), 10u);
    EXPECT_EQ(names[0], "T-shirt/top");
    EXPECT_EQ(names[5], "Sandal");
    EXPECT_EQ(names[9], "Ankle boot");
}

}  // namespace
}  // namespace pl::train
