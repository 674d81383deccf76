// poollab picture: reads a picture as the app does and says what it made of it.
#include <cctype>
#include <fstream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/image.h"
#include "core/parse.h"

namespace pl {
namespace cli_parts {

namespace {

// The smallest --side taken, as the usage says; the largest is what the decoder takes.
constexpr int kMinWorkingSide = 8;

// The largest --side whose square picture is a grid PoolLab reads back as CSV.
constexpr int kMaxCsvSide = 4096;
static_assert(static_cast<long long>(kMaxCsvSide) * kMaxCsvSide <= kMaxGridCells && kMaxCsvSide <= kMaxGridSide);

// What picture takes on the command line.
struct PictureOptions {
    int side = kWorkingImageSide;
    std::string out_file;  // "" for none
    bool csv = false;
    std::string file;
};

// What --out's name asks for, by its extension in any case: PNG (.png) or JPEG (.jpg, .jpeg).
enum class OutFormat { Png, Jpeg, Other };
OutFormat out_format(const std::string& path) {
    const size_t dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return OutFormat::Other;
    std::string ext = path.substr(dot + 1);
    for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ext == "png") return OutFormat::Png;
    if (ext == "jpg" || ext == "jpeg") return OutFormat::Jpeg;
    return OutFormat::Other;
}

// --out F: refused, before any reading, unless F names a format PoolLab writes.
int read_out_file(Arguments& args, const std::string& option, std::string* out_file) {
    if (!args.value_of(option, out_file)) return kExitUsage;
    if (out_format(*out_file) == OutFormat::Other) {
        return refuse_value(args.err, option, "takes a file name ending .png, .jpg or .jpeg (PoolLab writes PNG and JPEG)", *out_file);
    }
    return kGoOn;
}

int read_side(Arguments& args, const std::string& option, int* side) {
    std::string v;
    if (!args.value_of(option, &v)) return kExitUsage;
    if (!parse_whole(v, kMinWorkingSide, kMaxImageSide, side)) {
        return refuse_value(args.err, option,
                            "takes a whole number from " + std::to_string(kMinWorkingSide) + " to " + std::to_string(kMaxImageSide), v);
    }
    return kGoOn;
}

// Picture's options into *o: kGoOn, or the exit code to stop with.
int read_picture_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, PictureOptions* o) {
    Arguments args(list, "picture", out, err);
    while (args.more()) {
        const std::string& a = args.next();
        int code = kGoOn;
        if (a == "--side") {
            code = read_side(args, a, &o->side);
        } else if (a == "--out") {
            code = read_out_file(args, a, &o->out_file);
        } else if (a == "--csv") {
            o->csv = true;
        } else {
            code = read_input_name(args, a, "picture", &o->file);
        }
        if (code != kGoOn) return code;
    }
    if (o->file.empty()) {
        err << "poollab: picture needs an image file\n";
        return kExitUsage;
    }
    return kGoOn;
}

// Writes the working picture to `path` (its format is known to be one PoolLab writes). False after saying it cannot.
bool write_picture(const std::string& path, const Grid& gray, std::ostream& err) {
    const std::string bytes = out_format(path) == OutFormat::Jpeg ? encode_gray_jpeg(gray) : encode_gray_png(gray);
    std::ofstream f(path, std::ios::binary);
    if (!f || !f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        err << "poollab: cannot write '" << path << "'\n";
        return false;
    }
    return true;
}

}  // namespace

int run_picture(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    PictureOptions o;
    if (int code = read_picture_options(args, out, err, &o); code != kGoOn) return code;
    std::string bytes;
    if (!read_file(o.file, err, &bytes)) return kExitBadData;
    Result<Picture> p = load_picture(bytes, o.file, o.side);
    if (!p.ok()) {
        err << "poollab: " << p.error << '\n';
        return kExitBadData;
    }
    const Picture& picture = p.value;
    if (!o.out_file.empty() && !write_picture(o.out_file, picture.gray, err)) return kExitBadData;
    if (o.csv) {
        // Only a CSV PoolLab reads back: a grid larger than it takes is refused, not written.
        if (std::string too_large = check_grid_size(picture.gray.rows, picture.gray.cols); !too_large.empty()) {
            err << "poollab: --csv cannot write the working picture (" << size_text(picture.gray.cols, picture.gray.rows)
                << " pixels) as a grid PoolLab reads back: " << too_large << "; use --side " << count_text(kMaxCsvSide) << " or less\n";
            return kExitUsage;
        }
        out << to_csv(picture.gray);
    } else {
        out << o.file << ": " << size_text(picture.original_cols, picture.original_rows) << " pixels"
            << (picture.scaled ? ", " + picture.notice : std::string()) << "; working picture " << size_text(picture.gray.cols, picture.gray.rows)
            << " (columns×rows)\n";
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
