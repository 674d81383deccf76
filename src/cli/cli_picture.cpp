// poollab picture: reads a picture as the app does and says what it made of it.
#include <fstream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/image.h"
#include "core/parse.h"

namespace pl {
namespace cli_parts {

int run_picture(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string file, out_file;
    int side = kWorkingImageSide;
    bool csv = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--side" || a == "--out") && i + 1 >= args.size()) {
            err << "poollab: " << a << " needs a value\n";
            return kExitUsage;
        }
        if (a == "--side") {
            if (!parse_whole(args[++i], 8, kMaxImageSide, &side)) {
                err << "poollab: --side takes a whole number from 8 to " << kMaxImageSide << ", not '" << args[i] << "'\n";
                return kExitUsage;
            }
        } else if (a == "--out") {
            out_file = args[++i];
        } else if (a == "--csv") {
            csv = true;
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for picture\n" << kUsage;
            return kExitUsage;
        } else if (file.empty()) {
            file = a;
        } else {
            err << "poollab: one picture at most (got '" << file << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (file.empty()) {
        err << "poollab: picture needs an image file\n";
        return kExitUsage;
    }
    std::string file_bytes;
    if (!read_file(file, err, &file_bytes)) return kExitBadData;
    Result<Picture> p = load_picture(file_bytes, file, side);
    if (!p.ok()) {
        err << "poollab: " << p.error << '\n';
        return kExitBadData;
    }
    if (!out_file.empty()) {
        const bool jpeg = out_file.size() > 4 && (out_file.substr(out_file.size() - 4) == ".jpg" || out_file.substr(out_file.size() - 5) == ".jpeg");
        const std::string bytes = jpeg ? encode_gray_jpeg(p.value.gray) : encode_gray_png(p.value.gray);
        std::ofstream o(out_file, std::ios::binary);
        if (!o || !o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
            err << "poollab: cannot write '" << out_file << "'\n";
            return kExitBadData;
        }
    }
    if (csv) {
        out << to_csv(p.value.gray);
    } else {
        out << file << ": " << p.value.original_cols << " x " << p.value.original_rows << " pixels"
                          << (p.value.scaled ? ", " + p.value.notice : std::string()) << "; working picture "
                          << p.value.gray.cols << " x " << p.value.gray.rows << " (columns x rows)\n";
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
