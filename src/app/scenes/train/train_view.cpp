// The trained-networks scene's view: the data and pretrained weights fetched
// when it first opens, the panel (data, networks, training), the tab bar,
// the keys, and its part of the test hook.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/scenes/scene_parts.h"
#include "app/scenes/train/train_parts.h"
#include "app/widgets/term.h"
#include "app/widgets/theme.h"
#include "app/widgets/wrap.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/link.h"
#include "core/train/presets.h"
#include "platform/dataset_fetch.h"

using pl::TrainScene;

namespace train_parts {

void note_widget(TrainView& v, const char* name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    v.widgets.emplace_back(name, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f));
}

void wrapped(const std::string& text, bool muted, ImU32 colour) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const ImU32 c = colour ? colour : muted ? theme::kMuted : theme::kInk;
    const float h = draw_wrapped_text(ImGui::GetWindowDrawList(), ImGui::GetFont(), at, c, text, w);
    ImGui::Dummy(ImVec2(w, std::max(h, 1.0f)));
}

void colour_key(int net) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + h * 0.2f), ImVec2(at.x + h * 0.6f, at.y + h * 0.8f), net_colour(net));
    ImGui::Dummy(ImVec2(h * 0.6f, h));
    ImGui::SameLine();
}

ImU32 net_colour(int i) {
    static const ImU32 c[] = {IM_COL32(0, 0, 0, 255),       IM_COL32(230, 159, 0, 255),  IM_COL32(86, 180, 233, 255),
                              IM_COL32(0, 158, 115, 255),   IM_COL32(213, 94, 0, 255),   IM_COL32(0, 114, 178, 255),
                              IM_COL32(204, 121, 167, 255), IM_COL32(140, 120, 20, 255), IM_COL32(120, 120, 120, 255)};
    return c[static_cast<size_t>(i) % (sizeof c / sizeof c[0])];
}

namespace {

// Asks for the data and the pretrained weights, and takes what arrived.
void fetch(TrainScene& s, TrainView& v) {
    if (v.data_asked != s.data) {  // a new dataset: everything asked for the old one is moot
        v.data_asked = s.data;
        v.weights_asked.clear();
    }
    if (s.data_state == pl::DataState::Missing) platform::fetch_dataset(s.data);
    if (s.data_state != pl::DataState::Ready) {
        const platform::DataFetch f = platform::dataset_fetch(s.data);
        switch (f.state) {
            case platform::DataFetch::State::Loading: pl::train_data_loading(s, f.fraction); break;
            case platform::DataFetch::State::Failed: pl::train_data_failed(s, f.error); break;
            case platform::DataFetch::State::Ready: pl::train_take_data(s, s.data, platform::take_dataset_bytes(s.data)); break;
            case platform::DataFetch::State::Idle:
                if (s.data_state == pl::DataState::Loading) platform::fetch_dataset(s.data);  // taken by an earlier copy of the scene
                break;
        }
        if (s.data_state != pl::DataState::Ready) return;
    }
    for (const std::string& name : pl::train_weights_wanted(s)) {
        const std::string file = "w-" + pl::train_weights_file(s.data, name);
        if (!v.weights_asked.count(file)) {
            v.weights_asked.insert(file);
            platform::fetch_dataset(file);
        }
        const platform::DataFetch f = platform::dataset_fetch(file);
        if (f.state == platform::DataFetch::State::Ready) {
            pl::train_take_weights(s, name, platform::take_dataset_bytes(file));
        } else if (f.state == platform::DataFetch::State::Failed) {
            const int i = pl::train_find(s, name);
            if (i >= 0 && s.nets[static_cast<size_t>(i)].message.empty()) {
                s.nets[static_cast<size_t>(i)].message = "No pretrained weights came (" + f.error + "); press Train to train it here.";
            }
        }
    }
}

void data_section(TrainScene& s, TrainView& v) {
    theme::section("DATA");
    static const char* names[] = {"mnist", "fashion", "where"};
    static const char* titles[] = {"Digits (MNIST)", "Fashion-MNIST", "Where: dot above or below a bar"};
    int at = 0;
    for (int i = 0; i < 3; ++i) at = s.data == names[i] ? i : at;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##data", titles[at])) {
        for (int i = 0; i < 3; ++i) {
            if (ImGui::Selectable(titles[i], i == at)) pl::train_set_data(s, names[i]);
        }
        ImGui::EndCombo();
    }
    note_widget(v, "data");
    switch (s.data_state) {
        case pl::DataState::Missing: wrapped("Asking for the data.", true); break;
        case pl::DataState::Loading:
            if (s.data_fraction >= 0) ImGui::ProgressBar(static_cast<float>(s.data_fraction), ImVec2(-1, 0), "loading the data");
            else ImGui::TextDisabled("Loading the data.");
            break;
        case pl::DataState::Failed:
            wrapped(s.data_message, false, theme::kError);
            if (ImGui::Button("Retry")) {
                s.data_state = pl::DataState::Missing;
                s.data_message.clear();
            }
            note_widget(v, "retry");
            break;
        case pl::DataState::Ready:
            wrapped(pl::count_text(s.split->train.count(), "picture") + " to learn from, " + pl::count_text(s.split->test.count()) +
                    " held out to test.", true);
            if (s.data == "where") {
                wrapped("A dot above a bar, or below it, at any column. The two are 6 to 8 px apart: farther than one unit of \"Global pooling "
                        "only\" sees (7\u00d77), so only a network that keeps where things are can tell the classes apart.", true);
            }
            break;
    }
}

