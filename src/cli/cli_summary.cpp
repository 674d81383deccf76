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

std::string layer_label(const Layer& l) {
    std::string s = layer_kind_title(l.kind);
    auto pair = [](int h, int w) { return h == w ? std::to_string(h) + "x" + std::to_string(h) : std::to_string(h) + "x" + std::to_string(w); };
    if (l.kind == LayerKind::Conv2D) {
        s += "(" + std::to_string(l.units) + ", " + pair(l.kernel_h, l.kernel_w);
        if (l.stride_h > 1 || l.stride_w > 1) s += ", stride " + pair(l.stride_h, l.stride_w);
        if (l.dilation_h > 1 || l.dilation_w > 1) s += ", dilation " + pair(l.dilation_h, l.dilation_w);
        s += std::string(", ") + padding_name(l.padding) + ")";
    } else if (l.kind == LayerKind::MaxPool || l.kind == LayerKind::AvgPool) {
        s += "(" + pair(l.kernel_h, l.kernel_w) + ", stride " + pair(l.stride_h, l.stride_w) + ", " + padding_name(l.padding) + ")";
    } else if (l.kind == LayerKind::Dense) {
        s += "(" + std::to_string(l.units) + ")";
    }
    return s;
}

void write_summary_table(std::ostream& out, const Model& m, const Summary& s) {
    char line[256];
    std::snprintf(line, sizeof line, "%-40s %-18s %13s  %-15s %-9s %s\n", "Layer", "Output shape", "Params", "Receptive field", "Jump", "Start");
    out << line << std::string(112, '-') << '\n';
    std::snprintf(line, sizeof line, "%-40s %-18s %13s  %-15s %-9s %s\n", "Input", shape_text(m.input).c_str(), "0", "1 x 1", "1", "0, 0");
    out << line;
    for (size_t i = 0; i < s.layers.size(); ++i) {
        const LayerInfo& l = s.layers[i];
        const std::string label = std::to_string(i + 1) + " " + layer_label(m.layers[i]);
        const std::string rf = l.whole_input ? "whole input" : std::to_string(l.rf_h.size) + " x " + std::to_string(l.rf_w.size);
        const std::string jump = l.whole_input ? "-" : std::to_string(l.rf_h.jump) + (l.rf_h.jump == l.rf_w.jump ? "" : " x " + std::to_string(l.rf_w.jump));
        const std::string start = l.whole_input ? "-" : std::to_string(l.rf_h.start) + ", " + std::to_string(l.rf_w.start);
        std::snprintf(line, sizeof line, "%-40s %-18s %13s  %-15s %-9s %s\n", label.c_str(), shape_text(l.out).c_str(),
                      group_thousands(l.params).c_str(), rf.c_str(), jump.c_str(), start.c_str());
        out << line;
    }
    out << std::string(112, '-') << '\n';
    out << "Total params: " << group_thousands(s.total_params) << '\n';
    out << "Activations: " << group_thousands(s.total_activations) << ", multiply-adds: " << group_thousands(s.total_macs) << '\n';
}

void write_summary_json(std::ostream& out, const Model& m, const Summary& s) {
    JsonWriter j;
    j.begin_object();
    j.key("input").begin_array().value(static_cast<double>(m.input.h)).value(static_cast<double>(m.input.w)).value(static_cast<double>(m.input.c)).end_array();
    j.key("layers").begin_array();
    for (size_t i = 0; i < s.layers.size(); ++i) {
        const LayerInfo& l = s.layers[i];
        j.begin_object();
        j.key("type").value(layer_kind_name(m.layers[i].kind));
        j.key("output_shape").begin_array();
        if (l.out.rank == 3) j.value(static_cast<double>(l.out.h)).value(static_cast<double>(l.out.w));
        j.value(static_cast<double>(l.out.c)).end_array();
        j.key("params").value(static_cast<double>(l.params));
        j.key("whole_input").value(l.whole_input);
        j.key("receptive_field").begin_array().value(static_cast<double>(l.rf_h.size)).value(static_cast<double>(l.rf_w.size)).end_array();
        j.key("jump").begin_array().value(static_cast<double>(l.rf_h.jump)).value(static_cast<double>(l.rf_w.jump)).end_array();
        j.key("start").begin_array().value(static_cast<double>(l.rf_h.start)).value(static_cast<double>(l.rf_w.start)).end_array();
        j.key("activations").value(static_cast<double>(l.activations));
        j.key("multiply_adds").value(static_cast<double>(l.macs));
        j.end_object();
    }
    j.end_array();
    j.key("total_params").value(static_cast<double>(s.total_params));
    j.key("error");
    if (s.error.empty()) {
        j.null();
    } else {
        j.value(s.error);
    }
    j.end_object();
    out << j.str() << '\n';
}

}  // namespace

int run_summary(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    bool json = false;
    std::string file, preset;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--preset" && i + 1 < args.size()) {
            preset = args[++i];
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for summary\n" << kUsage;
            return kExitUsage;
        } else if (file.empty()) {
            file = a;
        } else {
            err << "poollab: one model file at most\n";
            return kExitUsage;
        }
    }
    Model model;
    if (!preset.empty()) {
        const ModelPreset* p = find_model_preset(preset);
        if (!p) {
            err << "poollab: no preset called '" << preset << "'\n";
            return kExitUsage;
        }
        model = p->model;
    } else {
        std::string text;
        if (!read_input(file, in, err, &text)) return kExitBadData;
        Result<Model> m = parse_model(text);
        if (!m.ok()) {
            err << "poollab: " << input_source(file) << ": " << m.error << '\n';
            return kExitBadData;
        }
        model = std::move(m.value);
    }
    const Summary s = summarize(model);
    if (json) {
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
