#include "core/scenes/steps/steps_scene.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/csv.h"
#include "core/json.h"

namespace pl {

Grid course_example_input() {
    // Regions: top-left orange (max 9), top-right green (8), bottom-left blue (6), bottom-right yellow (5).
    return Grid::from_rows({{1, 3, 4, 8},
                            {2, 9, 1, 2},
                            {6, 1, 3, 5},
                            {0, 4, 2, 1}});
}

StepsScene steps_scene_course() {
    StepsScene s;
    steps_load(s, course_example_input(), PoolParams{}, "course");
    return s;
}

void steps_load(StepsScene& s, Grid input, const PoolParams& params, const std::string& preset) {
    s.input = std::move(input);
    s.params = params;
    s.preset = preset;
    s.playhead = 0.0;
    s.playing = false;
    steps_refresh(s);
}

void steps_refresh(StepsScene& s) {
    Result<PoolResult> r = pool2d(s.input, s.params);
    s.error = r.error;
    s.result = std::move(r.value);
    s.steps = r.ok() ? pool_steps(s.input, s.result, s.params.op) : std::vector<PoolStep>{};
    const double last = std::max(0, steps_count(s) - 1);
    s.playhead = std::clamp(s.playhead, 0.0, last);
    if (s.steps.empty()) s.playing = false;
}

void steps_set_params(StepsScene& s, const PoolParams& p) {
    s.params = p;
    steps_refresh(s);
}

void steps_resize_input(StepsScene& s, int rows, int cols) {
    rows = std::clamp(rows, kStepsMinSide, kStepsMaxSide);
    cols = std::clamp(cols, kStepsMinSide, kStepsMaxSide);
    if (rows == s.input.rows && cols == s.input.cols) return;
    s.input = resized(s.input, rows, cols, 0.0f);
    s.preset = "custom";
    steps_refresh(s);
}

std::string steps_edit_cell(StepsScene& s, int row, int col, const std::string& text) {
    if (!s.input.contains(row, col)) return "there is no cell at row " + count_text(row + 1) + ", column " + count_text(col + 1);
    Result<float> v = parse_number(text);
    if (!v.ok()) return v.error;
    s.input.at(row, col) = v.value;
    s.preset = "custom";
    steps_refresh(s);
    return {};
}

void steps_randomise(StepsScene& s, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> digit(0, 9);
    for (float& v : s.input.values) v = static_cast<float>(digit(rng));
    s.preset = "custom";
    s.playhead = 0.0;
    steps_refresh(s);
}

int steps_count(const StepsScene& s) { return static_cast<int>(s.steps.size()); }

int steps_current(const StepsScene& s) {
    // A small tolerance so that 2.9999999 after a float animation counts as step 3.
    return std::clamp(static_cast<int>(std::floor(s.playhead + 1e-6)), 0, std::max(0, steps_count(s) - 1));
}

void steps_play_pause(StepsScene& s) {
    if (s.steps.empty()) return;
    if (!s.playing && steps_current(s) >= steps_count(s) - 1) s.playhead = 0.0;
    s.playing = !s.playing;
}

void steps_forward(StepsScene& s) {
    s.playing = false;
    steps_seek(s, steps_current(s) + 1);
}

void steps_back(StepsScene& s) {
    s.playing = false;
    // Mid-travel, "back" returns to the step the window left.
    double target = s.playhead - steps_current(s) > 1e-6 ? steps_current(s) : steps_current(s) - 1;
    steps_seek(s, target);
}

void steps_home(StepsScene& s) {
    s.playing = false;
    steps_seek(s, 0.0);
}

void steps_end(StepsScene& s) {
    s.playing = false;
    steps_seek(s, steps_count(s) - 1);
}

void steps_seek(StepsScene& s, double playhead) {
    s.playhead = std::clamp(playhead, 0.0, static_cast<double>(std::max(0, steps_count(s) - 1)));
}

void steps_set_speed(StepsScene& s, float steps_per_second) {
    s.speed = std::isfinite(steps_per_second) ? std::clamp(steps_per_second, kStepsMinSpeed, kStepsMaxSpeed) : 1.0f;
}

void steps_advance(StepsScene& s, double seconds) {
    if (!s.playing || !(seconds > 0.0)) return;
    const double last = std::max(0, steps_count(s) - 1);
    s.playhead = std::min(s.playhead + seconds * s.speed, last);
    if (s.playhead >= last) s.playing = false;
}

std::string steps_scene_json(const StepsScene& s) {
    JsonWriter j;
    j.begin_object();
    j.key("scene").value("steps");
    j.key("preset").value(s.preset);
    j.key("op").value(op_name(s.params.op));
    j.key("size").begin_array().value(s.params.size_rows).value(s.params.size_cols).end_array();
    j.key("stride").begin_array().value(s.params.stride_rows).value(s.params.stride_cols).end_array();
    j.key("padding").value(padding_name(s.params.padding));
    j.key("input").grid(s.input);
    j.key("error").value(s.error);
    j.key("output").grid(s.result.output);
    j.key("formula").begin_array()
        .value(output_size_formula(s.input.rows, s.params.size_rows, s.params.stride_rows, s.params.padding))
        .value(output_size_formula(s.input.cols, s.params.size_cols, s.params.stride_cols, s.params.padding, "columns"))
        .end_array();
    j.key("step").value(steps_current(s));
    j.key("steps").value(steps_count(s));
    j.key("playhead").value(s.playhead);
    j.key("playing").value(s.playing);
    j.key("speed").value(s.speed);
    if (!s.steps.empty()) {
        const PoolStep& st = s.steps[static_cast<size_t>(steps_current(s))];
        j.key("current").begin_object();
        j.key("out").begin_array().value(st.out_row).value(st.out_col).end_array();
        j.key("window").begin_array().value(st.window.row).value(st.window.col).value(st.window.rows).value(st.window.cols).end_array();
        j.key("winner").begin_array().value(st.winner_row).value(st.winner_col).end_array();
        j.key("result").value(st.result);
        j.key("arithmetic").value(st.arithmetic);
        j.key("sentence").value(step_sentence(st, steps_current(s), steps_count(s), s.params.op));
        j.end_object();
    }
    j.end_object();
    return j.str();
}

}  // namespace pl
