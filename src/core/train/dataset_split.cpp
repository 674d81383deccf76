// Seeded, stratified subsets and splits of a dataset, and the class names of
// Fashion-MNIST: what the data builder (src/tools/) does with the sources.
#include <algorithm>

#include "core/train/dataset.h"
#include "core/train/dataset_random.h"

namespace pl::train {

namespace {

// The indices of each class's pictures, in file order.
std::vector<std::vector<int>> indices_by_class(const Dataset& d) {
    std::vector<std::vector<int>> by_class(d.classes);
    for (int i = 0; i < d.count(); ++i) by_class[d.labels[i]].push_back(i);
    return by_class;
}

// A dataset of the pictures `picked` of `all`, in that order.
Dataset pick(const Dataset& all, const std::vector<int>& picked) {
    Dataset out;
    out.name = all.name;
    out.side = all.side;
    out.classes = all.classes;
    out.class_names = all.class_names;
    const size_t area = static_cast<size_t>(all.side) * all.side;
    out.pixels.reserve(area * picked.size());
    out.labels.reserve(picked.size());
    for (int i : picked) {
        out.pixels.insert(out.pixels.end(), all.image(i), all.image(i) + area);
        out.labels.push_back(all.labels[i]);
    }
    return out;
}

// How many of each class go to the test half: its share of `test_count`,
// rounded by largest remainder (ties to the lower class) so they add up exactly.
std::vector<int> test_quotas(const std::vector<std::vector<int>>& by_class, int total, int test_count) {
    std::vector<int> quota(by_class.size());
    std::vector<std::pair<long long, int>> remainders;  // (remainder, class)
    int given = 0;
    for (size_t c = 0; c < by_class.size(); ++c) {
        const long long share = static_cast<long long>(by_class[c].size()) * test_count;
        quota[c] = static_cast<int>(share / total);
        given += quota[c];
        remainders.push_back({share % total, static_cast<int>(c)});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (int k = 0; given < test_count; ++k, ++given) ++quota[remainders[k].second];
    return quota;
}

}  // namespace

Result<Dataset> stratified_subset(const Dataset& all, int per_class, std::uint32_t seed) {
    const std::string why = check_dataset(all);
    if (!why.empty()) return Result<Dataset>::failure(why);
    if (per_class < 1) return Result<Dataset>::failure("a subset needs at least one picture of each class");
    std::vector<std::vector<int>> by_class = indices_by_class(all);
    DataRandom rng(seed);
    std::vector<int> picked;
    for (size_t c = 0; c < by_class.size(); ++c) {
        if (static_cast<int>(by_class[c].size()) < per_class) {
            return Result<Dataset>::failure("class " + all.class_names[c] + " has " + std::to_string(by_class[c].size()) +
                                            " pictures, fewer than the " + std::to_string(per_class) + " asked for");
        }
        seeded_shuffle(by_class[c], rng);
        picked.insert(picked.end(), by_class[c].begin(), by_class[c].begin() + per_class);
    }
    std::sort(picked.begin(), picked.end());  // the source's order: the subset is a selection, not a shuffle
    return Result<Dataset>::success(pick(all, picked));
}

Result<DataSplit> stratified_split(const Dataset& all, int test_count, std::uint32_t seed) {
    const std::string why = check_dataset(all);
    if (!why.empty()) return Result<DataSplit>::failure(why);
    if (test_count < 1 || test_count >= all.count()) {
        return Result<DataSplit>::failure("cannot hold out " + std::to_string(test_count) + " of " +
                                          std::to_string(all.count()) + " pictures: both halves need some");
    }
    std::vector<std::vector<int>> by_class = indices_by_class(all);
    const std::vector<int> quota = test_quotas(by_class, all.count(), test_count);
    DataRandom rng(seed);
    std::vector<int> train, test;
    for (size_t c = 0; c < by_class.size(); ++c) {
        seeded_shuffle(by_class[c], rng);
        test.insert(test.end(), by_class[c].begin(), by_class[c].begin() + quota[c]);
        train.insert(train.end(), by_class[c].begin() + quota[c], by_class[c].end());
    }
    // Shuffled so that any first N pictures are a fair sample of every class.
    seeded_shuffle(train, rng);
    seeded_shuffle(test, rng);
    return Result<DataSplit>::success(DataSplit{pick(all, train), pick(all, test)});
}

std::vector<std::string> fashion_class_names() {
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
}

}  // namespace pl::train
