// poollab code: the program, in NumPy, PyTorch, Keras or TensorFlow.js, that
// pools a grid as `poollab pool` does and prints the same CSV.
#include <ostream>

#include "cli/cli_parts.h"
#include "core/code.h"
#include "core/csv.h"

namespace pl {
namespace cli_parts {

int run_code(const std::vector<std::string>& list, std::istream& in, std::ostream& out, std::ostream& err) {
    Arguments args(list, "code", out, err);
    PoolingOptions pooling;
    std::string file;
    bool lang_given = false;
    CodeLang lang = CodeLang::NumPy;
    while (args.more()) {
        const std::string& a = args.next();
        int code = kGoOn;
        if (a == "--lang") {
            std::string v;
            if (!args.value_of(a, &v)) return kExitUsage;
            if (!parse_code_lang(v, &lang)) return refuse_value(err, a, "takes numpy, pytorch, keras or tfjs", v);
            lang_given = true;
        } else if (a == "--op") {
            code = read_pool_op(args, a, &pooling.params.op);
        } else if (is_pooling_option(a)) {
            code = read_pooling_option(args, a, &pooling);
        } else {
            code = read_input_name(args, a, "input file", &file);
        }
        if (code != kGoOn) return code;
    }
    if (!lang_given) {
        err << "poollab code: which language? --lang numpy, pytorch, keras or tfjs\n";
        return kExitUsage;
    }
    Grid grid;
    if (!read_grid(file, in, err, &grid)) return kExitBadData;
    const PoolParams p = pooling_asked(pooling);
    Result<std::string> text = pool_code(lang, grid, p);
    if (!text.ok()) {
        err << "poollab: cannot pool " << input_source(file) << " (" << size_text(grid.rows, grid.cols) << "): " << text.error << '\n';
        return kExitBadData;
    }
    out << text.value;
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
