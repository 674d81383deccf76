#include "core/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <utility>

namespace pl {

namespace {

constexpr const char* kBlanks = " \t\r\n\v\f";

std::string_view trim(std::string_view s) {
    size_t a = s.find_first_not_of(kBlanks);
    if (a == std::string_view::npos) return {};
    size_t b = s.find_last_not_of(kBlanks);
    return s.substr(a, b - a + 1);
}

// Characters a message cannot show, as UTF-8: a byte-order mark, zero-width
// spaces and joiners, and a no-break space (which looks like a blank but is not one).
constexpr std::pair<std::string_view, const char*> kInvisible[] = {
    {"\xEF\xBB\xBF", "\\uFEFF"}, {"\xE2\x80\x8B", "\\u200B"}, {"\xE2\x80\x8C", "\\u200C"},
    {"\xE2\x80\x8D", "\\u200D"}, {"\xE2\x81\xA0", "\\u2060"}, {"\xC2\xA0", "\\u00A0"},
};

// The text in quotes for a message: at most 24 bytes, control bytes (from a
// binary file, say) written as \xNN and invisible characters as \uNNNN, so
// the message shows what is really there.
std::string quoted(std::string_view s) {
    constexpr size_t kShown = 24;
    const std::string_view shown = s.substr(0, kShown);
    std::string q = "'";
    for (size_t i = 0; i < shown.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(shown[i]);
        const auto* invisible = std::find_if(std::begin(kInvisible), std::end(kInvisible),
                                             [&](const auto& u) { return shown.substr(i, u.first.size()) == u.first; });
        if (invisible != std::end(kInvisible)) {
            q += invisible->second;
            i += invisible->first.size() - 1;
        } else if (c < 0x20 || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            q += hex;
        } else {
            q += static_cast<char>(c);
        }
    }
    return q + (s.size() > kShown ? "...'" : "'");
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// True when `t` is a plain decimal number: an optional sign, digits with at
// most one point (at least one digit), and an optional exponent (e, sign,
// digits). strtod reads more (hexadecimal "0x10", "inf", "nan"): no one types those as a value.
bool is_decimal(std::string_view t) {
    size_t i = 0;
    auto digits = [&] {
        const size_t from = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        return i - from;
    };
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    size_t mantissa = digits();
    if (i < t.size() && t[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    return i == t.size();
}

// Why a text strtod would read is still refused: hexadecimal, NaN or infinity; "" if it is none of them.
std::string not_decimal_reason(std::string_view t, double d) {
    const std::string_view unsigned_part = t.substr(!t.empty() && (t[0] == '+' || t[0] == '-') ? 1 : 0);
    if (unsigned_part.size() > 1 && unsigned_part[0] == '0' && (unsigned_part[1] == 'x' || unsigned_part[1] == 'X')) {
        std::string hint;
        if (std::isfinite(d) && std::fabs(d) <= std::numeric_limits<float>::max()) hint = ", " + format_value(static_cast<float>(d));
        return quoted(t) + " is a hexadecimal number; write it in decimal" + hint;
    }
    if (std::isnan(d)) return quoted(t) + " is not a number (NaN); enter a finite value";
    if (std::isinf(d)) return quoted(t) + " is infinite; enter a finite number";
    return {};
}

}  // namespace

Result<float> parse_number(std::string_view text) {
    std::string_view t = trim(text);
    if (t.empty()) return Result<float>::failure("no number given");
    // strtod stops at a NUL byte, so "2\0" + "3" would read as 2: refuse it by name.
    if (t.find('\0') != std::string_view::npos) {
        return Result<float>::failure(quoted(t) + " has a NUL byte (\\x00) in it, so it is not a number; is this a binary file?");
    }
    std::string buf(t);
    char* end = nullptr;
    double d = std::strtod(buf.c_str(), &end);
    if (end != buf.c_str() + buf.size()) {
        // "2,5" typed into a cell: a decimal comma, which the app does not read.
        std::string point = buf;
        std::replace(point.begin(), point.end(), ',', '.');
        char* pend = nullptr;
        std::strtod(point.c_str(), &pend);
        if (buf.find(',') != std::string::npos && pend == point.c_str() + point.size()) {
            return Result<float>::failure(quoted(t) + " is not a number: write decimals with a point, " + point + ", not a comma");
        }
        return Result<float>::failure(quoted(t) + " is not a number");
    }
    if (!is_decimal(t)) {
        const std::string why = not_decimal_reason(t, d);
        return Result<float>::failure(why.empty() ? quoted(t) + " is not a number" : why);
    }
    // The float nearest the text, as a grid holds it: every finite float is
    // allowed (so whatever PoolLab writes it reads back), tiny ones become 0
    // or subnormal, and only what rounds past the largest float (3.4e38) is too large.
    const float f = std::strtof(buf.c_str(), nullptr);
    if (std::isinf(f)) return Result<float>::failure(quoted(t) + " is too large; the largest allowed is about 3.4e38");
    return Result<float>::success(f);
}

std::string format_value(float v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0.0f) return "0";  // also for -0
    char buf[32];
    for (int precision = 6; precision <= 9; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;
}

void append_long_csv(std::string* out, const std::string& name, const Grid& g) {
    if (out->empty()) *out = "grid,row,column,value\n";
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.cols; ++c) {
            *out += name + "," + std::to_string(r + 1) + "," + std::to_string(c + 1) + "," + format_value(g.at(r, c)) + "\n";
        }
    }
}

std::string group_thousands(long long n) {
    const std::string digits = std::to_string(n < 0 ? -static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n));
    std::string out = n < 0 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string count_text(long long n) { return n > -10000 && n < 10000 ? std::to_string(n) : group_thousands(n); }

std::string size_text(long long rows, long long cols) { return count_text(rows) + "×" + count_text(cols); }

std::string size_text(long long h, long long w, long long c) { return size_text(h, w) + "×" + count_text(c); }

Result<Grid> parse_csv(std::string_view text) {
    using R = Result<Grid>;
    // Editors on Windows start UTF-8 files with a byte-order mark; it is no part of the first number.
    if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
        return R::failure("the file is UTF-16 text; save it as UTF-8 or plain text (CSV) and try again");
    }
    // Blank lines at the end are ignored.
    const size_t last = text.find_last_not_of(kBlanks);
    if (last == std::string_view::npos) return R::failure("the CSV is empty: expected rows of comma-separated numbers");
    text = text.substr(0, last + 1);
    // The whole grid's size, known before a value is read: the refusal of one too
    // large says its real size, and nothing is allocated for it.
    const long long line_count = std::count(text.begin(), text.end(), '\n') + 1;
    Grid g;
    size_t pos = 0;
    for (int line_no = 1; pos <= text.size(); ++line_no) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        if (trim(line).empty()) return R::failure("line " + count_text(line_no) + " is blank; every row needs values");
        const long long count = std::count(line.begin(), line.end(), ',') + 1;
        if (line_no == 1) {
            if (std::string e = check_grid_size(line_count, count); !e.empty()) return R::failure(e);
            g.cols = static_cast<int>(count);
            g.values.reserve(static_cast<size_t>(line_count * count));
        } else if (count != g.cols) {
            return R::failure("line " + count_text(line_no) + " has " + count_text(count) + " values but line 1 has " +
                              count_text(g.cols) + "; every row needs the same number");
        }
        size_t start = 0;
        for (int value_no = 1; value_no <= g.cols; ++value_no) {
            size_t comma = line.find(',', start);
            if (comma == std::string_view::npos) comma = line.size();
            Result<float> v = parse_number(line.substr(start, comma - start));
            if (!v.ok()) return R::failure("line " + count_text(line_no) + ", value " + count_text(value_no) + ": " + v.error);
            g.values.push_back(v.value);
            start = comma + 1;
        }
        ++g.rows;
    }
    return R::success(std::move(g));
}

std::string to_csv(const Grid& g) {
    std::string out;
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.cols; ++c) {
            if (c) out += ',';
            out += format_value(g.at(r, c));
        }
        out += '\n';
    }
    return out;
}

}  // namespace pl
