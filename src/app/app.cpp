#include "app/app.h"

#include <imgui.h>

#include <algorithm>

#include "core/csv.h"
#include "core/json.h"
#include "core/link.h"
#include "platform/platform.h"

void app_init(App& app) {
    if (!heatmap_init()) {
        app.steps_view.notice = "Value colours are drawn cell by cell: " + heatmap_error();
    }
    // A link wins; without one, the state of the last visit comes back.
    std::string link = platform::initial_link();
    if (link.empty() || link == "#") link = platform::load_saved_link();
    if (!link.empty() && link != "#") app_open_link(app, link);
}

namespace {

static_assert(static_cast<int>(Scene::Fields) == static_cast<int>(pl::LinkScene::Fields) &&
                  static_cast<int>(Scene::Shift) == static_cast<int>(pl::LinkScene::Shift),
              "scenes and link scenes in the same order");

pl::LinkState link_state(const App& app) {
    pl::LinkState s;
    s.scene = static_cast<pl::LinkScene>(app.scene);
    s.steps = app.steps;
    s.shift = app.shift;
    s.fields = app.fields;
    s.shift_tab = shift_tab_name(app.shift_view.tab);
    s.embed = app.embed;
    s.controls = app.controls;
    return s;
}

}  // namespace

void app_open_link(App& app, const std::string& fragment) {
    app.link_notices.clear();
    const pl::LinkState s = pl::read_link(fragment, link_state(app), embedded_mnist7(), &app.link_notices);
    app.scene = static_cast<Scene>(s.scene);
    app.steps = s.steps;
    app.shift = s.shift;
    app.fields = s.fields;
    app.embed = s.embed;
    app.controls = s.controls;
    for (int t = 0; t < kShiftTabCount; ++t) {
        if (s.shift_tab == shift_tab_name(static_cast<ShiftTab>(t))) {
            app.shift_view.tab = static_cast<ShiftTab>(t);
            app.shift_view.tab_requested = true;
        }
    }
}

std::string app_export_csv(const App& app, std::string* name) {
    std::string out;
    switch (app.scene) {
        case Scene::Steps:
            *name = "poollab-steps.csv";
            pl::append_long_csv(&out, "input", app.steps.input);
            if (app.steps.error.empty()) pl::append_long_csv(&out, "output", app.steps.result.output);
            break;
        case Scene::Shift: {
            *name = "poollab-shift.csv";
            const int k = pl::op_index(app.shift.focus);
            const std::string op = pl::downsample_name(app.shift.focus);
            pl::append_long_csv(&out, "original", app.shift.feature);
            pl::append_long_csv(&out, "shifted", app.shift.shifted);
            if (app.shift.errors[static_cast<size_t>(k)].empty()) {
                pl::append_long_csv(&out, op + " of original", app.shift.before[static_cast<size_t>(k)]);
                pl::append_long_csv(&out, op + " of shifted", app.shift.after[static_cast<size_t>(k)]);
            }
            break;
        }
        case Scene::Fields: {
            *name = "poollab-fields.csv";
            const pl::Summary& s = app.fields.shown_summary;
            out = "layer,type,output_shape,params,receptive_field_rows,receptive_field_cols,jump,start_row,start_col,activations,multiply_adds\n";
            for (size_t i = 0; i < s.layers.size(); ++i) {
                const pl::LayerInfo& l = s.layers[i];
                out += std::to_string(i + 1) + "," + pl::layer_kind_name(app.fields.shown.layers[i].kind) + "," + pl::shape_text(l.out) + "," +
                       std::to_string(l.params) + "," + (l.whole_input ? "all,all,,," : std::to_string(l.rf_h.size) + "," + std::to_string(l.rf_w.size) + "," +
                       std::to_string(l.rf_h.jump) + "," + std::to_string(l.rf_h.start) + "," + std::to_string(l.rf_w.start)) + "," +
                       std::to_string(l.activations) + "," + std::to_string(l.macs) + "\n";
            }
            break;
        }
    }
    return out;
}

std::string app_link(const App& app) { return pl::link_fragment(link_state(app), embedded_mnist7()); }

