// The steps scene's settings panel, its presets and its keyboard shortcuts.
#include <algorithm>
#include <initializer_list>

#include "app/scenes/steps/steps_parts.h"
#include "app/widgets/term.h"
#include "core/csv.h"

using pl::PoolOp;
using pl::StepsScene;

namespace {

constexpr int kMaxSliderParam = 8;   // window and stride sliders go 1..8
constexpr int kMaxSliderInput = 32;  // input size sliders go 1..32

// A row of radio buttons that wraps onto the next line when the panel is narrow;
// with `terms`, each button explains its word (the glossary's id, or nullptr).
bool radio_row(int* value, std::initializer_list<const char*> labels, std::initializer_list<const char*> terms = {}) {
    bool changed = false;
    int i = 0;
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const char* label : labels) {
        if (i > 0) {
            float w = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
            float right = ImGui::GetItemRectMax().x + style.ItemSpacing.x + w;
            if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
        }
        changed |= ImGui::RadioButton(label, value, i);
        if (static_cast<size_t>(i) < terms.size() && terms.begin()[i]) term::tip(terms.begin()[i]);
        ++i;
    }
    return changed;
}

}  // namespace

namespace steps_parts {

namespace {

// The presets, a random input and a cleared one.
void draw_presets(StepsScene& s, StepsView& v, float ratio) {
    theme::section("PRESETS");
    float w = ImGui::GetContentRegionAvail().x;
    if (ImGui::Button("Course example 4\u00d74", ImVec2(w, 0))) load_course(s, v);
    if (ImGui::Button("MNIST \"7\" 26\u00d726", ImVec2(w, 0))) load_mnist(s, v);
    if (ImGui::Button("Randomise", ImVec2(w * 0.5f - 4 * ratio, 0))) randomise(s, v);
    ImGui::SameLine();
    if (ImGui::Button("Clear", ImVec2(-1, 0))) {
        std::fill(s.input.values.begin(), s.input.values.end(), 0.0f);
        s.preset = "custom";
        pl::steps_refresh(s);
    }
}

// Max, average or min. The pooling sections edit `p`; the panel applies it once after them.
void draw_operation(pl::PoolParams& p) {
    theme::section("OPERATION");
    int op = static_cast<int>(p.op);
    radio_row(&op, {"Max", "Average", "Min"}, {"max-pooling", "average-pooling", "min-pooling"});
    p.op = static_cast<PoolOp>(op);
}

// One window and stride slider each, or one per axis; joining the axes again
// gives the columns the rows' values.
void draw_window_and_stride(pl::PoolParams& p, StepsView& v, float ratio) {
    theme::section("WINDOW AND STRIDE");
    ImGui::PushItemWidth(-ImGui::CalcTextSize("Stride cols").x - 8 * ratio);
    if (v.separate_axes) {
        ImGui::SliderInt("Window rows", &p.size_rows, 1, kMaxSliderParam);
        term::tip("window");
        ImGui::SliderInt("Window cols", &p.size_cols, 1, kMaxSliderParam);
        term::tip("window");
        ImGui::SliderInt("Stride rows", &p.stride_rows, 1, kMaxSliderParam);
        term::tip("stride");
        ImGui::SliderInt("Stride cols", &p.stride_cols, 1, kMaxSliderParam);
        term::tip("stride");
    } else {
        int size = p.size_rows, stride = p.stride_rows;
        if (ImGui::SliderInt("Window", &size, 1, kMaxSliderParam)) p.size_rows = p.size_cols = size;
        term::tip("window");
        if (ImGui::SliderInt("Stride", &stride, 1, kMaxSliderParam)) p.stride_rows = p.stride_cols = stride;
        term::tip("stride", "Here: the window moves " + pl::count_text(p.stride_cols, "cell") +
                                " from one output to the next.");
    }
    ImGui::PopItemWidth();
    if (ImGui::Checkbox("Rows and columns apart", &v.separate_axes) && !v.separate_axes) {
        p.size_cols = p.size_rows;
        p.stride_cols = p.stride_rows;
    }
}

// Valid or same, and what that does at the edge.
void draw_padding(pl::PoolParams& p) {
    theme::section("PADDING");
    int pad = static_cast<int>(p.padding);
    radio_row(&pad, {"valid", "same"}, {"valid-padding", "same-padding"});
    p.padding = static_cast<pl::Padding>(pad);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled(p.padding == pl::Padding::Valid
                            ? "Windows stay inside the input; cells left over at the edge are dropped."
                            : "Output = ceil(input / stride). Padded cells (hatched) take no part; "
                              "the extra one goes after, as in TensorFlow.");
    ImGui::PopTextWrapPos();
}

// The input's rows and columns.
void draw_input_size(StepsScene& s, float ratio) {
    theme::section("INPUT SIZE");
    int rows = s.input.rows, cols = s.input.cols;
    ImGui::PushItemWidth(-ImGui::CalcTextSize("Stride cols").x - 8 * ratio);
    bool resized = ImGui::SliderInt("Rows", &rows, pl::kStepsMinSide, kMaxSliderInput);
    resized |= ImGui::SliderInt("Columns", &cols, pl::kStepsMinSide, kMaxSliderInput);
    ImGui::PopItemWidth();
    if (resized) pl::steps_resize_input(s, rows, cols);
}

// The output size formula for each axis with the numbers put in, and the padding 'same' adds.
void draw_output_size(const StepsScene& s) {
    theme::section("OUTPUT SIZE");
    std::string fr = pl::output_size_formula(s.input.rows, s.params.size_rows, s.params.stride_rows, s.params.padding);
    std::string fc = pl::output_size_formula(s.input.cols, s.params.size_cols, s.params.stride_cols, s.params.padding, "columns");
    ImGui::PushTextWrapPos(0);
    ImGui::Text("rows:  %s", fr.c_str());
    ImGui::Text("cols:  %s", fc.c_str());
    if (s.error.empty()) {
        ImGui::Text("Output %d\u00d7%d", s.result.output.rows, s.result.output.cols);
        if (s.params.padding == pl::Padding::Same) {
            ImGui::TextDisabled("padding: %d above, %d below, %d left, %d right", s.result.rows_axis.pad_before,
                                s.result.rows_axis.pad_after, s.result.cols_axis.pad_before, s.result.cols_axis.pad_after);
        }
    }
    ImGui::PopTextWrapPos();
}

// How the cells are coloured: by window region, by value, or (Auto) by region while the windows do not overlap and the output is small.
void draw_colours(StepsView& v) {
    theme::section("COLOURS");
    int c = static_cast<int>(v.colouring);
    radio_row(&c, {"Auto", "Regions", "Values"});
    v.colouring = static_cast<Colouring>(c);
}

// The shortcuts and what clicking a cell does, where a student looking for a control will see them.
void draw_keys() {
    theme::section("KEYS");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Space play/pause \u00b7 \u2190 \u2192 step \u00b7 Home restart \u00b7 End last step \u00b7 "
                        "O operation \u00b7 P padding \u00b7 W/w window \u00b7 S/s stride \u00b7 +/\u2212 input size \u00b7 "
                        "R randomise \u00b7 1 course example \u00b7 7 MNIST \u00b7 C the code. "
                        "Click an input cell to edit it, an output cell to jump to its step.");
    ImGui::PopTextWrapPos();
}

}  // namespace

