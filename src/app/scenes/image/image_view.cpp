// The picture scene's settings panel, keyboard shortcuts, tab bar, and the
// way pictures arrive (files, drops, samples).
#include "app/scenes/image/image_view.h"

#include <algorithm>
#include <cstdio>

#include "app/scenes/image/image_parts.h"
#include "app/scenes/scene_parts.h"
#include "core/csv.h"
#include "core/image.h"
#include "core/json.h"
#include "platform/platform.h"

using pl::ImageScene;

namespace {

const char* kSampleTitles[] = {"Rocket", "Astronaut", "Text", "Cat"};
const char* kPatternTitles[] = {"Stripes", "Checkerboard", "Grating", "Zone plate"};
static_assert(sizeof(kSampleTitles) / sizeof(kSampleTitles[0]) == sizeof(pl::kImageSamples) / sizeof(pl::kImageSamples[0]), "a title per sample");
static_assert(sizeof(kPatternTitles) / sizeof(kPatternTitles[0]) == sizeof(pl::kImagePatterns) / sizeof(pl::kImagePatterns[0]), "a title per pattern");
constexpr int kSamples = static_cast<int>(sizeof(pl::kImageSamples) / sizeof(pl::kImageSamples[0]));
constexpr int kSources = kSamples + static_cast<int>(sizeof(pl::kImagePatterns) / sizeof(pl::kImagePatterns[0]));  // samples, then patterns

void pick_source(ImageScene& s, ImageView& v, int index) {
    if (index < kSamples) {
        const std::string name = pl::kImageSamples[index];
        const std::string bytes = platform::request_sample(name);
        if (!bytes.empty()) {
            image_view_picture_arrived(s, v, bytes, name + ".jpg", name);
        } else {
            v.requested = name;  // the page fetches it; it arrives between frames
            v.notice = std::string("Loading the sample picture '") + kSampleTitles[index] + "'...";
        }
    } else {
        pl::image_load_pattern(s, pl::kImagePatterns[index - kSamples]);
        v.notice = std::string("Test pattern: ") + kPatternTitles[index - kSamples] + ", made by code.";
    }
    v.zoom = MapZoom{};
    v.pin_stage = -1;
}

int source_index(const ImageScene& s) {
    for (int i = 0; i < kSources; ++i)
        if (s.source == (i < kSamples ? pl::kImageSamples[i] : pl::kImagePatterns[i - kSamples])) return i;
    return -1;
}

// Desktop: the path typed into the panel; the bytes come back through the shell (image_view_picture_arrived).
void open_path(ImageScene&, ImageView& v) { platform::open_local_file(v.path); }

bool kernel_combo(const char* label, const std::string& current, std::string* chosen, float width) {
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(label, pl::image_kernel_title(current))) {
        for (const char* k : pl::kImageKernels) {
            if (ImGui::Selectable(pl::image_kernel_title(k), current == k)) {
                *chosen = k;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// Sets the typed weight; "" or why not.
void commit_weight(ImageScene& s, ImageView& v) {
    v.edit_error = pl::image_edit_kernel(s, v.edit_stage, v.edit_row, v.edit_col, v.edit_text);
}

// The popup that edits one weight of `stage`. Enter, Set, Tab or a click
// elsewhere sets the typed value; a bad one keeps the popup open with the
// reason, or (once it closed) is named under the weights. Esc cancels.
void weight_editor(ImageScene& s, ImageView& v, int stage, float ratio) {
    if (v.edit_stage != stage) return;
    const bool was_open = v.edit_open;
    v.edit_open = ImGui::BeginPopup("edit weight");
    v.edit_active = false;
    if (!v.edit_open) {
        if (was_open) {  // closed by a click elsewhere: keep what was typed
            commit_weight(s, v);
            if (!v.edit_error.empty()) {
                v.edit_error = "Weight at row " + std::to_string(v.edit_row + 1) + ", column " + std::to_string(v.edit_col + 1) +
                               " was not changed: " + v.edit_error;
            }
        }
        return;
    }
    ImGui::Text("Weight at row %d, column %d", v.edit_row + 1, v.edit_col + 1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(120 * ratio);
    const bool enter = ImGui::InputText("##weight", v.edit_text, sizeof v.edit_text,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    v.edit_active = ImGui::IsItemActive();
    const bool left_field = ImGui::IsItemDeactivatedAfterEdit() && !enter;  // Tab or a click in the popup
    ImGui::SameLine();
    if (ImGui::Button("Set") || enter || left_field) {
        commit_weight(s, v);
        if (v.edit_error.empty()) {
            ImGui::CloseCurrentPopup();
            v.edit_open = v.edit_active = false;
        } else {
            ImGui::SetKeyboardFocusHere(-1);  // keep typing
        }
    }
    if (v.edit_open && !v.edit_error.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kError), "%s", v.edit_error.c_str());
    ImGui::TextDisabled("Enter (or a click elsewhere) sets it, Esc cancels");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        v.edit_error.clear();
        ImGui::CloseCurrentPopup();
        v.edit_open = v.edit_active = false;
    }
    ImGui::EndPopup();
}

// The kernel's weights as small buttons; a click opens an editor for one weight.
void kernel_grid(ImageScene& s, ImageView& v, int stage, float ratio) {
    const pl::Grid& k = s.stages[static_cast<size_t>(stage)].kernel;
    const float side = std::min(46.0f * ratio, (ImGui::GetContentRegionAvail().x - 8 * ratio) / static_cast<float>(k.cols) - 4 * ratio);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(3 * ratio, 3 * ratio));
    for (int r = 0; r < k.rows; ++r) {
        for (int c = 0; c < k.cols; ++c) {
            if (c) ImGui::SameLine();
            std::string label = pl::format_value(k.at(r, c));
            if (label.size() > 6) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%.3g", static_cast<double>(k.at(r, c)));
                label = buf;
            }
            label += "##k" + std::to_string(stage) + "_" + std::to_string(r) + "_" + std::to_string(c);
            const bool clicked = ImGui::Button(label.c_str(), ImVec2(side, side * 0.7f));
            const std::string widget = "k" + std::to_string(stage) + "_" + std::to_string(r) + "_" + std::to_string(c);
            image_parts::note_widget(v, widget.c_str());
            if (clicked) {
                if (v.edit_open) commit_weight(s, v);  // another weight clicked while one is edited: keep that one first
                v.edit_stage = stage;
                v.edit_row = r;
                v.edit_col = c;
                std::snprintf(v.edit_text, sizeof v.edit_text, "%s", pl::format_value(k.at(r, c)).c_str());
                v.edit_error.clear();
                v.edit_open = false;  // a new popup: the last one's value is set above
                ImGui::OpenPopup("edit weight");
            }
        }
    }
    ImGui::PopStyleVar();
    weight_editor(s, v, stage, ratio);
    if (v.edit_stage == stage && !v.edit_open && !v.edit_error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kError), "%s", v.edit_error.c_str());
        ImGui::PopTextWrapPos();
    }
}

