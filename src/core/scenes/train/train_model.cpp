// The trained-networks scene as the shell sees it: its link fields, the
// frame-by-frame training and measuring, the page's commands, narration and
// the results as CSV.
#include <cstdio>

#include "core/csv.h"
#include "core/link.h"
#include "core/parse.h"
#include "core/scene.h"
#include "core/scenes/train/train_scene.h"

namespace pl {

namespace {

const char* const kTabs[kTrainTabCount] = {"results", "shift", "try", "inside"};

std::string read_nets(TrainScene& s, const std::string& v) {
    std::vector<int> picked;
    size_t at = 0;
    while (at <= v.size()) {
        const size_t comma = std::min(v.find(',', at), v.size());
        const std::string name = v.substr(at, comma - at);
        const int i = train_find(s, name);
        if (i < 0) return "there is no network called '" + name.substr(0, 40) + "'";
        picked.push_back(i);
        at = comma + 1;
    }
    for (TrainNet& n : s.nets) n.shown = false;
    for (int i : picked) s.nets[static_cast<size_t>(i)].shown = true;
    s.try_dirty = s.gallery_dirty = true;
    return {};
}

std::string read_drawing(TrainScene& s, const std::string& v) {
    if (v.size() != 28 * 28) return "the drawing is 784 hexadecimal digits, one a pixel";
    std::vector<float> d(28 * 28);
    for (size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        const int x = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (x < 0) return "the drawing is 784 hexadecimal digits, one a pixel";
        d[i] = static_cast<float>(x) / 15.0f;
    }
    s.drawing = d;
    s.drawn = true;
    s.try_dirty = true;
    return {};
}

std::string drawing_text(const std::vector<float>& d) {
    std::string out;
    for (float v : d) out += "0123456789abcdef"[std::clamp(static_cast<int>(v * 15.0f + 0.5f), 0, 15)];
    return out;
}

void read_link(std::any& m, LinkReader& r) {
    TrainScene& s = model_as<TrainScene>(m);
    r.field("data", [&](const std::string& v) -> std::string {
        if (v != "mnist" && v != "fashion" && v != "where") return "data is mnist, fashion or where";
        train_set_data(s, v);
        return {};
    });
    r.field("tab", [&](const std::string& v) -> std::string {
        for (int i = 0; i < kTrainTabCount; ++i) {
            if (v == kTabs[i]) {
                s.tab = static_cast<TrainTab>(i);
                return {};
            }
        }
        return "tab is results, shift, try or inside";
    });
    r.field("model", [&](const std::string& v) -> std::string {  // a stack of the student's own, beside the presets
        Result<Model> stack = model_from_link(v);
        if (!stack.ok()) return stack.error;
        const std::string why = train_add_model(s, stack.value, "Your stack");
        return why.empty() ? std::string() : "this stack cannot be trained on 28×28 digits: " + why;
    });
    r.field("nets", [&](const std::string& v) { return read_nets(s, v); });
    r.field("digit", [&](const std::string& v) -> std::string {
        int d;
        if (!parse_whole(v, 1, train::kMaxDatasetPictures, &d)) return "digit is a test picture's number, from 1";
        train_pick_digit(s, d - 1);
        s.digit = d - 1;  // kept as asked until the data arrive (then clamped)
        return {};
    });
    r.field("at", [&](const std::string& v) -> std::string {
        const size_t comma = v.find(',');
        int dx, dy;
        if (comma == std::string::npos || !parse_whole(std::string_view(v).substr(0, comma), -kTrainSweepRadius, kTrainSweepRadius, &dx) ||
            !parse_whole(std::string_view(v).substr(comma + 1), -kTrainSweepRadius, kTrainSweepRadius, &dy)) {
            return "at is the shift dx,dy, each from -" + std::to_string(kTrainSweepRadius) + " to " + std::to_string(kTrainSweepRadius);
        }
        train_set_shift(s, dx, dy);
        return {};
    });
    r.field("draw", [&](const std::string& v) { return read_drawing(s, v); });
    train::TrainSettings t = s.settings;
    r.field("epochs", [&](const std::string& v) { return parse_whole(v, 1, 1000, &t.epochs) ? std::string() : "epochs is 1 to 1000"; });
    r.field("batch", [&](const std::string& v) { return parse_whole(v, 1, 4096, &t.batch) ? std::string() : "batch is 1 to 4096"; });
    r.field("augment", [&](const std::string& v) { return parse_whole(v, 0, 14, &t.augment) ? std::string() : "augment is 0 to 14 pixels"; });
    r.field("seed", [&](const std::string& v) -> std::string {
        long long seed;
        if (!parse_whole(v, 0, 1LL << 53, &seed)) return "seed is a whole number from 0";
        t.seed = static_cast<std::uint64_t>(seed);
        return {};
    });
    r.field("lr", [&](const std::string& v) -> std::string {
        const Result<float> x = parse_number(v);
        if (!x.ok() || !(x.value > 0.0f) || x.value > 100.0f) return "lr is a learning rate above 0 and at most 100";
        t.learning_rate = x.value;
        return {};
    });
    s.settings = t;
    r.field("inside", [&](const std::string& v) -> std::string {
        const int i = train_find(s, v);
        if (i < 0) return "there is no network called '" + v.substr(0, 40) + "'";
        s.inside_net = i;
        return {};
    });
    r.field("class", [&](const std::string& v) -> std::string {
        int c;
        if (!parse_whole(v, 0, 9, &c)) return "class is 0 to 9";
        s.inside_class = c;
        return {};
    });
}

void write_link(const std::any& m, LinkWriter& w) {
    const TrainScene& s = model_as<TrainScene>(m);
    const TrainScene d = train_scene_default();
    if (s.data != d.data) w.add("data", s.data);
    if (s.tab != d.tab) w.add("tab", kTabs[static_cast<int>(s.tab)]);
    std::string nets, default_nets;
    for (const TrainNet& n : s.nets) {
        if (n.shown) nets += (nets.empty() ? "" : ",") + n.preset;
    }
    for (const TrainNet& n : d.nets) {
        if (n.shown) default_nets += (default_nets.empty() ? "" : ",") + n.preset;
    }
    const int custom = train_find(s, "custom");
    if (custom >= 0) w.add("model", model_to_link(s.nets[static_cast<size_t>(custom)].model));
    if (nets != default_nets && !nets.empty()) w.add("nets", nets);
    if (s.drawn && s.drawing.size() == 28 * 28) w.add("draw", drawing_text(s.drawing));
    else if (s.digit != 0) w.add("digit", std::to_string(s.digit + 1));
    if (s.dx || s.dy) w.add("at", std::to_string(s.dx) + "," + std::to_string(s.dy));
    if (s.settings.epochs != d.settings.epochs) w.add("epochs", std::to_string(s.settings.epochs));
    if (s.settings.batch != d.settings.batch) w.add("batch", std::to_string(s.settings.batch));
    if (s.settings.learning_rate != d.settings.learning_rate) w.add("lr", format_value(s.settings.learning_rate));
    if (s.settings.seed != d.settings.seed) w.add("seed", std::to_string(s.settings.seed));
    if (s.settings.augment != d.settings.augment) w.add("augment", std::to_string(s.settings.augment));
    if (s.inside_net != d.inside_net && s.inside_net >= 0 && s.inside_net < static_cast<int>(s.nets.size())) {
        w.add("inside", s.nets[static_cast<size_t>(s.inside_net)].preset);
    }
    if (s.inside_class >= 0) w.add("class", std::to_string(s.inside_class));
}

bool command(std::any& m, const std::string& c) {
    TrainScene& s = model_as<TrainScene>(m);
    if (c == "train") return train_start(s, true).empty();
    if (c == "continue") return train_start(s, false).empty();
    if (c == "pause") return train_pause(s, true), true;
    if (c == "resume") return train_pause(s, false), true;
    if (c == "cancel") return train_cancel(s), true;
    return false;
}

}  // namespace

extern const SceneModel train_scene_model = {
    Scene::Train, "train", [] { return std::any(train_scene_default()); }, read_link, write_link,
    [](const std::any& m) { return train_narration(model_as<TrainScene>(m)); },
    [](const std::any& m, std::string* name) {
        *name = "poollab-train.csv";
        return train_results_csv(model_as<TrainScene>(m));
    },
    [](const std::any& m) { return train_scene_json(model_as<TrainScene>(m)); },
    [](std::any& m, double seconds) { return train_advance(model_as<TrainScene>(m), seconds); },
    nullptr,
    command,
    0, "", train_tasks,  // no undo yet: a model holds a live trainer (shared, not copied) and every network's weights
};

}  // namespace pl
