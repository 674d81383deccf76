// poollab summary: the layer table Keras prints, with receptive fields and
// costs, for a model file or a preset.
#include <cstdio>
#include <ostream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/layers.h"

namespace pl {
namespace cli_parts {

namespace {

// "Conv2D(64, 3×3, valid)": the layer as the table's first column names it.
std::string layer_label(const Layer& l) {
    std::string s = layer_kind_title(l.kind);
    auto pair = [](int h, int w) { return size_text(h, w); };
    if (l.kind == LayerKind::Conv2D) {
        s += "(" + count_text(l.units) + ", " + pair(l.kernel_h, l.kernel_w);
        if (l.stride_h > 1 || l.stride_w > 1) s += ", stride " + pair(l.stride_h, l.stride_w);
        if (l.dilation_h > 1 || l.dilation_w > 1) s += ", dilation " + pair(l.dilation_h, l.dilation_w);
        s += std::string(", ") + padding_name(l.padding) + ")";
    } else if (is_windowed_pool(l.kind)) {
        s += "(" + pair(l.kernel_h, l.kernel_w) + ", stride " + pair(l.stride_h, l.stride_w) + ", " + padding_name(l.padding) + ")";
    } else if (l.kind == LayerKind::Dense) {
        s += "(" + count_text(l.units) + ")";
    }
    return s;
}

// One row of the table, in the columns Keras's summary uses and ours adds.
void write_table_row(std::ostream& out, const std::string& layer, const std::string& shape, const std::string& params,
                     const std::string& field, const std::string& jump, const std::string& start) {
    // Padded by characters, not bytes: a "×" is two bytes of UTF-8 and one character on screen.
    auto pad = [](const std::string& text, size_t width, bool right) {
        size_t chars = 0;
        for (char ch : text) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
        const std::string fill(chars < width ? width - chars : 0, ' ');
        return right ? fill + text : text + fill;
    };
    out << pad(layer, 40, false) << ' ' << pad(shape, 18, false) << ' ' << pad(params, 13, true) << "  " << pad(field, 15, false) << ' '
        << pad(jump, 9, false) << ' ' << start << '\n';
}

// Layer `number` (from 1) of the table; after Flatten or global pooling each unit sees the whole input.
void write_layer_row(std::ostream& out, int number, const Layer& layer, const LayerInfo& l) {
    const std::string label = std::to_string(number) + " " + layer_label(layer);
    const std::string rf = l.whole_input ? "whole input" : size_text(l.rf_h.size, l.rf_w.size);
    const std::string jump = l.whole_input ? "-" : l.rf_h.jump == l.rf_w.jump ? count_text(l.rf_h.jump) : size_text(l.rf_h.jump, l.rf_w.jump);
    const std::string start = l.whole_input ? "-" : count_text(l.rf_h.start) + ", " + count_text(l.rf_w.start);
    write_table_row(out, label, shape_text(l.out), group_thousands(l.params), rf, jump, start);
}

// The table up to the first layer that fails, and the totals.
void write_summary_table(std::ostream& out, const Model& m, const Summary& s) {
    const std::string rule(112, '-');
    write_table_row(out, "Layer", "Output shape", "Params", "Receptive field", "Jump", "Start");
    out << rule << '\n';
    write_table_row(out, "Input", shape_text(m.input), "0", size_text(1, 1), "1", "0, 0");
    for (size_t i = 0; i < s.layers.size(); ++i) write_layer_row(out, static_cast<int>(i) + 1, m.layers[i], s.layers[i]);
    out << rule << '\n';
    if (!s.error.empty()) {  // partial sums would read as the model's totals
        out << "No totals: layer " << s.layers.size() + 1 << " of " << m.layers.size() << " could not be worked out\n";
        return;
    }
    out << "Total params: " << group_thousands(s.total_params) << '\n';
    out << "Activations: " << group_thousands(s.total_activations) << ", multiply-adds: " << group_thousands(s.total_macs) << '\n';
}

// One layer's row of the table as JSON; counts as exact 64-bit integers (a double would round past 2^53).
void write_layer_json(JsonWriter& j, const Layer& layer, const LayerInfo& l) {
    j.begin_object();
    j.key("type").value(layer_kind_name(layer.kind));
    j.key("output_shape").begin_array();
    if (l.out.rank == 3) j.value(l.out.h).value(l.out.w);
    j.value(l.out.c).end_array();
    j.key("params").value(l.params);
    j.key("whole_input").value(l.whole_input);
    j.key("receptive_field").begin_array().value(l.rf_h.size).value(l.rf_w.size).end_array();
    j.key("jump").begin_array().value(l.rf_h.jump).value(l.rf_w.jump).end_array();
    j.key("start").begin_array().value(l.rf_h.start).value(l.rf_w.start).end_array();
    j.key("activations").value(l.activations);
    j.key("multiply_adds").value(l.macs);
    j.end_object();
}

// The table's numbers, and the error (or null), for scripts.
void write_summary_json(std::ostream& out, const Model& m, const Summary& s) {
    JsonWriter j;
    j.begin_object();
    // A layer's "start" (where its first unit's field begins) counts input pixels from 0, as programs index;
    // the app's table counts them from 1.
    j.key("positions_count_from").value(0);
    j.key("input").begin_array().value(m.input.h).value(m.input.w).value(m.input.c).end_array();
    j.key("layers").begin_array();
    for (size_t i = 0; i < s.layers.size(); ++i) write_layer_json(j, m.layers[i], s.layers[i]);
    j.end_array();
    j.key("total_params");
    if (s.error.empty()) {
        j.value(s.total_params);
    } else {
        j.null();  // the layers after the failing one are not counted
    }
    j.key("error");
    if (s.error.empty()) {
        j.null();
    } else {
        j.value(s.error);
    }
    j.end_object();
    out << j.str() << '\n';
}

// What summary takes on the command line.
struct SummaryOptions {
    bool json = false;
    std::string preset;  // --preset NAME, or
    std::string file;    // a model file ("-" for standard input): one of the two
};

// Summary's options into *o: kGoOn, or the exit code to stop with.
int read_summary_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, SummaryOptions* o) {
    Arguments args(list, "summary", out, err);
    while (args.more()) {
        const std::string& a = args.next();
        if (a == "--json") {
            o->json = true;
        } else if (a == "--preset") {
            if (!args.value_of(a, &o->preset)) return kExitUsage;
        } else if (int code = read_input_name(args, a, "model file", &o->file); code != kGoOn) {
            return code;
        }
    }
    if (!o->preset.empty() && !o->file.empty()) {  // one would be ignored
        const std::string other = o->file == "-" ? "standard input" : "the file '" + o->file + "'";
        err << "poollab: summary takes one model: --preset " << o->preset << " or " << other << ", not both\n";
        return kExitUsage;
    }
    return kGoOn;
}

// The preset, or the model in the file (or standard input): kGoOn, or the exit code to stop with.
int load_model(const SummaryOptions& o, std::istream& in, std::ostream& err, Model* model) {
    if (!o.preset.empty()) {
        const ModelPreset* p = find_model_preset(o.preset);
        if (!p) {
            err << "poollab: no preset called '" << o.preset << "'\n";
            return kExitUsage;
        }
        *model = p->model;
        return kGoOn;
    }
    std::string text;
    if (!read_input(o.file, in, err, &text)) return kExitBadData;
    Result<Model> m = parse_model(text);
    if (!m.ok()) {
        err << "poollab: " << input_source(o.file) << ": " << m.error << '\n';
        return kExitBadData;
    }
    *model = std::move(m.value);
    return kGoOn;
}

}  // namespace

int run_summary(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    SummaryOptions o;
    if (int code = read_summary_options(args, out, err, &o); code != kGoOn) return code;
    Model model;
    if (int code = load_model(o, in, err, &model); code != kGoOn) return code;
    const Summary s = summarize(model);
    // A model that fails part-way still shows the layers that worked, so the student sees where it broke.
    if (o.json) {
        write_summary_json(out, model, s);
    } else {
        write_summary_table(out, model, s);
    }
    if (!s.error.empty()) {
        err << "poollab: " << s.error << '\n';
        return kExitBadData;
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
