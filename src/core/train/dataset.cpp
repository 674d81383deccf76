#include "core/train/dataset.h"

#include <array>
#include <cassert>
#include <cstdio>
#include <fstream>

// The dataset file, version 1. Every number is little-endian.
//
//   offset  bytes  what
//   0       4      magic "PLDS"
//   4       2      format version (1)
//   6       2      side: each picture is side x side, one channel
//   8       2      classes
//   10      1+N    the dataset's name: its length N, then N bytes of UTF-8
//           1+L    per class, its name the same way (classes of them)
//           4, 4   train count, test count
//                  train pixels (count x side x side), train labels (count),
//                  then test pixels and test labels the same way
//   end-4   4      CRC-32 of every byte before it
//
// Pixels are stored raw: picture i of a half is one slice, read in place.
// Compression is left to the transport (the site ships it gzipped).

namespace pl::train {

namespace {

constexpr char kMagic[4] = {'P', 'L', 'D', 'S'};
constexpr std::uint16_t kVersion = 1;
constexpr std::uint64_t kMaxDatasetBytes = 256ull * 1024 * 1024;

// Reads the header field by field; on running out it says which field it was in.
struct Reader {
    std::string_view bytes;
    size_t pos = 0;
    std::string error;

    bool need(size_t n, const char* what) {
        if (bytes.size() - pos >= n) return true;
        error = "the file ends after " + std::to_string(bytes.size()) + " bytes, inside its header (" + what +
                "); was the download cut short?";
        return false;
    }
    std::uint32_t number(size_t n) {
        std::uint32_t v = 0;
        for (size_t i = 0; i < n; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[pos + i])) << (8 * i);
        pos += n;
        return v;
    }
    bool read(size_t n, const char* what, std::uint32_t& out) {
        if (!need(n, what)) return false;
        out = number(n);
        return true;
    }
    bool text(const char* what, std::string& out) {
        std::uint32_t length = 0;
        if (!read(1, what, length) || !need(length, what)) return false;
        out.assign(bytes.substr(pos, length));
        pos += length;
        return true;
    }
};

void put(std::string& out, std::uint32_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A name as the header stores it: one byte of length (names are checked to fit), then its bytes.
void put_text(std::string& out, const std::string& text) {
    put(out, static_cast<std::uint32_t>(text.size()), 1);
    out += text;
}

// Why a name cannot be used, or "".
std::string check_name(const std::string& name, const std::string& what) {
    if (name.empty() || name.size() > kMaxDatasetNameLength) {
        return what + " is " + std::to_string(name.size()) + " bytes long; it must be 1 to " +
               std::to_string(kMaxDatasetNameLength);
    }
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7F) return what + " has a control character in it";
    }
    return {};
}

std::string check_header(int side, int classes) {
    if (side < 1 || side > kMaxDatasetSide) {
        return "pictures of side " + std::to_string(side) + "; PoolLab reads 1 to " + std::to_string(kMaxDatasetSide);
    }
    if (classes < 2 || classes > kMaxDatasetClasses) {
        return std::to_string(classes) + " classes; a dataset has 2 to " + std::to_string(kMaxDatasetClasses);
    }
    return {};
}

// Fills one half from the data block at `pos` (already known to be in bounds).
void read_half(std::string_view bytes, size_t& pos, int count, const Dataset& header, Dataset& half) {
    half.name = header.name;
    half.side = header.side;
    half.classes = header.classes;
    half.class_names = header.class_names;
    const size_t area = static_cast<size_t>(header.side) * header.side;
    const char* p = bytes.data() + pos;
    half.pixels.assign(p, p + area * count);
    pos += area * count;
    p = bytes.data() + pos;
    half.labels.assign(p, p + count);
    pos += count;
}

std::string check_labels(const Dataset& d, const char* half) {
    for (int i = 0; i < d.count(); ++i) {
        if (d.labels[i] >= d.classes) {
            return std::string(half) + " picture " + std::to_string(i) + " has label " + std::to_string(d.labels[i]) +
                   ", but the dataset has " + std::to_string(d.classes) + " classes (0 to " +
                   std::to_string(d.classes - 1) + ")";
        }
    }
    return {};
}

// The header: magic, version, side, classes, names. Leaves `r.pos` at the counts.
bool read_header(Reader& r, Dataset& header) {
    const std::string_view start = r.bytes.substr(0, 4);
    if (start != std::string_view(kMagic, 4).substr(0, start.size())) {
        r.error = "this is not a PoolLab dataset (it does not start with \"PLDS\")";
        return false;
    }
    std::uint32_t version = 0, side = 0, classes = 0;
    if (!r.need(4, "the magic number")) return false;
    r.pos = 4;
    if (!r.read(2, "the format version", version)) return false;
    if (version != kVersion) {
        r.error = "dataset format version " + std::to_string(version) + "; this PoolLab reads version " +
                  std::to_string(kVersion) + " (rebuild the data, or update PoolLab)";
        return false;
    }
    if (!r.read(2, "the picture side", side) || !r.read(2, "the number of classes", classes)) return false;
    r.error = check_header(static_cast<int>(side), static_cast<int>(classes));
    if (!r.error.empty()) {
        r.error = "the file says " + r.error;
        return false;
    }
    header.side = static_cast<int>(side);
    header.classes = static_cast<int>(classes);
    if (!r.text("the dataset's name", header.name)) return false;
    header.class_names.resize(classes);
    for (std::string& name : header.class_names) {
        if (!r.text("the class names", name)) return false;
    }
    return true;
}

}  // namespace