void app_shutdown(App& app) {
    app.steps_view.input_map.release();
    app.steps_view.output_map.release();
    app.shift_view.maps.release();
    heatmap_shutdown();
}

const char* scene_name(Scene scene) {
    switch (scene) {
        case Scene::Steps: return "steps";
        case Scene::Shift: return "shift";
        case Scene::Fields: return "fields";
    }
    return "?";
}

bool parse_scene(const std::string& name, Scene* scene) {
    for (int i = 0; i < kSceneCount; ++i) {
        if (name == scene_name(static_cast<Scene>(i))) {
            *scene = static_cast<Scene>(i);
            return true;
        }
    }
    return false;
}

namespace {

// A sentence about what the scene shows now, for screen readers.
std::string narration(const App& app) {
    switch (app.scene) {
        case Scene::Steps: {
            const pl::StepsScene& s = app.steps;
            if (!s.error.empty()) return "Cannot pool: " + s.error;
            if (s.steps.empty()) return {};
            const int i = pl::steps_current(s);
            return pl::step_sentence(s.steps[static_cast<size_t>(i)], i, pl::steps_count(s), s.params.op);
        }
        case Scene::Shift: {
            const pl::ShiftScene& s = app.shift;
            const int k = pl::op_index(s.focus);
            return "Shift " + std::to_string(s.dx) + ", " + std::to_string(s.dy) + ". " + pl::downsample_title(s.focus) + ": " +
                   pl::explain_shift(s.focus, s.params, s.dx, s.dy, s.metrics[static_cast<size_t>(k)]);
        }
        case Scene::Fields: return pl::field_explanation(app.fields);
    }
    return {};
}

// What a link could not restore, until dismissed.
void link_notices_banner(App& app) {
    if (!app.link_notices.empty()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.95f, 0.85f, 1.0f));
        const float h = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<size_t>(app.link_notices.size(), 4) + 1) +
                        ImGui::GetStyle().WindowPadding.y * 2;
        ImGui::BeginChild("link notices", ImVec2(0, h), true);
        ImGui::TextUnformatted("This link had settings PoolLab could not use; the defaults stand in for them:");
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Dismiss").x - 16));
        const bool dismiss = ImGui::SmallButton("Dismiss");
        for (const std::string& n : app.link_notices) ImGui::BulletText("%s", n.c_str());
        ImGui::EndChild();
        ImGui::PopStyleColor();
        if (dismiss) app.link_notices.clear();
    }
}

// The keyboard shortcuts of every scene, in a window over the app ('?' or F1).
void help_window(App& app) {
    if (!app.help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, 640.0f * app.ratio), 0));
    if (ImGui::Begin("Keyboard shortcuts", &app.help, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        struct Group {
            const char* title;
            const char* keys;
        };
        static const Group groups[] = {
            {"Everywhere", "Tab next scene \u00b7 ? or F1 this help \u00b7 Esc close it"},
            {"Step through pooling", "Space play/pause \u00b7 \u2190 \u2192 step \u00b7 Home restart \u00b7 End last step \u00b7 O operation \u00b7 "
                                     "P padding \u00b7 W/w window \u00b7 S/s stride \u00b7 +/\u2212 input size \u00b7 R randomise \u00b7 "
                                     "1 course example \u00b7 7 MNIST \"7\""},
            {"Shift invariance", "\u2190\u2191\u2192\u2193 shift \u00b7 Home no shift \u00b7 C zero/circular \u00b7 O operation \u00b7 "
                                 "[ ] tabs \u00b7 1-7 features \u00b7 W/w window \u00b7 S/s stride"},
            {"Receptive fields", "1-7 presets \u00b7 C conv \u00b7 M max pool \u00b7 A avg pool \u00b7 F flatten \u00b7 D dense \u00b7 "
                                 "X remove the last layer \u00b7 U remove/restore pooling \u00b7 \u2190\u2191\u2192\u2193 move the picked "
                                 "unit \u00b7 [ ] pick a layer below / above"},
        };
        ImGui::PushTextWrapPos(0);
        for (const Group& g : groups) {
            theme::section(g.title);
            ImGui::TextUnformatted(g.keys);
        }
        ImGui::Spacing();
        ImGui::TextDisabled("The mouse does the rest: click cells to edit them, drag the shifted map, click units to see their fields.");
        ImGui::PopTextWrapPos();
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) app.help = false;
    }
    ImGui::End();
}

