#pragma once
// Whole numbers and sizes typed by people: in links, on the command line and
// in model JSON. One reader for all three, so "2", "2x3" and "-1" mean the
// same thing everywhere and out-of-range values are refused the same way.
#include <string>
#include <string_view>

namespace pl {

// A whole number in [lo, hi] that is the whole text: an optional '-' and
// digits, nothing else (no '+', spaces, or leading BOM). False otherwise.
bool parse_whole(std::string_view text, long long lo, long long hi, long long* out);
bool parse_whole(std::string_view text, int lo, int hi, int* out);

// "N" (both N) or "RxC" (also "RXC"), each a whole number in [lo, hi].
bool parse_size_pair(std::string_view text, int lo, int hi, int* rows, int* cols);

// "N" when both are N, else "RxC": what parse_size_pair reads.
std::string size_pair_text(int rows, int cols);

// A whole number from a JSON-style double: integral and in [lo, hi].
bool whole_from_double(double v, long long lo, long long hi, long long* out);

}  // namespace pl