void draw_controls(StepsScene& s, StepsView& v, float ratio) {
    draw_presets(s, v, ratio);
    // One change of the parameters, so the steps are worked out once for all three sections.
    pl::PoolParams p = s.params;
    draw_operation(p);
    draw_window_and_stride(p, v, ratio);
    draw_padding(p);
    if (!(p == s.params)) pl::steps_set_params(s, p);
    draw_input_size(s, ratio);
    draw_output_size(s);
    draw_colours(v);
    theme::section("CODE");
    if (ImGui::Button("Show the code")) v.code.open = !v.code.open;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("This pooling in NumPy, PyTorch, Keras and TensorFlow.js (C)");
    draw_keys();
}

void load_mnist(StepsScene& s, StepsView& v) {
    pl::steps_load(s, pl::course_mnist7(), pl::PoolParams{}, "mnist7");
    v.notice = "MNIST \"7\": a 26×26 feature map from the course, pooled 2×2 with stride 2 to 13×13.";
}

void load_course(StepsScene& s, StepsView& v) {
    s = pl::steps_scene_course();
    v.notice = "The course example: 4×4 input, 2×2 window, stride 2.";
}

void cycle_op(StepsScene& s) {
    pl::PoolParams p = s.params;
    p.op = p.op == PoolOp::Max ? PoolOp::Average : p.op == PoolOp::Average ? PoolOp::Min : PoolOp::Max;
    pl::steps_set_params(s, p);
}

void randomise(StepsScene& s, StepsView& v) {
    pl::steps_randomise(s, v.next_seed++);
    v.notice = "Random digits 0-9. Click any cell to change it.";
}

}  // namespace steps_parts

void steps_view_shortcuts(StepsScene& s, StepsView& v, const std::vector<ShortcutKey>& keys) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    for (ShortcutKey k : keys) {
        switch (k) {
            case ShortcutKey::Space: pl::steps_play_pause(s); break;
            case ShortcutKey::Right: pl::steps_forward(s); break;
            case ShortcutKey::Left: pl::steps_back(s); break;
            case ShortcutKey::Home: pl::steps_home(s); break;
            case ShortcutKey::End: pl::steps_end(s); break;
            default: break;
        }
    }
    for (ImWchar ch : io.InputQueueCharacters) {
        switch (ch) {
            case 'o': case 'O': steps_parts::cycle_op(s); break;
            case 'p': case 'P': {
                pl::PoolParams p = s.params;
                p.padding = p.padding == pl::Padding::Valid ? pl::Padding::Same : pl::Padding::Valid;
                pl::steps_set_params(s, p);
                break;
            }
            case 'r': case 'R': steps_parts::randomise(s, v); break;
            case 'w': case 'W': case 's': case 'S': {
                pl::PoolParams p = s.params;
                const int d = (ch == 'w' || ch == 's') ? 1 : -1;
                int& rows = (ch == 'w' || ch == 'W') ? p.size_rows : p.stride_rows;
                int& cols = (ch == 'w' || ch == 'W') ? p.size_cols : p.stride_cols;
                rows = std::clamp(rows + d, 1, kMaxSliderParam);
                cols = std::clamp(cols + d, 1, kMaxSliderParam);
                pl::steps_set_params(s, p);
                break;
            }
            case '+': case '=': pl::steps_resize_input(s, s.input.rows + 1, s.input.cols + 1); break;
            case '-': pl::steps_resize_input(s, s.input.rows - 1, s.input.cols - 1); break;
            case '1': steps_parts::load_course(s, v); break;
            case '7': steps_parts::load_mnist(s, v); break;
            case 'c': case 'C': v.code.open = !v.code.open; break;
            default: break;
        }
    }
}
