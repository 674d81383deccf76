#include "core/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pl {

namespace {

std::string_view trim(std::string_view s) {
    const char* blanks = " \t\r\n\v\f";
    size_t a = s.find_first_not_of(blanks);
    if (a == std::string_view::npos) return {};
    size_t b = s.find_last_not_of(blanks);
    return s.substr(a, b - a + 1);
}

// The text in quotes for a message: at most 24 bytes, control bytes (from a
// binary file, say) written as \xNN so the message stays readable.
std::string quoted(std::string_view s) {
    constexpr size_t kShown = 24;
    std::string q = "'";
    for (unsigned char c : s.substr(0, kShown)) {
        if (c < 0x20 || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            q += hex;
        } else {
            q += static_cast<char>(c);
        }
    }
    return q + (s.size() > kShown ? "...'" : "'");
}

}  // namespace

Result<float> parse_number(std::string_view text) {
    std::string_view t = trim(text);
    if (t.empty()) return Result<float>::failure("no number given");
    std::string buf(t);
    errno = 0;
    char* end = nullptr;
    double d = std::strtod(buf.c_str(), &end);
    if (end == buf.c_str() || *end != '\0') {
        return Result<float>::failure(quoted(t) + " is not a number");
    }
    if (std::isnan(d)) return Result<float>::failure(quoted(t) + " is not a number (NaN); enter a finite value");
    if (std::isinf(d) && errno != ERANGE) {
        return Result<float>::failure(quoted(t) + " is infinite; enter a finite number");
    }
    if (errno == ERANGE && std::fabs(d) < 1.0) return Result<float>::success(0.0f);  // underflow: as good as zero
    if (std::isinf(d) || std::fabs(d) > 3.0e38) {
        return Result<float>::failure(quoted(t) + " is too large; the largest allowed is about 3e38");
    }
    return Result<float>::success(static_cast<float>(d));
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

Result<Grid> parse_csv(std::string_view text) {
    Grid g;
    int line_no = 0;
    size_t pos = 0;
    std::vector<std::string_view> lines;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        lines.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
    if (lines.empty()) return Result<Grid>::failure("the CSV is empty: expected rows of comma-separated numbers");

    for (std::string_view line : lines) {
        ++line_no;
        if (trim(line).empty()) {
            return Result<Grid>::failure("line " + std::to_string(line_no) + " is blank; every row needs values");
        }
        int count = 0;
        size_t start = 0;
        while (true) {
            size_t comma = line.find(',', start);
            std::string_view field = line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start);
            ++count;
            Result<float> v = parse_number(field);
            if (!v.ok()) {
                return Result<Grid>::failure("line " + std::to_string(line_no) + ", value " + std::to_string(count) + ": " + v.error);
            }
            g.values.push_back(v.value);
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (g.rows == 0) {
            g.cols = count;
        } else if (count != g.cols) {
            return Result<Grid>::failure("line " + std::to_string(line_no) + " has " + std::to_string(count) +
                                         " values but line 1 has " + std::to_string(g.cols) + "; every row needs the same number");
        }
        ++g.rows;
        if (std::string e = check_grid_size(g.rows, g.cols); !e.empty()) return Result<Grid>::failure(e);
    }
    return Result<Grid>::success(std::move(g));
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