// The desktop's fallback when there is no file dialog: a path typed into a popup.
void draw_open_path_popup(ImageScene& s, ImageView& v, float ratio) {
    if (!ImGui::BeginPopup("open path")) return;
    ImGui::TextUnformatted("A PNG, JPEG, BMP or GIF file (or drop one on the window):");
    ImGui::SetNextItemWidth(360 * ratio);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText("##path", v.path, sizeof v.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Open") || enter) {
        open_path(s, v);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The samples and test patterns two to a row (the one shown pressed), opening
// a picture of one's own, and what became of the last one.
void draw_picture_source(ImageScene& s, ImageView& v, float w, float half, float ratio) {
    theme::section("PICTURE");
    const int current = source_index(s);
    for (int i = 0; i < kSources; ++i) {
        if (i % 2) ImGui::SameLine();
        const bool on = i == current;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(i < kSamples ? kSampleTitles[i] : kPatternTitles[i - kSamples], ImVec2(half, 0))) pick_source(s, v, i);
        if (on) ImGui::PopStyleColor();
    }
    if (ImGui::Button("Open a picture", ImVec2(w, 0))) {
        if (!platform::open_picture_dialog()) ImGui::OpenPopup("open path");
    }
    draw_open_path_popup(s, v, ratio);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Or drop a picture on the page. Pictures become grayscale; the longest side is at most %d pixels.",
                        pl::kWorkingImageSide);
    if (!s.notice.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.notice_is_error ? theme::kError : theme::kMuted), "%s", s.notice.c_str());
    ImGui::PopTextWrapPos();
}

