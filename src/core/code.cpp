#include "core/code.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/csv.h"

namespace pl {

const char* code_lang_name(CodeLang lang) {
    switch (lang) {
        case CodeLang::NumPy: return "numpy";
        case CodeLang::PyTorch: return "pytorch";
        case CodeLang::Keras: return "keras";
        case CodeLang::TFJS: return "tfjs";
    }
    return "numpy";
}

const char* code_lang_title(CodeLang lang) {
    switch (lang) {
        case CodeLang::NumPy: return "NumPy";
        case CodeLang::PyTorch: return "PyTorch";
        case CodeLang::Keras: return "Keras";
        case CodeLang::TFJS: return "TensorFlow.js";
    }
    return "NumPy";
}

bool parse_code_lang(const std::string& s, CodeLang* lang) {
    for (int i = 0; i < kCodeLangCount; ++i) {
        const CodeLang l = static_cast<CodeLang>(i);
        if (s == code_lang_name(l)) {
            *lang = l;
            return true;
        }
    }
    if (s == "torch") *lang = CodeLang::PyTorch;
    else if (s == "tf.js" || s == "tensorflowjs" || s == "js") *lang = CodeLang::TFJS;
    else return false;
    return true;
}

namespace {

// A program's text, built with << as a stream is, without the streams: they
// bring C++'s locales into the web build (about 55 KB of code, 20 KB gzipped).
class Text {
public:
    Text& operator<<(const std::string& t) { s_ += t; return *this; }
    Text& operator<<(const char* t) { s_ += t; return *this; }
    Text& operator<<(char c) { s_ += c; return *this; }
    Text& operator<<(int v) { s_ += std::to_string(v); return *this; }
    Text& operator<<(long long v) { s_ += std::to_string(v); return *this; }
    const std::string& str() const { return s_; }

private:
    std::string s_;
};

// The grid as nested lists, one row a line: [[1, 3], [2, 9]].
std::string nested(const Grid& g, const std::string& indent) {
    std::string out = "[";
    for (int r = 0; r < g.rows; ++r) {
        if (r) out += ",\n" + indent + " ";
        out += "[";
        for (int c = 0; c < g.cols; ++c) {
            if (c) out += ", ";
            out += format_value(g.at(r, c));
        }
        out += "]";
    }
    return out + "]";
}

// The largest magnitude in the grid.
double max_abs(const Grid& g) {
    double m = 0.0;
    for (float v : g.values) m = std::max(m, std::fabs(static_cast<double>(v)));
    return m;
}

std::string pair(int a, int b) { return "(" + std::to_string(a) + ", " + std::to_string(b) + ")"; }
std::string js_pair(int a, int b) { return "[" + std::to_string(a) + ", " + std::to_string(b) + "]"; }

// The first comment line: what the program computes.
std::string headline(const char* comment, const Grid& in, const PoolParams& p) {
    return std::string(comment) + " PoolLab: " + op_name(p.op) + " pooling, window " + size_text(p.size_rows, p.size_cols) + ", stride " +
           size_text(p.stride_rows, p.stride_cols) + ", '" + padding_name(p.padding) + "' padding, on a " + size_text(in.rows, in.cols) +
           " input.\n";
}

std::string numpy_code(const Grid& in, const PoolParams& p) {
    Text o;
    const bool same = p.padding == Padding::Same;
    o << headline("#", in, p);
    o << "import numpy as np\n\n";
    o << "x = np.array(" << nested(in, "             ") << ", dtype=np.float32)\n";
    o << "size, stride = " << pair(p.size_rows, p.size_cols) << ", " << pair(p.stride_rows, p.stride_cols) << "\n";
    if (same) {
        o << "# 'same': ceil(n / stride) windows along each axis; the padding they need is split, the smaller half\n"
             "# before (as TensorFlow does), and padded cells take no part.\n"
             "out = [-(-n // s) for n, s in zip(x.shape, stride)]\n"
             "before = [max((o - 1) * s + k - n, 0) // 2 for o, s, k, n in zip(out, stride, size, x.shape)]\n";
    } else {
        o << "# 'valid': windows stay inside the input; cells left over at the edge are dropped.\n"
             "out = [(n - k) // s + 1 for n, k, s in zip(x.shape, size, stride)]\n"
             "before = [0, 0]\n";
    }
    // A float32 sum of values near its largest (3.4e38) overflows to inf; PoolLab sums in double.
    const char* reduce = p.op == PoolOp::Max ? "max()" : p.op == PoolOp::Min ? "min()" : "mean(dtype=np.float64)";
    if (p.op == PoolOp::Average) o << "# The mean sums in float64, as PoolLab does: a float32 sum of values near 3.4e38 would overflow to inf.\n";
    o << "y = np.empty(out, dtype=np.float32)\n"
         "for r in range(out[0]):\n"
         "    for c in range(out[1]):\n"
         "        r0, c0 = r * stride[0] - before[0], c * stride[1] - before[1]\n"
         "        window = x[max(r0, 0):r0 + size[0], max(c0, 0):c0 + size[1]]\n"
         "        y[r, c] = window." << reduce << "\n"
         "print(\"\\n\".join(\",\".join(f\"{v:.8g}\" for v in row) for row in y))\n";
    return o.str();
}

std::string pytorch_code(const Grid& in, const PoolParams& p) {
    Text o;
    const bool same = p.padding == Padding::Same;
    o << headline("#", in, p);
    o << "import torch\nimport torch.nn.functional as F\n\n";
    o << "# PyTorch wants (batch, channels, rows, columns).\n";
    o << "x = torch.tensor(" << nested(in, "                 ") << ", dtype=torch.float32).reshape(1, 1, " << in.rows << ", " << in.cols << ")\n";
    o << "size, stride = " << pair(p.size_rows, p.size_cols) << ", " << pair(p.stride_rows, p.stride_cols) << "\n";
    if (same) {
        o << "# 'same' as TensorFlow pads: ceil(n / stride) windows, the smaller half of the padding before.\n"
             "# PyTorch's own padding is the same on both sides, so pad by hand (F.pad takes left, right, top, bottom).\n"
             "out = [-(-n // s) for n, s in zip(x.shape[2:], stride)]\n"
             "total = [max((o - 1) * s + k - n, 0) for o, s, k, n in zip(out, stride, size, x.shape[2:])]\n"
             "pad = (total[1] // 2, total[1] - total[1] // 2, total[0] // 2, total[0] - total[0] // 2)\n";
        switch (p.op) {
            case PoolOp::Max:
                o << "# Padding with -inf: a padded cell never wins.\n"
                     "y = F.max_pool2d(F.pad(x, pad, value=float(\"-inf\")), size, stride)\n";
                break;
            case PoolOp::Min:
                o << "# Min pooling is max pooling of -x, negated; padding with -inf: a padded cell never wins.\n"
                     "y = -F.max_pool2d(F.pad(-x, pad, value=float(\"-inf\")), size, stride)\n";
                break;
            case PoolOp::Average:
                o << "# Padded cells are left out of the count: each window's sum over its number of real cells,\n"
                     "# in float64 as PoolLab sums (a float32 sum of values near 3.4e38 would overflow to inf).\n"
                     "real = F.pad(torch.ones_like(x, dtype=torch.float64), pad)\n"
                     "sums = F.avg_pool2d(F.pad(x.double(), pad), size, stride, divisor_override=1)\n"
                     "y = (sums / F.avg_pool2d(real, size, stride, divisor_override=1)).float()\n";
                break;
        }
    } else {
        switch (p.op) {
            case PoolOp::Max: o << "y = F.max_pool2d(x, size, stride)\n"; break;
            case PoolOp::Min: o << "# PyTorch has no min pooling: max pooling of -x, negated.\ny = -F.max_pool2d(-x, size, stride)\n"; break;
            case PoolOp::Average:
                o << "# In float64, as PoolLab sums: a float32 sum of values near 3.4e38 would overflow to inf.\n"
                     "y = F.avg_pool2d(x.double(), size, stride).float()\n";
                break;
        }
    }
    o << "print(\"\\n\".join(\",\".join(f\"{v:.8g}\" for v in row) for row in y[0, 0].tolist()))\n";
    return o.str();
}

std::string keras_code(const Grid& in, const PoolParams& p) {
    Text o;
    o << headline("#", in, p);
    o << "import numpy as np\nfrom tensorflow import keras\n\n";
    o << "# Keras wants (batch, rows, columns, channels).\n";
    o << "x = np.array(" << nested(in, "             ") << ", dtype=\"float32\").reshape(1, " << in.rows << ", " << in.cols << ", 1)\n";
    const std::string args = "pool_size=" + pair(p.size_rows, p.size_cols) + ", strides=" + pair(p.stride_rows, p.stride_cols) + ", padding=\"" +
                             padding_name(p.padding) + "\"";
    switch (p.op) {
        case PoolOp::Max: o << "y = keras.layers.MaxPooling2D(" << args << ")(x)\n"; break;
        case PoolOp::Average:
            o << "# In float64, as PoolLab sums: a float32 sum of values near 3.4e38 would overflow to inf.\n"
                 "y = keras.layers.AveragePooling2D(" << args << ", dtype=\"float64\")(x.astype(\"float64\"))\n"
                 "y = np.asarray(y).astype(\"float32\")\n";
            break;
        case PoolOp::Min: o << "# Keras has no min pooling: max pooling of -x, negated.\ny = -keras.layers.MaxPooling2D(" << args << ")(-x)\n"; break;
    }
    o << "print(\"\\n\".join(\",\".join(f\"{v:.8g}\" for v in row) for row in np.asarray(y)[0, :, :, 0]))\n";
    return o.str();
}

std::string tfjs_code(const Grid& in, const PoolParams& p, int out_rows, int out_cols) {
    Text o;
    o << headline("//", in, p);
    o << "const tf = require('@tensorflow/tfjs');\n\n";
    o << "// TensorFlow.js wants [batch, rows, columns, channels].\n";
    o << "const x = tf.tensor2d(" << nested(in, "                      ") << ").reshape([1, " << in.rows << ", " << in.cols << ", 1]);\n";
    const std::string args = js_pair(p.size_rows, p.size_cols) + ", " + js_pair(p.stride_rows, p.stride_cols) + ", '" + padding_name(p.padding) + "'";
    switch (p.op) {
        case PoolOp::Max: o << "const y = tf.maxPool(x, " << args << ");\n"; break;
        case PoolOp::Average: {
            // TensorFlow.js has no float64: where a window's float32 sum could pass 3.4e38, the program pools
            // x divided by a power of two at least the window's cells (exact for all but subnormal values),
            // then multiplies back. Only then, so that tiny values keep every bit elsewhere.
            const long long cells = static_cast<long long>(p.size_rows) * p.size_cols;
            long long scale = 1;
            while (scale < cells) scale *= 2;
            if (max_abs(in) * static_cast<double>(cells) > std::numeric_limits<float>::max() / 2.0 && scale > 1) {
                o << "// A float32 sum of these values would pass its largest, 3.4e38, and print inf; PoolLab sums in double.\n"
                     "// Pooling x / " << scale << " keeps every sum in range (dividing by a power of two is exact); the average is multiplied back.\n"
                     "const y = tf.avgPool(x.div(" << scale << "), " << args << ").mul(" << scale << ");\n";
            } else {
                o << "const y = tf.avgPool(x, " << args << ");\n";
            }
            break;
        }
        case PoolOp::Min: o << "// TensorFlow.js has no min pooling: max pooling of -x, negated.\nconst y = tf.neg(tf.maxPool(tf.neg(x), " << args << "));\n"; break;
    }
    o << "const rows = y.reshape([" << out_rows << ", " << out_cols << "]).arraySync();\n";
    o << "console.log(rows.map((row) => row.map((v) => +v.toPrecision(8)).join(',')).join('\\n'));\n";
    return o.str();
}

}  // namespace

Result<std::string> pool_code(CodeLang lang, const Grid& input, const PoolParams& p) {
    const std::string problem = check_pool(input.rows, input.cols, p);
    if (!problem.empty()) return Result<std::string>::failure(problem);
    Result<PoolAxis> rows = pool_axis(input.rows, p.size_rows, p.stride_rows, p.padding, "rows");
    Result<PoolAxis> cols = pool_axis(input.cols, p.size_cols, p.stride_cols, p.padding, "columns");
    if (!rows.ok()) return Result<std::string>::failure(rows.error);
    if (!cols.ok()) return Result<std::string>::failure(cols.error);
    switch (lang) {
        case CodeLang::NumPy: return Result<std::string>::success(numpy_code(input, p));
        case CodeLang::PyTorch: return Result<std::string>::success(pytorch_code(input, p));
        case CodeLang::Keras: return Result<std::string>::success(keras_code(input, p));
        case CodeLang::TFJS: return Result<std::string>::success(tfjs_code(input, p, rows.value.out, cols.value.out));
    }
    return Result<std::string>::failure("unknown language");
}

}  // namespace pl
