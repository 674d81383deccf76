#pragma once
// What the fuzz targets share: a property that must hold for every input,
// checked the way libFuzzer counts a failure (abort() after saying what broke).
#include <cstdio>
#include <cstdlib>
#include <string>

// Stops the run when `holds` is false, printing `what` and the text involved.
inline void require(bool holds, const char* what, const std::string& detail = std::string()) {
    if (holds) return;
    std::fprintf(stderr, "property broken: %s\n%s\n", what, detail.c_str());
    std::abort();
}
