// The "where" task: a dot above a bar (class 0) or below it (class 1), at
// any column of a 28 x 28 picture and at rows that vary. Both classes are drawn by the same code
// from the same random draws; only the order of the two parts in the pair
// differs. So every part's shape, size, brightness and column, and the pair's
// position, have the same distribution in both classes, and the answer lies
// in the arrangement alone. (The parts' own rows cannot match exactly: a dot
// that is always above the bar in one class and below it in the other sits
// higher on average in the first.)
//
// What makes global pooling alone fail (the point of the task): one unit of
// the "global pooling only" network sees 7x7 pixels (three 3x3 convolutions).
// - The gap is wider than that, so no unit ever holds both parts: with gaps
//   from 2 px, four gaps in seven fitted one unit's view and it scored 79%.
// - Every part stays at least 6 rows (the field less one) from the top and
//   bottom edges, so what a unit sees around a part exists in both classes:
//   a bar at the very top of the picture (which only class 1, dot below,
//   allows) gave its "empty rows above a bar" detector no place to fire, and
//   global max read that absence (64%).
#include <algorithm>

#include "core/train/dataset.h"
#include "core/train/dataset_random.h"

namespace pl::train {

namespace {

constexpr int kSide = 28;
constexpr int kBarThickness = 2;
// A dot's edge, the gap and the bar's edge span gap + 2 rows: more than 7 from a gap of 6.
constexpr int kMinGap = 6;
constexpr int kMaxGap = 8;
constexpr int kMargin = 6;  // empty rows kept above and below the pair

// One picture's random draws, before the class decides the order.
struct WhereLayout {
    int bar_length;       // 6..14 px
    int dot_size;         // 2 or 3 px square
    int gap;              // kMinGap..kMaxGap px between the parts
    int pair_left, pair_top;  // the pair's bounding box: any column, rows kMargin from the edges
    int dot_offset;       // the dot's column within the bar's span
    int bar_ink, dot_ink; // brightness of each part
};

WhereLayout draw_layout(DataRandom& rng) {
    WhereLayout l{};
    l.bar_length = rng.between(6, 14);
    l.dot_size = rng.between(2, 3);
    l.gap = rng.between(kMinGap, kMaxGap);
    const int pair_height = l.dot_size + l.gap + kBarThickness;
    l.pair_left = rng.between(0, kSide - l.bar_length);
    l.pair_top = rng.between(kMargin, kSide - kMargin - pair_height);
    l.dot_offset = rng.between(0, l.bar_length - l.dot_size);
    l.bar_ink = rng.between(180, 255);
    l.dot_ink = rng.between(180, 255);
    return l;
}

void fill(std::uint8_t* picture, int left, int top, int width, int height, int ink) {
    for (int y = top; y < top + height; ++y) {
        for (int x = left; x < left + width; ++x) picture[y * kSide + x] = static_cast<std::uint8_t>(ink);
    }
}

// Draws the pair in the order `label` asks, then mild noise over everything:
// ink dims by up to 24, and about one background pixel in ten gets up to 48.
void draw_picture(std::uint8_t* picture, int label, const WhereLayout& l, DataRandom& rng) {
    const bool dot_above = label == 0;
    const int dot_top = dot_above ? l.pair_top : l.pair_top + kBarThickness + l.gap;
    const int bar_top = dot_above ? l.pair_top + l.dot_size + l.gap : l.pair_top;
    fill(picture, l.pair_left, bar_top, l.bar_length, kBarThickness, l.bar_ink);
    fill(picture, l.pair_left + l.dot_offset, dot_top, l.dot_size, l.dot_size, l.dot_ink);
    for (int i = 0; i < kSide * kSide; ++i) {
        const int noise = rng.between(0, 24);
        if (picture[i] > 0) {
            picture[i] = static_cast<std::uint8_t>(picture[i] - noise);
        } else if (rng.between(0, 9) == 0) {
            picture[i] = static_cast<std::uint8_t>(noise * 2);
        }
    }
}

// `count` pictures, half of each class (class 0 gets the odd one), in a seeded order.
Dataset make_half(int count, DataRandom& rng) {
    Dataset d;
    d.name = "where";
    d.side = kSide;
    d.classes = 2;
    d.class_names = {"dot above bar", "dot below bar"};
    count = std::clamp(count, 0, kMaxDatasetPictures);
    d.labels.resize(count);
    for (int i = 0; i < count; ++i) d.labels[i] = static_cast<std::uint8_t>(i % 2);
    seeded_shuffle(d.labels, rng);
    d.pixels.assign(static_cast<size_t>(count) * kSide * kSide, 0);
    for (int i = 0; i < count; ++i) {
        const WhereLayout layout = draw_layout(rng);
        draw_picture(d.pixels.data() + static_cast<size_t>(i) * kSide * kSide, d.labels[i], layout, rng);
    }
    return d;
}

}  // namespace

DataSplit make_where_task(int train_count, int test_count, std::uint32_t seed) {
    // Separate streams: the test half does not change when the training half grows.
    DataRandom train_rng((std::uint64_t{seed} << 1) | 0);
    DataRandom test_rng((std::uint64_t{seed} << 1) | 1);
    DataSplit split;
    split.train = make_half(train_count, train_rng);
    split.test = make_half(test_count, test_rng);
    return split;
}

DataSplit standard_where_task() { return make_where_task(8000, 2000, 1); }

}  // namespace pl::train