std::uint32_t dataset_checksum(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char ch : bytes) crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::string check_dataset(const Dataset& d) {
    std::string why = check_header(d.side, d.classes);
    if (why.empty()) why = check_name(d.name, "the dataset's name");
    if (!why.empty()) return why;
    if (static_cast<int>(d.class_names.size()) != d.classes) {
        return std::to_string(d.class_names.size()) + " class names for " + std::to_string(d.classes) + " classes";
    }
    for (const std::string& name : d.class_names) {
        why = check_name(name, "class name \"" + name + "\"");
        if (!why.empty()) return why;
    }
    if (d.labels.size() > static_cast<size_t>(kMaxDatasetPictures)) {
        return std::to_string(d.labels.size()) + " pictures; a dataset holds at most " +
               std::to_string(kMaxDatasetPictures) + " in each half";
    }
    if (d.pixels.size() != d.labels.size() * d.side * d.side) {
        // Plain digits: the data tool builds this file without the rest of the core.
        return std::to_string(d.pixels.size()) + " pixels for " + std::to_string(d.count()) + " pictures of " +
               std::to_string(d.side) + "\u00d7" + std::to_string(d.side);
    }
    return check_labels(d, d.name.c_str());
}

std::string dataset_bytes(const DataSplit& split) {
    const Dataset& a = split.train;
    assert(check_dataset(split.train).empty() && check_dataset(split.test).empty());
    assert(a.side == split.test.side && a.classes == split.test.classes && a.class_names == split.test.class_names);
    std::string out(kMagic, 4);
    put(out, kVersion, 2);
    put(out, static_cast<std::uint32_t>(a.side), 2);
    put(out, static_cast<std::uint32_t>(a.classes), 2);
    put_text(out, a.name);
    for (const std::string& name : a.class_names) put_text(out, name);
    put(out, static_cast<std::uint32_t>(split.train.count()), 4);
    put(out, static_cast<std::uint32_t>(split.test.count()), 4);
    for (const Dataset* half : {&split.train, &split.test}) {
        out.append(half->pixels.begin(), half->pixels.end());
        out.append(half->labels.begin(), half->labels.end());
    }
    put(out, dataset_checksum(out), 4);
    return out;
}

Result<DataSplit> parse_dataset(std::string_view bytes) {
    using R = Result<DataSplit>;
    Reader r{bytes, 0, {}};
    Dataset header;
    std::uint32_t train_count = 0, test_count = 0;
    if (!read_header(r, header) || !r.read(4, "the number of training pictures", train_count) ||
        !r.read(4, "the number of test pictures", test_count)) {
        return R::failure(r.error);
    }
    for (std::uint32_t count : {train_count, test_count}) {
        if (count < 1 || count > static_cast<std::uint32_t>(kMaxDatasetPictures)) {
            return R::failure("the file says " + std::to_string(count) + " pictures in one half; a dataset has 1 to " +
                              std::to_string(kMaxDatasetPictures) + " in each");
        }
    }
    const std::uint64_t area = static_cast<std::uint64_t>(header.side) * header.side;
    const std::uint64_t expected = r.pos + (std::uint64_t{train_count} + test_count) * (area + 1) + 4;
    if (expected > kMaxDatasetBytes) return R::failure("the file says it holds more than 256 MB of pictures");
    if (bytes.size() < expected) {
        return R::failure("the file ends after " + std::to_string(bytes.size()) + " bytes, but its header promises " +
                          std::to_string(expected) + "; was the download cut short?");
    }
    if (bytes.size() > expected) {
        return R::failure(std::to_string(bytes.size() - expected) + " bytes more than its header promises (" +
                          std::to_string(expected) + "); the file is damaged");
    }
    r.pos = static_cast<size_t>(expected - 4);
    const std::uint32_t stored = r.number(4), actual = dataset_checksum(bytes.substr(0, bytes.size() - 4));
    if (stored != actual) {
        char message[160];
        std::snprintf(message, sizeof message, "the file is damaged: its checksum is %08X, but its bytes give %08X",
                      static_cast<unsigned>(stored), static_cast<unsigned>(actual));
        return R::failure(message);
    }
    DataSplit split;
    size_t pos = static_cast<size_t>(expected - 4) - (std::uint64_t{train_count} + test_count) * (area + 1);
    read_half(bytes, pos, static_cast<int>(train_count), header, split.train);
    read_half(bytes, pos, static_cast<int>(test_count), header, split.test);
    std::string why = check_labels(split.train, "training");
    if (why.empty()) why = check_labels(split.test, "test");
    if (why.empty()) why = check_name(header.name, "the dataset's name");
    for (const std::string& name : header.class_names) {
        if (why.empty()) why = check_name(name, "a class name");
    }
    if (!why.empty()) return R::failure(why);
    return R::success(std::move(split));
}

Result<DataSplit> load_dataset_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<DataSplit>::failure("cannot open the dataset " + path + " (has the data been built?)");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0 || static_cast<std::uint64_t>(size) > kMaxDatasetBytes) {
        return Result<DataSplit>::failure(path + " is larger than any dataset PoolLab reads (256 MB)");
    }
    in.seekg(0);
    std::string bytes(static_cast<size_t>(size), '\0');
    if (!in.read(bytes.data(), size)) return Result<DataSplit>::failure("cannot read the dataset " + path);
    Result<DataSplit> split = parse_dataset(bytes);
    if (!split.ok()) split.error = path + ": " + split.error;
    return split;
}

}  // namespace pl::train
