// poollab shift: how much each downsampling changes when its input moves by a
// few pixels, as JSON metrics (the shift scene's numbers).
#include <ostream>

#include "cli/cli_parts.h"
#include "core/json.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/shift.h"

namespace pl {
namespace cli_parts {

int run_shift(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    Options o;
    if (int code = parse_options(args, true, &o, out, err); code >= 0) return code;
    Grid grid;
    if (!read_grid(o.file, in, err, &grid)) return kExitBadData;
    const std::string source = input_source(o.file);
    DownsampleParams p;
    p.pool = o.pool;
    p.blur_size = o.blur;
    const Grid shifted = shift_grid(grid, o.dx, o.dy, o.fill);
    JsonWriter j;
    j.begin_object();
    j.key("shift").begin_array().value(o.dx).value(o.dy).end_array();
    j.key("fill").value(o.fill == ShiftFill::Zero ? "zero" : "circular");
    j.key("input_shape").begin_array().value(grid.rows).value(grid.cols).end_array();
    j.key("ops").begin_array();
    for (Downsample op : o.ops) {
        Result<Grid> a = downsample(grid, op, p), b = downsample(shifted, op, p);
        if (!a.ok()) {
            err << "poollab: " << downsample_title(op) << " cannot downsample " << source << " (" << grid.rows << " x "
                << grid.cols << "): " << a.error << '\n';
            return kExitBadData;
        }
        ShiftMetrics m = compare_downsampled(a.value, b.value, o.fill, output_offsets(op, p, o.dx, o.dy));
        j.begin_object();
        write_shift_op_json(j, op, p, o.dx, o.dy, a.value, m);
        j.end_object();
    }
    j.end_array();
    if (o.sweep >= 0) {
        Result<ShiftSweep> sw = shift_sweep(grid, o.ops, p, o.fill, o.sweep);
        if (!sw.ok()) {
            err << "poollab: sweep: " << sw.error << '\n';
            return kExitUsage;
        }
        const ShiftSweep& w = sw.value;
        j.key("sweep").begin_object();
        j.key("range").value(w.range);
        j.key("consistency").begin_object();
        for (size_t k = 0; k < w.ops.size(); ++k) {
            j.key(downsample_name(w.ops[k])).begin_array();
            for (int dy = -w.range; dy <= w.range; ++dy) {
                j.begin_array();
                for (int dx = -w.range; dx <= w.range; ++dx) j.value(w.at(k, dx, dy));
                j.end_array();
            }
            j.end_array();
        }
        j.end_object();
        j.end_object();
    }
    j.end_object();
    out << j.str() << '\n';
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