// Zoom without a wheel, keys or a pinch (a touch screen): the maps of a tab share it.
void draw_zoom(ImageView& v, float w, float ratio) {
    theme::section("ZOOM");
    const float third = (w - 8 * ratio) / 3.0f;
    if (ImGui::Button("\u2212##zoom", ImVec2(third, 0))) image_parts::zoom_by(v.zoom, 1.0f / 1.5f);
    image_parts::note_widget(v, "-");
    ImGui::SameLine();
    if (ImGui::Button("+##zoom", ImVec2(third, 0))) image_parts::zoom_by(v.zoom, 1.5f);
    image_parts::note_widget(v, "+");
    ImGui::SameLine();
    if (ImGui::Button("Fit##zoom", ImVec2(third, 0))) v.zoom = MapZoom{};
    image_parts::note_widget(v, "fit");
}

// The conv -> ReLU -> pool chain: each stage's filter and its weights, one or
// two stages, ReLU, the convolution's padding and the pooling.
void draw_feature_maps(ImageScene& s, ImageView& v, float w, float ratio) {
    theme::section("FEATURE MAPS");
    for (int k = 0; k < s.stage_count; ++k) {
        std::string chosen;
        const std::string label = k == 0 ? "Filter##k0" : "Filter 2##k1";
        if (kernel_combo(label.c_str(), s.stages[static_cast<size_t>(k)].kernel_name, &chosen, w * 0.7f)) pl::image_set_kernel(s, k, chosen);
        kernel_grid(s, v, k, ratio);
    }
    int stages = s.stage_count;
    if (ImGui::RadioButton("One stage", &stages, 1)) pl::image_set_stage_count(s, 1);
    ImGui::SameLine();
    if (ImGui::RadioButton("Two stages", &stages, 2)) pl::image_set_stage_count(s, 2);
    bool use_relu = s.use_relu;
    int padding = s.conv_padding == pl::Padding::Same ? 1 : 0;
    int op = s.pool_op == pl::PoolOp::Average ? 1 : 0;
    bool changed = ImGui::Checkbox("ReLU after the convolution", &use_relu);
    changed |= ImGui::RadioButton("valid##cpad", &padding, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("same padding", &padding, 1);
    changed |= ImGui::RadioButton("Max pool##fop", &op, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("Average pool", &op, 1);
    if (changed) pl::image_set_chain(s, padding ? pl::Padding::Same : pl::Padding::Valid, use_relu, op ? pl::PoolOp::Average : pl::PoolOp::Max);
}

// Asks for a patch to go to the steps scene or the shift lab (send_patch does it after the frame).
void draw_send(ImageView& v, float half) {
    theme::section("USE IN THE OTHER SCENES");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("A patch around the pinned cell (or the middle of the view): 16×16 of feature map 1 to step through, "
                        "32×32 of the picture to shift.");
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Step through it", ImVec2(half, 0))) v.send_to_steps = true;
    ImGui::SameLine();
    if (ImGui::Button("Shift it", ImVec2(half, 0))) v.send_to_shift = true;
}

// The digit pad's filter, and clearing the pad or drawing the course's "7" on it.
void draw_digit(ImageScene& s, float w, float half) {
    theme::section("DRAW A DIGIT");
    std::string chosen;
    if (kernel_combo("Filter##digit", s.digit_kernel, &chosen, w * 0.7f)) pl::image_set_digit_kernel(s, chosen);
    if (ImGui::Button("Clear", ImVec2(half, 0))) pl::image_digit_clear(s);
    ImGui::SameLine();
    if (ImGui::Button("Example \"7\"", ImVec2(half, 0))) pl::image_digit_example(s);
}

// Only the settings the tab on show uses: the digit pad has its own filter,
// and patches are sent from the feature maps.
void draw_panel(ImageScene& s, ImageView& v, float ratio) {
    const float w = ImGui::GetContentRegionAvail().x;
    const float half = w * 0.5f - 4 * ratio;
    if (s.tab == pl::ImageTab::Digit) {
        draw_digit(s, w, half);
        return;
    }
    draw_picture_source(s, v, w, half, ratio);
    draw_zoom(v, w, ratio);
    if (s.tab != pl::ImageTab::Features) return;
    draw_feature_maps(s, v, w, ratio);
    draw_send(v, half);
}

}  // namespace

void image_view_picture_arrived(ImageScene& s, ImageView& v, std::string_view bytes, const std::string& name, const std::string& source) {
    if (source != "file" && source != v.requested && !v.requested.empty()) return;  // an older request, overtaken
    v.requested.clear();
    if (pl::image_load_bytes(s, bytes, name, source)) {
        v.notice = "Picture: " + (source == "file" ? "'" + name + "'" : name) + ", " + pl::size_text(s.picture.cols, s.picture.rows) + " pixels.";
        v.zoom = MapZoom{};
        v.pin_stage = -1;
    } else {
        v.notice.clear();
    }
}

void image_view_picture_refused(ImageScene& s, ImageView& v, const std::string& message) {
    v.requested.clear();
    v.notice.clear();
    s.picture_pending = false;
    s.notice = message + ". The picture shown has not changed.";
    s.notice_is_error = true;
}

void image_view_shortcuts(ImageScene& s, ImageView& v, const std::vector<ShortcutKey>& keys) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    const float step = 0.1f / v.zoom.zoom;
    for (ShortcutKey k : keys) {
        switch (k) {
            case ShortcutKey::Left: v.zoom.cx -= step; break;
            case ShortcutKey::Right: v.zoom.cx += step; break;
            case ShortcutKey::Up: v.zoom.cy -= step; break;
            case ShortcutKey::Down: v.zoom.cy += step; break;
            case ShortcutKey::Home: v.zoom = MapZoom{}; break;
            default: break;
        }
    }
    for (ImWchar ch : io.InputQueueCharacters) {
        if (ch >= '1' && ch < '1' + kSources) pick_source(s, v, ch - '1');
        switch (ch) {
            case '+': case '=': image_parts::zoom_by(v.zoom, 1.5f); break;
            case '-': image_parts::zoom_by(v.zoom, 1.0f / 1.5f); break;
            case '0': v.zoom = MapZoom{}; break;
            case '[': case ']':
                s.tab = static_cast<pl::ImageTab>((static_cast<int>(s.tab) + (ch == ']' ? 1 : pl::kImageTabCount - 1)) % pl::kImageTabCount);
                v.tab_requested = true;
                break;
            case 'k': case 'K': {  // the next filter for the first stage
                const int n = static_cast<int>(sizeof(pl::kImageKernels) / sizeof(pl::kImageKernels[0]));
                int i = 0;
                while (i < n && s.stages[0].kernel_name != pl::kImageKernels[i]) ++i;
                pl::image_set_kernel(s, 0, pl::kImageKernels[(i + 1) % n]);
                break;
            }
            case 't': case 'T': v.send_to_steps = true; break;
            case 's': case 'S': v.send_to_shift = true; break;
            case 'r': case 'R': pl::image_set_chain(s, s.conv_padding, !s.use_relu, s.pool_op); break;
            case 'o': case 'O': platform::open_picture_dialog(); break;
            default: break;
        }
    }
    image_parts::clamp_zoom(v.zoom);
}

