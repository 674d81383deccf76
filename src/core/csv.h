#pragma once
// Numbers and grids as text: what a student types into a cell, and the CSV
// files course authors feed the CLI and the app.
#include <string>
#include <string_view>

#include "core/grid.h"
#include "core/result.h"

namespace pl {

// Parses one finite number ("3", "-0.25", "1e3"); surrounding blanks are allowed.
// NaN, infinities, empty text and trailing junk (a NUL byte too) are errors with
// a readable message, which shows control bytes and invisible characters escaped.
Result<float> parse_number(std::string_view text);

// The shortest text that reads back as the same float: 9, 3.75, 0.3, -1e-07.
std::string format_value(float v);

// Appends `g` to a long-format CSV ("grid,row,column,value" rows, 1-based),
// so several grids can share one file; writes the header if *out is empty.
void append_long_csv(std::string* out, const std::string& name, const Grid& g);

// A whole number with thousands separators: 55744 -> "55,744" (table columns).
std::string group_thousands(long long n);

// A whole number as every sentence and message writes it: as it is up to
// 9999 ("8192"), with thousands separators from 10,000 ("1,000,000").
std::string count_text(long long n);

// A count and its noun as sentences write them: "1 row", "2 rows", "16,777,216
// cells"; `many` where the plural is not the noun and an 's' ("1 class", "2 classes").
std::string count_text(long long n, std::string_view one, std::string_view many = {});

// A size as text shows it: "16×16", "3356×5000", "10,000×3" (U+00D7, no
// spaces). Syntax that is read back (links, --size 2x3) writes "x" instead.
std::string size_text(long long rows, long long cols);
std::string size_text(long long h, long long w, long long c);

// Input as a message quotes it: control bytes and bytes that are not UTF-8
// as \xNN, and every character that would be invisible or pass for a plain
// space (format characters such as U+200E or U+00AD, the byte-order mark,
// non-ASCII spaces, separators, variation selectors, tags) as \uXXXX (or
// \UXXXXXXXX), so a message shows what is really there and no NUL cuts it short.
std::string printable_text(std::string_view s);

// A grid from CSV: one row a line, values separated by commas (blanks around
// them are fine), CRLF or LF, blank lines at the end ignored. Every row must
// have the same number of values; every value must be a finite number. A
// leading UTF-8 byte-order mark is skipped; UTF-16 and NUL bytes are refused
// by name, and a grid too large by its real size.
Result<Grid> parse_csv(std::string_view text);

// The grid as CSV, one row a line, values in format_value form.
std::string to_csv(const Grid& g);

}  // namespace pl
