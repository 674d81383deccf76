// libFuzzer target: CSV grids and the numbers in them, as the CLI and the app read them.
// A grid read is finite, within the size limits, and writes back to CSV that
// reads as the same grid; convolving it with itself and pooling it (as
// `poollab conv` and `pool` do) gives finite values or a refusal, never inf or NaN.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/conv.h"
#include "core/csv.h"
#include "core/pool.h"
#include "fuzz_check.h"

namespace {

void require_finite(const pl::Result<pl::Grid>& r, const char* what) {
    if (r.ok()) require(pl::check_grid(r.value).empty(), what, pl::check_grid(r.value));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)pl::parse_number(text);
    const pl::Result<pl::Grid> g = pl::parse_csv(text);
    if (!g.ok()) {
        require(!g.error.empty(), "a refusal says why");
        return 0;
    }
    require(pl::check_grid(g.value).empty(), "a grid read from CSV is finite and within the limits", pl::check_grid(g.value));
    const std::string written = pl::to_csv(g.value);
    const pl::Result<pl::Grid> back = pl::parse_csv(written);
    require(back.ok() && back.value == g.value, "a grid written as CSV reads back to the same grid", written.substr(0, 200));
    if (g.value.rows <= pl::kMaxKernelSide && g.value.cols <= pl::kMaxKernelSide) {
        require_finite(pl::conv2d(g.value, g.value, pl::Padding::Same), "a convolution is finite or refused");
    }
    for (pl::PoolOp op : {pl::PoolOp::Max, pl::PoolOp::Average, pl::PoolOp::Min}) {
        pl::PoolParams p;
        p.op = op;
        p.padding = pl::Padding::Same;
        require_finite(pl::pool_values(g.value, p), "pooling is finite or refused");
    }
    return 0;
}