void scene_shortcuts(App& app) {
    if (!app.controls) {  // a view-only figure takes no keys
        app.keys.clear();
        return;
    }
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) {
        if (ch == '?' && !ImGui::GetIO().WantTextInput) app.help = !app.help;
    }
    for (ShortcutKey k : app.keys) {
        if (k == ShortcutKey::Help) app.help = !app.help;
    }
    if (app.help) {  // the help window has the keyboard
        app.keys.clear();
        return;
    }
    for (ShortcutKey k : app.keys) {
        if (k == ShortcutKey::NextScene && !ImGui::GetIO().WantTextInput) {
            app.scene = static_cast<Scene>((static_cast<int>(app.scene) + 1) % kSceneCount);
        }
    }
    if (app.scene == Scene::Steps) steps_view_shortcuts(app.steps, app.steps_view, app.keys);
    if (app.scene == Scene::Shift) shift_view_shortcuts(app.shift, app.shift_view, app.keys);
    if (app.scene == Scene::Fields) field_view_shortcuts(app.fields, app.field_view, app.keys);
    app.keys.clear();
}

// The bar that picks the scene, with the scene's one-line description.
void scene_bar(App& app) {
    static const char* full_titles[kSceneCount] = {"Step through pooling", "Shift invariance", "Receptive fields"};
    static const char* short_titles[kSceneCount] = {"Steps", "Shift", "Fields"};
    const char* const* titles = app.narrow ? short_titles : full_titles;
    static const char* blurbs[kSceneCount] = {
        "Watch a window slide over the input and write one output cell per step.",
        "Move a feature by a pixel and see where pooling keeps the output and where it breaks.",
        "Build a layer stack and see how far into the input each unit sees."};
    if (app.narrow) {
        if (ImGui::Button(app.panel_open ? "Close" : "Settings")) app.panel_open = !app.panel_open;
    } else {
        ImGui::PushFont(app.fonts.large);
        ImGui::TextUnformatted("PoolLab");
        ImGui::PopFont();
    }
    for (int i = 0; i < kSceneCount; ++i) {
        ImGui::SameLine();
        const bool selected = static_cast<int>(app.scene) == i;
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImVec4(0.37f, 0.21f, 0.69f, 1.0f) : ImGui::GetStyle().Colors[ImGuiCol_Button]);
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? ImVec4(1, 1, 1, 1) : ImGui::GetStyle().Colors[ImGuiCol_Text]);
        if (ImGui::Button(titles[i])) app.scene = static_cast<Scene>(i);
        ImGui::PopStyleColor(2);
    }
    if (app.narrow) {  // the rest of the bar in a menu
        ImGui::SameLine();
        if (ImGui::Button("More")) ImGui::OpenPopup("more");
        if (ImGui::BeginPopup("more")) {
            if (ImGui::MenuItem("Copy link")) platform::copy_text(platform::link_address(app_link(app)));
            if (ImGui::MenuItem("Save a PNG")) app.png_requested = true;
            if (ImGui::MenuItem("Save the grids as CSV")) {
                std::string name;
                const std::string text = app_export_csv(app, &name);
                platform::download(name, "text/csv", text);
            }
            if (ImGui::MenuItem("Keyboard shortcuts")) app.help = true;
            ImGui::EndPopup();
        }
        return;
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", blurbs[static_cast<int>(app.scene)]);
    // Reset and Copy link, at the right end of the bar.
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* copy = "Copy link";
    const char* reset = "Reset";
    const char* keys = "Keys";
    const char* png = "PNG";
    const char* csv = "CSV";
    float w = style.ItemSpacing.x * 4;
    for (const char* b : {copy, reset, keys, png, csv}) w += ImGui::CalcTextSize(b).x + style.FramePadding.x * 2;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
    auto centre = [] { return ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f, (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f); };
    if (ImGui::Button(png)) app.png_requested = true;
    app.png_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save the view as a PNG picture");
    ImGui::SameLine();
    if (ImGui::Button(csv)) {
        std::string name;
        const std::string text = app_export_csv(app, &name);
        platform::download(name, "text/csv", text);
    }
    app.csv_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save this scene's grids (or its layer table) as CSV");
    ImGui::SameLine();
    if (ImGui::Button(keys)) app.help = !app.help;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (? or F1)");
    ImGui::SameLine();
    if (ImGui::Button(reset)) {
        switch (app.scene) {  // back to the course example of this scene
            case Scene::Steps: app.steps = pl::steps_scene_course(); break;
            case Scene::Shift: app.shift = pl::shift_scene_default(); break;
            case Scene::Fields: app.fields = pl::field_scene_default(); break;
        }
        app.link_notices.clear();
    }
    app.reset_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the course example of this scene");
    ImGui::SameLine();
    if (ImGui::Button(copy)) platform::copy_text(platform::link_address(app_link(app)));
    app.copy_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens PoolLab exactly as it is now");
}

}  // namespace