void networks_section(TrainScene& s, TrainView& v) {
    theme::section("NETWORKS");
    if (ImGui::SmallButton("Kinds of pooling")) {
        for (pl::TrainNet& n : s.nets) n.shown = n.preset.rfind("stages-", 0) != 0;
        s.try_dirty = true;
    }
    note_widget(v, "kinds");
    ImGui::SameLine();
    if (ImGui::SmallButton("How much pooling?")) {
        for (pl::TrainNet& n : s.nets) n.shown = n.preset.rfind("stages-", 0) == 0;
        s.try_dirty = true;
    }
    note_widget(v, "stages");
    // Why not just global pooling? On the where task, global pooling alone is left at chance.
    if (ImGui::SmallButton("Global pooling only?")) {
        pl::train_set_data(s, "where");
        for (pl::TrainNet& n : s.nets) n.shown = n.preset == "no-pool" || n.preset == "max" || n.preset == "gap" || n.preset == "gmp" || n.preset == "global-only";
        s.try_dirty = true;
    }
    note_widget(v, "global");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("On the where task (a dot above or below a bar): networks with local pooling against global pooling only");
    for (size_t i = 0; i < s.nets.size(); ++i) {
        pl::TrainNet& n = s.nets[i];
        ImGui::PushID(static_cast<int>(i));
        bool shown = n.shown;
        ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(net_colour(static_cast<int>(i))));
        if (ImGui::Checkbox(n.title.c_str(), &shown) && n.status != pl::NetStatus::Training) {
            n.shown = shown;
            s.try_dirty = true;
        }
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            const pl::train::TrainPreset* p = pl::train::find_train_preset(n.preset);
            ImGui::SetTooltip("%s\n%s\n%s parameters, %s multiply-adds a picture", p ? p->question : "", pl::model_to_link(n.model).c_str(),
                              pl::count_text(n.params).c_str(), pl::count_text(n.macs).c_str());
        }
        ImGui::PopID();
    }
}

