// The receptive-field scene as the shell sees it: its link fields, narration
// and the layer table as CSV.
#include "core/csv.h"
#include "core/layers.h"
#include "core/link.h"
#include "core/parse.h"
#include "core/scene.h"
#include "core/scenes/fields/field_scene.h"

namespace pl {

namespace {

std::string read_model(FieldScene& fs, const std::string& v) {
    if (find_model_preset(v)) {
        field_load_preset(fs, v);
        return {};
    }
    Result<Model> m = model_from_link(v);
    if (!m.ok()) return m.error;
    fs.model = m.value;
    fs.preset = "custom";
    fs.shown = Model{};
    fs.shown_summary = Summary{};
    field_refresh(fs);
    return {};
}

// unit=LAYER,ROW,COLUMN counting from 1.
std::string read_unit(FieldScene& fs, const std::string& v) {
    long long l, r, c;
    const size_t a = v.find(','), b = v.find(',', a == std::string::npos ? a : a + 1);
    if (a == std::string::npos || b == std::string::npos || !parse_whole(std::string_view(v).substr(0, a), 1, 64, &l) ||
        !parse_whole(std::string_view(v).substr(a + 1, b - a - 1), 1, 100000, &r) || !parse_whole(std::string_view(v).substr(b + 1), 1, 100000, &c)) {
        return "the unit is layer,row,column counting from 1";
    }
    // Pick it, and put back the unit there was when it is not in the stack as shown.
    const int was_layer = fs.unit_layer, was_row = fs.unit_row, was_col = fs.unit_col;
    field_pick_unit(fs, static_cast<int>(l - 1), static_cast<int>(r - 1), static_cast<int>(c - 1));
    std::string why;
    if (fs.unit_layer != l - 1) {
        why = "there is no layer " + count_text(l) + " to pick a unit in";
    } else if (fs.unit_row != r - 1 || fs.unit_col != c - 1) {  // clamped into the layer's output
        const Summary& sum = fs.without_pool ? fs.plain_summary : fs.shown_summary;
        const Shape& out = sum.layers[static_cast<size_t>(l - 1)].out;
        why = "layer " + count_text(l) + "'s output is " + (out.rank == 3 ? size_text(out.h, out.w) : "a vector, whose unit is " + std::to_string(l) + ",1,1");
    }
    if (!why.empty()) {
        fs.unit_layer = was_layer;
        fs.unit_row = was_row;
        fs.unit_col = was_col;
        field_refresh(fs);
    }
    return why;
}

void read_link(std::any& m, LinkReader& r) {
    FieldScene& fs = model_as<FieldScene>(m);
    r.field("model", [&](const std::string& v) { return read_model(fs, v); });
    r.field("nopool", [&](const std::string& v) -> std::string {
        if (v != "0" && v != "1") return "nopool is 0 or 1";
        fs.without_pool = v == "1";
        field_refresh(fs);
        return {};
    });
    r.field("unit", [&](const std::string& v) { return read_unit(fs, v); });
}

void write_link(const std::any& m, LinkWriter& w) {
    const FieldScene& fs = model_as<FieldScene>(m);
    const ModelPreset* p = find_model_preset(fs.preset);
    w.add("model", p && p->model == fs.model ? fs.preset : model_to_link(fs.model));
    if (fs.unit_layer >= 0) {
        w.add("unit", std::to_string(fs.unit_layer + 1) + "," + std::to_string(fs.unit_row + 1) + "," + std::to_string(fs.unit_col + 1));
    }
    if (fs.without_pool) w.add("nopool", "1");
}

std::string csv(const std::any& m, std::string* name) {
    const FieldScene& fs = model_as<FieldScene>(m);
    *name = "poollab-fields.csv";
    const Summary& s = fs.shown_summary;
    std::string out =
        "layer,type,output_shape,params,receptive_field_rows,receptive_field_cols,jump,start_row,start_col,activations,multiply_adds\n";
    for (size_t i = 0; i < s.layers.size(); ++i) {
        const LayerInfo& l = s.layers[i];
        const std::string field = l.whole_input ? "all,all,,," : std::to_string(l.rf_h.size) + "," + std::to_string(l.rf_w.size) + "," +
                                                                     std::to_string(l.rf_h.jump) + "," + std::to_string(l.rf_h.start) + "," +
                                                                     std::to_string(l.rf_w.start);
        out += std::to_string(i + 1) + "," + layer_kind_name(fs.shown.layers[i].kind) + "," + shape_text(l.out) + "," + std::to_string(l.params) +
               "," + field + "," + std::to_string(l.activations) + "," + std::to_string(l.macs) + "\n";
    }
    return out;
}

}  // namespace

extern const SceneModel fields_scene_model = {
    Scene::Fields, "fields", [] { return std::any(field_scene_default()); }, read_link, write_link,
    [](const std::any& m) { return field_explanation(model_as<FieldScene>(m)); }, csv, [](const std::any& m) { return field_scene_json(model_as<FieldScene>(m)); },
    nullptr, nullptr, nullptr, 50, "", field_tasks,
};

}  // namespace pl
