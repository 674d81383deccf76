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

// The text in quotes for a message: at most 24 bytes, as printable_text writes it.
std::string quoted(std::string_view s) {
    constexpr size_t kShown = 24;
    return "'" + printable_text(s.substr(0, kShown)) + (s.size() > kShown ? "...'" : "'");
}

// Whether a character a message shows would be invisible or look like a
// plain space: controls (C0, C1), format characters (soft hyphen, bidi
// marks and embeddings, zero-width characters, word joiner and invisible
// operators, byte-order mark, tags), every space but ASCII's, line and
// paragraph separators, variation selectors and fillers.
bool invisible(unsigned cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0)) return true;
    const std::pair<unsigned, unsigned> ranges[] = {
        {0x00ad, 0x00ad}, {0x034f, 0x034f}, {0x061c, 0x061c}, {0x115f, 0x1160}, {0x1680, 0x1680}, {0x180b, 0x180e},
        {0x2000, 0x200f}, {0x2028, 0x202f}, {0x205f, 0x206f}, {0x3000, 0x3000}, {0x3164, 0x3164}, {0xfe00, 0xfe0f},
        {0xfeff, 0xfeff}, {0xffa0, 0xffa0}, {0xfff0, 0xfffb}, {0x1d173, 0x1d17a}, {0xe0000, 0xe0fff},
    };
    return std::any_of(std::begin(ranges), std::end(ranges), [&](const auto& r) { return cp >= r.first && cp <= r.second; });
}

// One UTF-8 character at s[i]: its code point and length, or length 0 for a byte that does not start a valid one.
std::pair<unsigned, size_t> utf8_at(std::string_view s, size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return {0, 0};
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) {
        const unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d >> 6) != 0x2) return {0, 0};
        cp = (cp << 6) | (d & 0x3f);
    }
    const bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return {0, 0};
    return {cp, n};
}

}  // namespace

std::string printable_text(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        const auto [cp, n] = utf8_at(s, i);
        char buf[16];
        if (n == 0) {  // not UTF-8: the byte as it is
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
            out += buf;
            ++i;
            continue;
        }
        if (cp < 0x80 && invisible(cp)) {
            std::snprintf(buf, sizeof buf, "\\x%02x", cp);
            out += buf;
        } else if (invisible(cp)) {
            std::snprintf(buf, sizeof buf, cp > 0xffff ? "\\U%08X" : "\\u%04X", cp);
            out += buf;
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

namespace {

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

std::string count_text(long long n, std::string_view one, std::string_view many) {
    std::string noun(n == 1 || n == -1 ? one : many);
    if (n != 1 && n != -1 && many.empty()) noun = std::string(one) + "s";
    return count_text(n) + " " + noun;
}

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
            return R::failure("line " + count_text(line_no) + " has " + count_text(count, "value") + " but line 1 has " +
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