void training_section(TrainScene& s, TrainView& v, float ratio) {
    theme::section("TRAINING");
    const bool busy = pl::train_busy(s);
    pl::train::TrainSettings& t = s.settings;
    ImGui::BeginDisabled(busy);
    ImGui::PushItemWidth(std::max(80.0f * ratio, ImGui::GetContentRegionAvail().x * 0.45f));
    ImGui::SliderInt("epochs", &t.epochs, 1, 30);
    term::tip("epoch");
    note_widget(v, "epochs");
    static const int batches[] = {8, 16, 32, 64, 128};
    char label[16];
    std::snprintf(label, sizeof label, "%d", t.batch);
    const bool batch_open = ImGui::BeginCombo("batch", label);
    term::tip("batch");
    if (batch_open) {
        for (int b : batches) {
            std::snprintf(label, sizeof label, "%d", b);
            if (ImGui::Selectable(label, b == t.batch)) t.batch = b;
        }
        ImGui::EndCombo();
    }
    ImGui::InputFloat("learning rate", &t.learning_rate, 0, 0, "%g");
    term::tip("learning-rate");
    note_widget(v, "lr");
    int seed = static_cast<int>(std::min<std::uint64_t>(t.seed, 1000000000));
    if (ImGui::InputInt("seed", &seed)) t.seed = static_cast<std::uint64_t>(std::clamp(seed, 0, 1000000000));
    ImGui::SliderInt("shift up to", &t.augment, 0, 6, t.augment ? "%d px" : "none");
    term::tip("augmentation");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Augmentation: each training picture moved by up to this many pixels,\nso invariance is learned from data.");
    ImGui::PopItemWidth();
    ImGui::EndDisabled();
    const std::string bad = pl::train::check_settings(t);
    if (!bad.empty()) {
        wrapped("Not trainable: " + bad + ".", false, theme::kError);
    }
    if (!busy) {
        ImGui::BeginDisabled(!s.split || !bad.empty());
        if (ImGui::Button("Train")) v.notice = pl::train_start(s, true);
        note_widget(v, "train");
        ImGui::SameLine();
        if (ImGui::Button("Continue")) v.notice = pl::train_start(s, false);
        note_widget(v, "continue");
        ImGui::EndDisabled();
    } else {
        if (ImGui::Button(s.paused ? "Resume" : "Pause")) pl::train_pause(s, !s.paused);
        note_widget(v, "pause");
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) pl::train_cancel(s);
        note_widget(v, "cancel");
        double left = -1;
        const double p = pl::train_progress(s, &left);
        char text[64];
        if (left >= 0) std::snprintf(text, sizeof text, "%.0f%% \u00b7 about %.0f s left", 100 * p, std::ceil(left));
        else std::snprintf(text, sizeof text, "%.0f%%", 100 * p);
        ImGui::ProgressBar(static_cast<float>(p), ImVec2(-1, 0), text);
    }
    if (!v.notice.empty()) {
        wrapped(v.notice, false, theme::kError);
    }
}

}  // namespace

void draw_panel(TrainScene& s, TrainView& v, float ratio) {
    data_section(s, v);
    training_section(s, v, ratio);
    networks_section(s, v);
    scene_parts::keys_section(kKeys);
}

}  // namespace train_parts

namespace {

TrainView g_view;

void train_shortcuts(TrainScene& s, const std::vector<ShortcutKey>& keys) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    for (ShortcutKey k : keys) {
        if (k == ShortcutKey::Space && pl::train_busy(s)) pl::train_pause(s, !s.paused);
        const int dx = k == ShortcutKey::Left ? -1 : k == ShortcutKey::Right ? 1 : 0;
        const int dy = k == ShortcutKey::Up ? -1 : k == ShortcutKey::Down ? 1 : 0;
        if ((dx || dy) && (s.tab == pl::TrainTab::Try || s.tab == pl::TrainTab::Inside)) pl::train_set_shift(s, s.dx + dx, s.dy + dy);
    }
    for (ImWchar ch : io.InputQueueCharacters) {
        switch (ch) {
            case 't': case 'T':
                if (!pl::train_busy(s)) g_view.notice = pl::train_start(s, true);
                break;
            case 'n': case 'N': pl::train_pick_digit(s, s.digit + 1); break;
            case 'p': case 'P': pl::train_pick_digit(s, s.digit - 1); break;
            case '0': pl::train_set_shift(s, 0, 0); break;
            case '[': s.tab = static_cast<pl::TrainTab>((static_cast<int>(s.tab) + pl::kTrainTabCount - 1) % pl::kTrainTabCount); break;
            case ']': s.tab = static_cast<pl::TrainTab>((static_cast<int>(s.tab) + 1) % pl::kTrainTabCount); break;
            default: break;
        }
    }
}

