// The step-through scene as the shell sees it: its link fields, narration,
// CSV, animation and the commands of the page's embedding API.
#include <cstdlib>

#include "core/csv.h"
#include "core/link.h"
#include "core/parse.h"
#include "core/scene.h"
#include "core/scenes/steps/steps_scene.h"

namespace pl {

namespace {

std::string read_input(StepsScene& st, const std::string& v) {
    if (v == "course") {
        steps_load(st, course_example_input(), st.params, "course");
    } else if (v == "mnist7") {
        steps_load(st, course_mnist7(), st.params, "mnist7");
    } else {
        Result<Grid> g = grid_from_link(v, kStepsMaxSide);
        if (!g.ok()) return g.error;
        if (std::string e = check_grid(g.value); !e.empty()) return e;
        steps_load(st, g.value, st.params, "custom");
    }
    return {};
}

void read_link(std::any& m, LinkReader& r) {
    StepsScene& st = model_as<StepsScene>(m);
    r.field("in", [&](const std::string& v) { return read_input(st, v); });
    PoolParams p = st.params;
    r.field("op", [&](const std::string& v) -> std::string { return parse_op(v, &p.op) ? "" : "the operations are max, average and min"; });
    r.field("size", [&](const std::string& v) -> std::string {
        return parse_size_pair(v, 1, 8, &p.size_rows, &p.size_cols) ? "" : "the window is N or RxC, 1 to 8";
    });
    r.field("stride", [&](const std::string& v) -> std::string {
        return parse_size_pair(v, 1, 8, &p.stride_rows, &p.stride_cols) ? "" : "the stride is N or RxC, 1 to 8";
    });
    r.field("pad", [&](const std::string& v) -> std::string { return parse_padding(v, &p.padding) ? "" : "padding is valid or same"; });
    steps_set_params(st, p);
    r.field("step", [&](const std::string& v) -> std::string {
        long long n;
        if (steps_count(st) == 0) return "there are no steps" + (st.error.empty() ? std::string() : ": " + st.error);
        if (!parse_whole(v, 1, 1 << 20, &n) || n > steps_count(st)) return (steps_count(st) == 1 ? "there is " : "there are ") + count_text(steps_count(st), "step");
        steps_seek(st, static_cast<double>(n - 1));
        return {};
    });
    r.field("speed", [&](const std::string& v) -> std::string {
        Result<float> x = parse_number(v);
        if (!x.ok() || x.value < kStepsMinSpeed || x.value > kStepsMaxSpeed) return "the speed is 0.25 to 30 steps a second";
        steps_set_speed(st, x.value);
        return {};
    });
}

void write_link(const std::any& m, LinkWriter& w) {
    const StepsScene& st = model_as<StepsScene>(m);
    w.add("op", op_name(st.params.op));
    w.add("size", size_pair_text(st.params.size_rows, st.params.size_cols));
    w.add("stride", size_pair_text(st.params.stride_rows, st.params.stride_cols));
    w.add("pad", padding_name(st.params.padding));
    const Grid& mnist7 = course_mnist7();
    const bool course = st.input == course_example_input(), mnist = !mnist7.empty() && st.input == mnist7;
    w.add("in", course ? "course" : mnist ? "mnist7" : grid_to_link(st.input));
    if (steps_count(st) > 0) w.add("step", std::to_string(steps_current(st) + 1));  // none when the window does not fit
    if (st.speed != 1.0f) w.add("speed", format_value(st.speed));
}

std::string narration(const std::any& m) {
    const StepsScene& s = model_as<StepsScene>(m);
    if (!s.error.empty()) return "Cannot pool: " + s.error;
    if (s.steps.empty()) return {};
    const int i = steps_current(s);
    return step_sentence(s.steps[static_cast<size_t>(i)], i, steps_count(s), s.params.op);
}

std::string csv(const std::any& m, std::string* name) {
    const StepsScene& s = model_as<StepsScene>(m);
    *name = "poollab-steps.csv";
    std::string out;
    append_long_csv(&out, "input", s.input);
    if (s.error.empty()) append_long_csv(&out, "output", s.result.output);
    return out;
}

bool take_grid(std::any& m, const Grid& g) {
    StepsScene& s = model_as<StepsScene>(m);
    if (g.rows < kStepsMinSide || g.cols < kStepsMinSide || g.rows > kStepsMaxSide || g.cols > kStepsMaxSide) return false;
    steps_load(s, g, s.params, "custom");
    return true;
}

// "play", "pause", "step N" (N may be negative).
bool command(std::any& m, const std::string& c) {
    StepsScene& s = model_as<StepsScene>(m);
    if (c == "play") {
        if (!s.playing) steps_play_pause(s);
        return true;
    }
    if (c == "pause") {
        s.playing = false;
        return true;
    }
    long long n;
    if (c.rfind("step ", 0) == 0 && parse_whole(std::string_view(c).substr(5), -100000, 100000, &n)) {
        s.playing = false;
        steps_seek(s, steps_current(s) + static_cast<double>(n));
        return true;
    }
    return false;
}

}  // namespace

extern const SceneModel steps_scene_model = {
    Scene::Steps, "steps", [] { return std::any(steps_scene_course()); }, read_link, write_link, narration, csv,
    [](const std::any& m) { return steps_scene_json(model_as<StepsScene>(m)); },
    [](std::any& m, double seconds) {
        StepsScene& s = model_as<StepsScene>(m);
        steps_advance(s, seconds);
        return s.playing;
    },
    take_grid, command, 50, "step,speed", steps_tasks,
};

}  // namespace pl