void image_view_draw(ImageScene& s, ImageView& v, const Fonts& f, float ratio, SceneLayout layout) {
    v.maps.begin_frame();
    v.layouts.clear();
    v.widgets.clear();
    // A sample named by a link (or the default) is fetched the first time the scene is shown.
    if (s.picture_pending && v.requested != s.source) {
        const int i = source_index(s);
        if (i >= 0 && i < kSamples) pick_source(s, v, i);
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.3f, 230.0f * ratio, 330.0f * ratio);
    if (!scene_parts::settings_panel("image controls", panel_w, avail.y, layout, [&] { draw_panel(s, v, ratio); })) return;
    scene_parts::begin_stage("image stage", avail.y);
    static const char* titles[pl::kImageTabCount] = {"Pool the picture", "Feature maps", "Draw a digit"};
    static const char* short_titles[pl::kImageTabCount] = {"Pool", "Features", "Digit"};
    scene_parts::tab_bar("image tabs", titles, short_titles, pl::kImageTabCount, layout.controls, &s.tab, &v.shown_tab, &v.tab_requested);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = scene_parts::stage_avail();
    switch (s.tab) {
        case pl::ImageTab::Pyramid: image_parts::draw_pyramid_tab(s, v, f, ratio, pos, size, layout.controls); break;
        case pl::ImageTab::Features: image_parts::draw_features_tab(s, v, f, ratio, pos, size, layout.controls); break;
        case pl::ImageTab::Digit: image_parts::draw_digit_tab(s, v, f, ratio, pos, size, layout.controls); break;
    }
    scene_parts::end_stage();
}

