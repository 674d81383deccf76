// poollab conv: the picture scene's chain on a grid: a one-channel
// convolution, then optionally ReLU and 2x2 pooling.
#include <fstream>

#include "cli/cli_parts.h"
#include "core/conv.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/scenes/image/image_scene.h"

namespace pl {
namespace cli_parts {

int run_conv(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    Options o;
    Grid kernel;
    std::string kernel_name;
    Padding padding = Padding::Valid;
    bool use_relu = false, json = false, pool = false;
    PoolOp pool_op = PoolOp::Max;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string* v) {
            if (i + 1 >= args.size()) {
                err << "poollab: " << a << " needs a value\n";
                return false;
            }
            *v = args[++i];
            return true;
        };
        std::string v;
        if (a == "--kernel") {
            if (!value(&v)) return kExitUsage;
            kernel = image_kernel(v);
            if (kernel.empty()) kernel = named_kernel(v);
            if (kernel.empty()) {
                err << "poollab: unknown kernel '" << v << "' (see poollab --help)\n";
                return kExitUsage;
            }
            kernel_name = v;
        } else if (a == "--kernel-file") {
            if (!value(&v)) return kExitUsage;
            std::ifstream f(v, std::ios::binary);
            if (!f) {
                err << "poollab: cannot open '" << v << "'\n";
                return kExitBadData;
            }
            Result<Grid> k = parse_csv(read_all(f));
            if (!k.ok()) {
                err << "poollab: kernel " << v << ": " << k.error << '\n';
                return kExitBadData;
            }
            kernel = std::move(k.value);
            kernel_name = "file";
        } else if (a == "--padding") {
            if (!value(&v)) return kExitUsage;
            if (!parse_padding(v, &padding)) {
                err << "poollab: unknown padding '" << v << "' (use valid or same)\n";
                return kExitUsage;
            }
        } else if (a == "--relu") {
            use_relu = true;
        } else if (a == "--pool") {
            if (!value(&v)) return kExitUsage;
            if (!parse_op(v, &pool_op)) {
                err << "poollab: unknown operation '" << v << "' (use max, average or min)\n";
                return kExitUsage;
            }
            pool = true;
        } else if (a == "--json") {
            json = true;
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for conv\n" << kUsage;
            return kExitUsage;
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            err << "poollab: one input file at most (got '" << o.file << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (kernel_name.empty()) {
        err << "poollab: conv needs --kernel NAME or --kernel-file K.csv\n";
        return kExitUsage;
    }
    Grid grid;
    std::string source;
    if (!read_grid(o, in, err, &grid, &source)) return kExitBadData;
    Result<Grid> feature = conv2d(grid, kernel, padding);
    if (!feature.ok()) {
        err << "poollab: cannot convolve " << source << " (" << grid.rows << " x " << grid.cols << "): " << feature.error << '\n';
        return kExitBadData;
    }
    const Grid activated = use_relu ? relu(feature.value) : feature.value;
    Grid pooled;
    if (pool) {
        PoolParams p;
        p.op = pool_op;
        Result<Grid> r = pool_values(activated, p);
        if (!r.ok()) {
            err << "poollab: cannot pool the feature map (" << activated.rows << " x " << activated.cols << "): " << r.error << '\n';
            return kExitBadData;
        }
        pooled = std::move(r.value);
    }
    const Grid& result = pool ? pooled : activated;
    if (!json) {
        out << to_csv(result);
        return kExitOk;
    }
    JsonWriter j;
    j.begin_object();
    j.key("kernel_name").value(kernel_name);
    j.key("kernel").grid(kernel);
    j.key("padding").value(padding_name(padding));
    j.key("relu").value(use_relu);
    j.key("input_shape").begin_array().value(grid.rows).value(grid.cols).end_array();
    j.key("feature").grid(feature.value);
    if (pool) j.key("pool").value(op_name(pool_op)).key("pooled").grid(pooled);
    j.key("output_shape").begin_array().value(result.rows).value(result.cols).end_array();
    j.end_object();
    out << j.str() << '\n';
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
