#include "core/train/weights.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/csv.h"

namespace pl::train {

namespace {

constexpr std::string_view kMagic = "PLWT";
constexpr std::uint32_t kMaxText = 1u << 20;  // a model JSON or a name longer than this is not ours

std::uint32_t fnv1a(std::string_view bytes) {
    std::uint32_t h = 2166136261u;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

// Reads forward through the bytes and says, once, what was missing.
struct Reader {
    std::string_view bytes;
    size_t at = 0;
    bool u32(std::uint32_t* v) {
        if (bytes.size() - at < 4) return false;
        *v = 0;
        for (int i = 0; i < 4; ++i) *v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)])) << (8 * i);
        at += 4;
        return true;
    }
    bool text(std::string* s) {
        std::uint32_t n;
        if (!u32(&n) || n > kMaxText || bytes.size() - at < n) return false;
        s->assign(bytes.substr(at, n));
        at += n;
        return true;
    }
};

}  // namespace

std::string weights_bytes(const Network& net, const std::string& data) {
    std::string out(kMagic);
    put_u32(out, kWeightsVersion);
    put_u32(out, static_cast<std::uint32_t>(net.input.h));
    put_u32(out, static_cast<std::uint32_t>(net.classes));
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    out += data;
    const std::string json = model_to_json(net.model);
    put_u32(out, static_cast<std::uint32_t>(json.size()));
    out += json;
    put_u32(out, static_cast<std::uint32_t>(net.params.size()));
    for (float f : net.params) {
        std::uint32_t bits;
        std::memcpy(&bits, &f, 4);
        put_u32(out, bits);
    }
    put_u32(out, fnv1a(out));
    return out;
}

Result<SavedNetwork> parse_weights(std::string_view bytes) {
    using R = Result<SavedNetwork>;
    if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) return R::failure("not a PoolLab weights file (it does not start with PLWT)");
    if (bytes.size() < kMagic.size() + 8) return R::failure("the weights file is cut short (it ends in its header)");
    Reader r{bytes, kMagic.size()};
    std::uint32_t version = 0, side = 0, classes = 0, count = 0;
    r.u32(&version);
    if (version != kWeightsVersion) {
        return R::failure("the weights file is version " + std::to_string(version) + "; this PoolLab reads version " + std::to_string(kWeightsVersion));
    }
    SavedNetwork saved;
    std::string json;
    if (!r.u32(&side) || !r.u32(&classes) || !r.text(&saved.data) || !r.text(&json) || !r.u32(&count)) {
        return R::failure("the weights file is cut short or damaged (a length runs past its end)");
    }
    if (count > (bytes.size() - r.at) / 4) return R::failure("the weights file is cut short: it promises " + std::to_string(count) + " weights");
    if (bytes.size() - r.at != static_cast<size_t>(count) * 4 + 4) {
        return R::failure("the weights file has " + count_text(static_cast<long long>(bytes.size() - r.at - static_cast<size_t>(count) * 4), "byte") +
                          " after its weights where 4 (the checksum) belong");
    }
    std::uint32_t sum = 0;
    Reader tail{bytes, bytes.size() - 4};
    tail.u32(&sum);
    if (sum != fnv1a(bytes.substr(0, bytes.size() - 4))) return R::failure("the weights file is damaged (its checksum does not match)");
    if (side < 1 || side > 1024 || classes < 2 || classes > 1000) return R::failure("the weights file's picture side or class count is out of range");
    Result<Model> model = parse_model(json);
    if (!model.ok()) return R::failure("the weights file's model: " + model.error);
    const Summary summary = summarize(model.value);  // before making the network: a file's claims cost nothing to check
    if (summary.failed < 0 && summary.total_params != static_cast<long long>(count)) {
        return R::failure("the weights file holds " + std::to_string(count) + " weights, but its model has " + std::to_string(summary.total_params));
    }
    Result<Network> net = make_network(model.value, static_cast<int>(side), static_cast<int>(classes));
    if (!net.ok()) return R::failure("the weights file's model cannot be trained: " + net.error);
    if (net.value.params.size() != count) {
        return R::failure("the weights file holds " + std::to_string(count) + " weights, but its model has " + std::to_string(net.value.params.size()));
    }
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t bits;
        r.u32(&bits);
        float f;
        std::memcpy(&f, &bits, 4);
        if (!std::isfinite(f)) return R::failure("weight " + std::to_string(i + 1) + " in the weights file is not a finite number");
        net.value.params[i] = f;
    }
    saved.net = std::move(net.value);
    return R::success(std::move(saved));
}

Result<SavedNetwork> load_weights_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<SavedNetwork>::failure("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    Result<SavedNetwork> r = parse_weights(ss.str());
    if (!r.ok()) r.error = path + ": " + r.error;
    return r;
}

std::string save_weights_file(const std::string& path, const Network& net, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    const std::string bytes = weights_bytes(net, data);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return "cannot write " + path;
    return "";
}

}  // namespace pl::train
