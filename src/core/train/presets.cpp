#include "core/train/presets.h"

namespace pl::train {

namespace {

// conv 3x3 (8, same) and conv 3x3 (16, same) twice, a 2x2 max pool after each of the first `pools` convs.
Model stages(int pools) {
    const Padding same = Padding::Same;
    Model m{{3, 28, 28, 1}, {}};
    const int filters[3] = {8, 16, 16};
    for (int i = 0; i < 3; ++i) {
        m.layers.push_back(conv2d(filters[i], 3, same));
        if (i < pools) m.layers.push_back(max_pool(2));
    }
    m.layers.push_back(flatten());
    m.layers.push_back(dense(10));
    return m;
}

}  // namespace

const std::vector<TrainPreset>& train_presets() {
    static const std::vector<TrainPreset> presets = [] {
        const Shape in{3, 28, 28, 1};
        std::vector<TrainPreset> p;
        p.push_back({"no-pool", "No pooling", "What does pooling buy? Without it the dense layer needs far more weights.",
                     Model{in, {conv2d(8, 3), conv2d(16, 3), flatten(), dense(10)}}});
        p.push_back({"max", "Max pooling", "Max pooling for accuracy or to reduce size?",
                     Model{in, {conv2d(8, 3), max_pool(2), conv2d(16, 3), max_pool(2), flatten(), dense(10)}}});
        p.push_back({"avg", "Average pooling", "Max or average: which keeps more of what matters?",
                     Model{in, {conv2d(8, 3), avg_pool(2), conv2d(16, 3), avg_pool(2), flatten(), dense(10)}}});
        p.push_back({"strided", "Strided convolution", "Why pool at all, when a convolution with stride 2 also halves the map?",
                     Model{in, {conv2d(8, 3, Padding::Valid, 2), conv2d(16, 3, Padding::Valid, 2), flatten(), dense(10)}}});
        p.push_back({"blur", "Blur pooling", "Does anti-aliasing (Zhang 2019) make pooling more shift-invariant?",
                     Model{in, {conv2d(8, 3), blur_pool(2), conv2d(16, 3), blur_pool(2), flatten(), dense(10)}}});
        p.push_back({"gap", "Global average pooling head", "Why not just global pooling after the last conv layer?",
                     Model{in, {conv2d(8, 3), max_pool(2), conv2d(16, 3), max_pool(2), conv2d(10, 3), global_avg_pool()}}});
        p.push_back({"gmp", "Global max pooling head", "Global max: is one strongest response a class enough?",
                     Model{in, {conv2d(8, 3), max_pool(2), conv2d(16, 3), max_pool(2), conv2d(10, 3), global_max_pool()}}});
        p.push_back({"global-only", "Global pooling only", "Why not just global pooling after the last conv layer? Without local pooling each unit sees only 7×7 pixels.",
                     Model{in, {conv2d(8, 3), conv2d(16, 3), conv2d(10, 3), global_max_pool()}}});
        const char* stage_names[4] = {"stages-0", "stages-1", "stages-2", "stages-3"};
        const char* stage_titles[4] = {"0 pooling stages", "1 pooling stage", "2 pooling stages", "3 pooling stages"};
        for (int k = 0; k < 4; ++k) {
            p.push_back({stage_names[k], stage_titles[k], "How much pooling? Too much surely hurts; the right amount helps.", stages(k)});
        }
        return p;
    }();
    return presets;
}

Model with_classes(const Model& m, int classes) {
    Model out = m;
    for (size_t i = out.layers.size(); i-- > 0;) {
        Layer& l = out.layers[i];
        if (l.kind == LayerKind::Dense || l.kind == LayerKind::Conv2D) {
            l.units = classes;
            break;
        }
    }
    return out;
}

const TrainPreset* find_train_preset(const std::string& name) {
    for (const TrainPreset& p : train_presets()) {
        if (name == p.name) return &p;
    }
    return nullptr;
}

}  // namespace pl::train