std::string image_view_json(const ImageScene& s, const ImageView& v, float ratio) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("tab").value(pl::image_tab_name(s.tab));
    j.key("zoom").value(v.zoom.zoom);
    j.key("center").begin_array().value(v.zoom.cx).value(v.zoom.cy).end_array();
    j.key("hover").begin_object();
    j.key("map").value(v.hover.map).key("row").value(v.hover.row).key("col").value(v.hover.col).key("value").value(v.hover.value);
    j.end_object();
    j.key("erase").value(v.erase);
    j.key("pinned").begin_array().value(v.pin_stage).value(v.pin_row).value(v.pin_col).end_array();
    j.key("widgets").begin_object();
    for (const auto& [label, at] : v.widgets) j.key(label).begin_array().value(at.x / ratio).value(at.y / ratio).end_array();
    j.end_object();
    j.key("layouts").begin_object();
    for (const auto& [name, layout] : v.layouts) {
        j.key(name);
        write_layout_json(j, layout, ratio);
    }
    j.end_object();
    j.key("requested").value(v.requested);
    j.key("notice").value(v.notice);
    j.key("kernel_error").value(v.edit_error);
    j.key("kernel_editing").value(v.edit_open);
    j.key("kernel_edit_active").value(v.edit_active);
    j.end_object();
    return j.str();
}

namespace {

ImageView g_view;

// "Step through it" and "Shift it": a patch of the first feature map (after
// ReLU) or of the picture, around the pinned pooled cell or the middle of the
// view, becomes the step-through scene's or the shift lab's input.
void send_patch(const ImageScene& s, ImageView& v, SceneFrame& frame) {
    if (!v.send_to_steps && !v.send_to_shift) return;
    // The centre, as a fraction of the picture.
    float fr = v.zoom.cy, fc = v.zoom.cx;
    if (v.pin_stage >= 0) {
        const pl::ImageTrace t = pl::image_trace(s, v.pin_stage, v.pin_row, v.pin_col);
        if (t.ok && !s.picture.empty()) {
            fr = 0.5f * static_cast<float>(t.picture_patch.r0 + t.picture_patch.r1) / static_cast<float>(s.picture.rows);
            fc = 0.5f * static_cast<float>(t.picture_patch.c0 + t.picture_patch.c1) / static_cast<float>(s.picture.cols);
        }
    }
    auto patch = [&](const pl::Grid& g, int side) {
        const int r = static_cast<int>(fr * static_cast<float>(g.rows)), c = static_cast<int>(fc * static_cast<float>(g.cols));
        return pl::image_patch(g, r, c, side, 0.01f);
    };
    if (v.send_to_steps && !s.stages[0].activated.empty()) {
        frame.send = true;
        frame.send_to = pl::Scene::Steps;
        frame.send_grid = patch(s.stages[0].activated, 16);
    } else if (v.send_to_shift && !s.picture.empty()) {
        frame.send = true;
        frame.send_to = pl::Scene::Shift;
        frame.send_grid = patch(s.picture, 32);
    }
    v.send_to_steps = v.send_to_shift = false;
}

}  // namespace

extern const SceneView image_scene_view = {
    pl::Scene::Image, "Pictures", "Pictures", "Pool a real picture, and the feature maps a network would pool.",
    "1-8 pictures \u00b7 O open a file \u00b7 [ ] tabs \u00b7 K next filter \u00b7 R ReLU on/off \u00b7 "
    "+/\u2212 zoom \u00b7 0 or Home fit \u00b7 \u2190\u2191\u2192\u2193 pan \u00b7 T step through a patch \u00b7 S shift a patch",
    true,
    [] { g_view.maps.release(); },
    [](std::any& m, const std::vector<ShortcutKey>& keys) { image_view_shortcuts(pl::model_as<ImageScene>(m), g_view, keys); },
    [](std::any& m, SceneFrame& f) {
        image_view_draw(pl::model_as<ImageScene>(m), g_view, f.fonts, f.ratio, f.layout);
        send_patch(pl::model_as<ImageScene>(m), g_view, f);
    },
    [](const std::any& m, float ratio) { return image_view_json(pl::model_as<ImageScene>(m), g_view, ratio); },
    [](std::any& m, std::string_view bytes, const std::string& name, const std::string& source) {
        image_view_picture_arrived(pl::model_as<ImageScene>(m), g_view, bytes, name, source);
    },
    [](std::any& m, const std::string& message) { image_view_picture_refused(pl::model_as<ImageScene>(m), g_view, message); },
};
