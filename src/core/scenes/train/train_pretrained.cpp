// The trained-networks scene's pretrained weights: which come with PoolLab
// for which data, under which file names, and taking them when they arrive.
#include <algorithm>
#include <iterator>

#include "core/csv.h"
#include "core/scenes/train/train_measure.h"
#include "core/scenes/train/train_scene.h"
#include "core/train/weights.h"

namespace pl {

bool train_has_pretrained(const std::string& data, const std::string& preset) {
    if (preset == "custom") return false;
    if (data == "mnist") return true;  // every preset, and the max network trained on shifted digits
    // The where task: what "why not just global pooling?" needs, beside a network without pooling.
    static const char* const where[] = {"no-pool", "max", "avg", "gap", "gmp", "global-only"};
    if (data == "where") return std::find(std::begin(where), std::end(where), preset) != std::end(where);
    // Fashion-MNIST: the kinds of pooling.
    static const char* const fashion[] = {"no-pool", "max", "avg", "strided", "blur", "gap", "gmp", "global-only"};
    if (data == "fashion") return std::find(std::begin(fashion), std::end(fashion), preset) != std::end(fashion);
    return false;
}

std::string train_weights_file(const std::string& data, const std::string& preset) {
    return data == "mnist" ? preset : data + "-" + preset;
}

std::vector<std::string> train_weights_wanted(const TrainScene& s) {
    std::vector<std::string> out;
    for (const TrainNet& n : s.nets) {
        if (n.status == NetStatus::Untrained && n.curve.empty() && train_has_pretrained(s.data, n.preset)) out.push_back(n.preset);
    }
    return out;
}

bool train_take_weights(TrainScene& s, const std::string& name, const std::string& bytes) {
    const int i = train_find(s, name);
    if (i < 0) return false;
    TrainNet& n = s.nets[static_cast<size_t>(i)];
    if (n.status != NetStatus::Untrained) return false;  // trained here meanwhile: keep that
    Result<train::SavedNetwork> w = train::parse_weights(bytes);
    if (!w.ok()) {
        n.message = "Its pretrained weights could not be read (" + w.error + "); press Train to train it here.";
        return false;
    }
    if (!(w.value.net.model == n.model) || w.value.net.classes != n.net.classes || w.value.data != s.data) {
        n.message = "Its pretrained weights are for another network or dataset; press Train to train it here.";
        return false;
    }
    n.net = w.value.net;
    n.status = NetStatus::Trained;
    n.origin = n.augment > 0 ? "pretrained with poollab train (5 epochs, seed 1, every digit shifted by up to " + count_text(n.augment) + " px)"
                             : "pretrained with poollab train (5 epochs, seed 1)";
    n.message.clear();
    reset_measures(n);
    s.try_dirty = s.gallery_dirty = true;
    return true;
}

}  // namespace pl
