// Layer stacks as JSON: the model format of the receptive-field scene, the
// CLI's summary and the README ({"input": [h, w, c], "layers": [...]}).
#include "core/layers.h"

#include <algorithm>
#include <initializer_list>
#include <limits>

#include "core/csv.h"
#include "core/json.h"
#include "core/parse.h"

namespace pl {

namespace {

// A whole number in [lo, hi] from a JSON value, by the rule links and the CLI share (core/parse.h).
bool whole_number(const JsonValue& v, long long lo, long long hi, long long* out) {
    return v.is_number() && whole_from_double(v.number, lo, hi, out);
}

// N or [H, W] for a kernel, stride, pool or dilation.
bool pair_of(const JsonValue& v, int* h, int* w) {
    long long a, b;
    if (whole_number(v, 1, 1000, &a)) {
        *h = *w = static_cast<int>(a);
        return true;
    }
    if (v.is_array() && v.array.size() == 2 && whole_number(v.array[0], 1, 1000, &a) && whole_number(v.array[1], 1, 1000, &b)) {
        *h = static_cast<int>(a);
        *w = static_cast<int>(b);
        return true;
    }
    return false;
}

}  // namespace

Result<Model> model_from_json(const JsonValue& v) {
    using R = Result<Model>;
    if (!v.is_object()) return R::failure("a model is a JSON object with \"input\" and \"layers\"");
    for (const auto& [k, x] : v.object) {
        if (k != "input" && k != "layers") return R::failure("unknown field \"" + printable_text(k.substr(0, 40)) + "\" (a model has \"input\" and \"layers\")");
    }
    Model m;
    const JsonValue* in = v.find("input");
    long long h, w, c;
    if (!in || !in->is_array() || in->array.size() != 3 || !whole_number(in->array[0], 1, kMaxModelSide, &h) ||
        !whole_number(in->array[1], 1, kMaxModelSide, &w) || !whole_number(in->array[2], 1, kMaxModelUnits, &c)) {
        return R::failure("\"input\" must be [height, width, channels], whole numbers of at least 1");
    }
    m.input = {3, h, w, c};
    const JsonValue* layers = v.find("layers");
    if (!layers || !layers->is_array()) return R::failure("\"layers\" must be a list of layers");
    if (layers->array.size() > 1000) return R::failure("at most 1000 layers");
    for (size_t i = 0; i < layers->array.size(); ++i) {
        const JsonValue& lv = layers->array[i];
        const std::string where = "layer " + std::to_string(i + 1);
        if (!lv.is_object()) return R::failure(where + ": a layer is an object with a \"type\"");
        const JsonValue* type = lv.find("type");
        Layer l;
        if (!type || !type->is_string() || !parse_layer_kind(type->string, &l.kind)) {
            return R::failure(where + ": \"type\" must be one of conv2d, maxpool, avgpool, blurpool, globalmaxpool, globalavgpool, flatten, dense");
        }
        const std::string who = where + " (" + layer_kind_name(l.kind) + ")";
        const bool conv = l.kind == LayerKind::Conv2D, pool = is_windowed_pool(l.kind);
        // Defaults as in Keras.
        l.units = 0;
        l.kernel_h = l.kernel_w = pool ? 2 : 1;
        l.stride_h = l.stride_w = 0;  // 0: not given
        for (const auto& [k, x] : lv.object) {
            long long n;
            if (k == "type") continue;
            if ((k == "filters" && conv) || (k == "units" && l.kind == LayerKind::Dense)) {
                if (!whole_number(x, 1, kMaxModelUnits, &n)) return R::failure(who + ": \"" + k + "\" must be a whole number from 1 to " + std::to_string(kMaxModelUnits));
                l.units = static_cast<int>(n);
            } else if ((k == "kernel" && conv) || (k == "pool" && pool)) {
                if (!pair_of(x, &l.kernel_h, &l.kernel_w)) return R::failure(who + ": \"" + k + "\" must be N or [height, width], 1 to 1000");
            } else if (k == "stride" && (conv || pool)) {
                if (!pair_of(x, &l.stride_h, &l.stride_w)) return R::failure(who + ": \"stride\" must be N or [height, width], 1 to 1000");
            } else if (k == "dilation" && conv) {
                if (!pair_of(x, &l.dilation_h, &l.dilation_w)) return R::failure(who + ": \"dilation\" must be N or [height, width], 1 to 1000");
            } else if (k == "padding" && (conv || pool)) {
                if (!x.is_string() || !parse_padding(x.string, &l.padding)) return R::failure(who + ": \"padding\" must be \"valid\" or \"same\"");
            } else {
                return R::failure(who + ": unknown field \"" + printable_text(k.substr(0, 40)) + "\"");
            }
        }
        if (conv && !lv.find("filters")) return R::failure(who + ": \"filters\" is missing");
        if (conv && !lv.find("kernel")) return R::failure(who + ": \"kernel\" is missing");
        if (l.kind == LayerKind::Dense && !lv.find("units")) return R::failure(who + ": \"units\" is missing");
        if (l.stride_h == 0) {  // Keras: pooling strides default to the window, conv strides to 1; a BlurPool's to 2
            const bool blur = l.kind == LayerKind::BlurPool;
            l.stride_h = blur ? 2 : pool ? l.kernel_h : 1;
            l.stride_w = blur ? 2 : pool ? l.kernel_w : 1;
        }
        m.layers.push_back(l);
    }
    return R::success(std::move(m));
}

Result<Model> parse_model(std::string_view json_text) {
    // A UTF-8 byte-order mark, as editors on Windows write, is no part of the JSON.
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (json_text.substr(0, bom.size()) == bom) json_text.remove_prefix(bom.size());
    Result<JsonValue> v = parse_json(json_text);
    if (!v.ok()) return Result<Model>::failure(v.error);
    return model_from_json(v.value);
}

std::string model_to_json(const Model& m) {
    JsonWriter j;
    auto pair = [&](int h, int w) {
        if (h == w) {
            j.value(h);
        } else {
            j.begin_array().value(h).value(w).end_array();
        }
    };
    j.begin_object();
    j.key("input").begin_array().value(static_cast<int>(m.input.h)).value(static_cast<int>(m.input.w)).value(static_cast<int>(m.input.c)).end_array();
    j.key("layers").begin_array();
    for (const Layer& l : m.layers) {
        j.begin_object();
        j.key("type").value(layer_kind_name(l.kind));
        switch (l.kind) {
            case LayerKind::Conv2D:
                j.key("filters").value(l.units);
                j.key("kernel");
                pair(l.kernel_h, l.kernel_w);
                j.key("stride");
                pair(l.stride_h, l.stride_w);
                j.key("padding").value(padding_name(l.padding));
                j.key("dilation");
                pair(l.dilation_h, l.dilation_w);
                break;
            case LayerKind::MaxPool:
            case LayerKind::AvgPool:
            case LayerKind::BlurPool:
                j.key("pool");
                pair(l.kernel_h, l.kernel_w);
                j.key("stride");
                pair(l.stride_h, l.stride_w);
                j.key("padding").value(padding_name(l.padding));
                break;
            case LayerKind::Dense: j.key("units").value(l.units); break;
            default: break;
        }
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return j.str();
}

}  // namespace pl