void app_frame(App& app, float dt) {
    pl::steps_advance(app.steps, dt);
    scene_shortcuts(app);
    // Tell screen readers when what the scene shows changes.
    if (std::string said = narration(app); said != app.narration) {
        app.narration = said;
        platform::announce(said);
    }
    // Keep the address bar's link in step with the state, a few times a second.
    const double now = ImGui::GetTime();
    if (now - app.link_checked_at >= 0.25) {
        app.link_checked_at = now;
        const std::string link = app_link(app);
        if (link != app.shown_link) {
            app.shown_link = link;
            platform::show_link(link);
            platform::save_link(link);
        }
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const bool was_narrow = app.narrow;
    app.narrow = vp->WorkSize.x < 760.0f * app.ratio;
    if (app.narrow != was_narrow) app.panel_open = false;
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("PoolLab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    if (!app.embed) scene_bar(app);
    link_notices_banner(app);
    help_window(app);
    // Embedded, the settings panel goes; a view-only figure also loses the transport and the tabs.
    SceneLayout layout{!app.embed && !app.narrow, app.controls, false};
    if (app.narrow && app.panel_open && !app.embed && app.controls) layout.panel_only = true;
    if (app.scene == Scene::Steps) steps_view_draw(app.steps, app.steps_view, app.fonts, app.ratio, layout);
    if (app.scene == Scene::Shift) shift_view_draw(app.shift, app.shift_view, app.fonts, app.ratio, layout);
    if (app.scene == Scene::Fields) field_view_draw(app.fields, app.field_view, app.fonts, app.ratio, layout);
    ImGui::End();
    ++app.frame;
}

std::string app_state_json(const App& app) {
    std::string buttons;
    for (auto [name, at] : {std::pair{"copy_link", app.copy_button}, {"reset", app.reset_button}, {"png", app.png_button}, {"csv", app.csv_button}}) {
        buttons += (buttons.empty() ? "\"" : ",\"") + std::string(name) + "\":[" + std::to_string(at.x / app.ratio) + "," + std::to_string(at.y / app.ratio) + "]";
    }
    std::string notices = "[";
    for (const std::string& n : app.link_notices) notices += (notices.size() > 1 ? "," : "") + pl::json_quote(n);
    notices += "]";
    return "{\"frame\":" + std::to_string(app.frame) + ",\"ratio\":" + std::to_string(app.ratio) + ",\"scene\":\"" +
           scene_name(app.scene) + "\",\"steps\":" + pl::steps_scene_json(app.steps) +
           ",\"view\":" + steps_view_json(app.steps_view, app.ratio) + ",\"shift\":" + pl::shift_scene_json(app.shift) +
           ",\"shift_view\":" + shift_view_json(app.shift_view, app.ratio) + ",\"fields\":" + pl::field_scene_json(app.fields) +
           ",\"field_view\":" + field_view_json(app.field_view, app.ratio) + ",\"link\":" + pl::json_quote(app.shown_link) +
           ",\"link_notices\":" + notices + ",\"help\":" + (app.help ? "true" : "false") +
           ",\"embed\":" + (app.embed ? "true" : "false") + ",\"controls\":" + (app.controls ? "true" : "false") + ",\"narrow\":" + (app.narrow ? "true" : "false") + ",\"buttons\":{" + buttons + "}}";
}
