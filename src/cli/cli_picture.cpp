// poollab picture: reads a picture as the app does and says what it made of it.
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

// What picture takes on the command line.
struct PictureOptions {
    int side = kWorkingImageSide;
    std::string out_file;  // "" for none
    bool csv = false;
    std::string file;
};

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
            code = args.value_of(a, &o->out_file) ? kGoOn : kExitUsage;
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

// ".jpg" or ".jpeg" asks for a JPEG; any other name gets a PNG.
bool names_a_jpeg(const std::string& path) {
    const size_t n = path.size();
    return n > 4 && (path.substr(n - 4) == ".jpg" || path.substr(n - 5) == ".jpeg");
}

// Writes the working picture to `path`. False after saying it cannot.
bool write_picture(const std::string& path, const Grid& gray, std::ostream& err) {
    const std::string bytes = names_a_jpeg(path) ? encode_gray_jpeg(gray) : encode_gray_png(gray);
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
        out << to_csv(picture.gray);
    } else {
        out << o.file << ": " << picture.original_cols << " x " << picture.original_rows << " pixels"
            << (picture.scaled ? ", " + picture.notice : std::string()) << "; working picture " << picture.gray.cols << " x "
            << picture.gray.rows << " (columns x rows)\n";
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