void train_draw(TrainScene& s, TrainView& v, const Fonts& f, float ratio, SceneLayout layout) {
    v.widgets.clear();
    v.layouts.clear();
    v.maps.begin_frame();
    train_parts::fetch(s, v);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.28f, 230.0f * ratio, 320.0f * ratio);
    if (!scene_parts::settings_panel("train controls", panel_w, avail.y, layout, [&] { train_parts::draw_panel(s, v, ratio); })) return;
    ImGui::BeginGroup();
    static const char* titles[] = {"Results", "Shift robustness", "Try it", "Inside"};
    static const char* short_titles[] = {"Results", "Shifts", "Try", "Inside"};
    scene_parts::tab_bar("train tabs", titles, short_titles, pl::kTrainTabCount, layout.controls, &s.tab, &v.shown_tab, &v.tab_requested);
    scene_parts::begin_stage("train stage", ImGui::GetContentRegionAvail().y);
    const ImVec2 size = scene_parts::stage_avail();
    if (s.data_state != pl::DataState::Ready) {
        if (s.data_state == pl::DataState::Failed) {
            train_parts::wrapped(s.data_message, false, theme::kError);
            train_parts::wrapped("The networks need their pictures: press Retry in the panel once the connection is back.");
        } else {
            train_parts::wrapped("Loading the pictures the networks learn from and are tested on.");
            if (s.data_fraction >= 0) ImGui::ProgressBar(static_cast<float>(s.data_fraction), ImVec2(std::min(size.x, 400 * ratio), 0));
        }
    } else {
        switch (s.tab) {
            case pl::TrainTab::Results: train_parts::draw_results(s, v, f, ratio, size); break;
            case pl::TrainTab::Shift: train_parts::draw_shift(s, v, f, ratio, size); break;
            case pl::TrainTab::Try: train_parts::draw_try(s, v, f, ratio, size, layout.controls); break;
            case pl::TrainTab::Inside: train_parts::draw_inside(s, v, f, ratio, size, layout.controls); break;
        }
    }
    scene_parts::end_stage();
    ImGui::EndGroup();
}

std::string train_view_json(const TrainView& v, float ratio) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("widgets").begin_object();
    for (const auto& [name, at] : v.widgets) j.key(name).begin_array().value(at.x / ratio).value(at.y / ratio).end_array();
    j.end_object();
    j.key("maps").begin_object();
    for (const auto& [name, g] : v.layouts) {
        j.key(name);
        write_layout_json(j, g, ratio);
    }
    j.end_object();
    j.key("draw_mode").value(v.draw_mode);
    j.key("inside_maps").value(static_cast<int>(v.features.size()));
    j.key("inside_gradients").value(static_cast<int>(v.gradients.size()));
    j.key("big").value(v.big ? v.big_title : std::string());  // the Inside map shown large
    j.end_object();
    return j.str();
}

}  // namespace

extern const SceneView train_scene_view = {
    pl::Scene::Train, "Trained networks", "Train", "Train real networks on real digits: does pooling help, and how shift-robust are they?",
    train_parts::kKeys,
    false,
    [] { g_view.maps.release(); },
    [](std::any& m, const std::vector<ShortcutKey>& keys) { train_shortcuts(pl::model_as<TrainScene>(m), keys); },
    [](std::any& m, SceneFrame& f) { train_draw(pl::model_as<TrainScene>(m), g_view, f.fonts, f.ratio, f.layout); },
    [](const std::any&, float ratio) { return train_view_json(g_view, ratio); },
    nullptr,
    nullptr,
};
