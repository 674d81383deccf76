#pragma once
// Helpers shared by the core tests.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.h"

inline std::string read_data_file(const std::string& name) {
    std::ifstream f(std::string(POOLLAB_DATA_DIR) + "/" + name, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline pl::Grid load_data_grid(const std::string& name) {
    pl::Result<pl::Grid> g = pl::parse_csv(read_data_file(name));
    return g.value;
}

// A PNG of w x h RGB pixels, encoded in memory by stb_image_write (test_image.cpp).
std::string png(int w, int h, const std::vector<unsigned char>& rgb);
