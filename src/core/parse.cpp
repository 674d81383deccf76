#include "core/parse.h"

#include <cmath>

namespace pl {

bool parse_whole(std::string_view text, long long lo, long long hi, long long* out) {
    const bool negative = !text.empty() && text[0] == '-';
    const std::string_view digits = text.substr(negative ? 1 : 0);
    if (digits.empty() || digits.size() > 18) return false;  // 18 digits always fit in a long long
    long long v = 0;
    for (char ch : digits) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    if (negative) v = -v;
    if (v < lo || v > hi) return false;
    *out = v;
    return true;
}

bool parse_whole(std::string_view text, int lo, int hi, int* out) {
    long long v;
    if (!parse_whole(text, static_cast<long long>(lo), static_cast<long long>(hi), &v)) return false;
    *out = static_cast<int>(v);
    return true;
}

bool parse_size_pair(std::string_view text, int lo, int hi, int* rows, int* cols) {
    const size_t x = text.find_first_of("xX");
    int a, b;
    if (x == std::string_view::npos) {
        if (!parse_whole(text, lo, hi, &a)) return false;
        *rows = *cols = a;
        return true;
    }
    if (!parse_whole(text.substr(0, x), lo, hi, &a) || !parse_whole(text.substr(x + 1), lo, hi, &b)) return false;
    *rows = a;
    *cols = b;
    return true;
}

std::string size_pair_text(int rows, int cols) {
    return rows == cols ? std::to_string(rows) : std::to_string(rows) + "x" + std::to_string(cols);
}

bool whole_from_double(double v, long long lo, long long hi, long long* out) {
    if (!std::isfinite(v) || v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi)) return false;
    *out = static_cast<long long>(v);
    return true;
}

}  // namespace pl
