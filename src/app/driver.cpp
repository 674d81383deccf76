#include "app/driver.h"

#include <cstdio>
#include <cstdlib>
#include <cstdio>

#include <imgui.h>

#include "app/shell/app.h"
#include "core/parse.h"
#include "app/widgets/screenshot.h"
#include "platform/platform.h"

namespace {

void usage() {
    std::fprintf(stderr,
                 "usage: poollab-desktop [--scene %s] [--link FRAGMENT] [--frames N] [--screenshot OUT.png]\n"
                 "                       [--state-out OUT.json] [--keys CHARS] [--size WxH] [[--picture] PICTURE]\n"
                 "  CHARS: shortcut keys, one a frame; < > ^ _ are the arrow keys\n"
                 "  PICTURE: a PNG, JPEG, BMP or GIF to open in the picture scene (or drop one on the window)\n"
                 "  WxH: the window in screen pixels (default 1280x800)\n"
                 "  POOLLAB_SCALE=2 renders at 2x (as on a HiDPI screen; the window doubles too)\n",
                 pl::scene_names_text().c_str());
}

}  // namespace

void driver_window_size(const DriverOptions& o, int* width, int* height) {
    float scale = 1.0f;
    if (const char* forced = std::getenv("POOLLAB_SCALE")) scale = std::strtof(forced, nullptr);
    if (!(scale >= 0.5f && scale <= 4.0f)) scale = 1.0f;
    *width = static_cast<int>(static_cast<float>(o.width) * scale + 0.5f);
    *height = static_cast<int>(static_cast<float>(o.height) * scale + 0.5f);
}

bool driver_parse(int argc, char** argv, DriverOptions* o, App& app) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--frames" && has_value) {
            o->frames = std::atoi(argv[++i]);
        } else if (a == "--screenshot" && has_value) {
            o->screenshot_path = argv[++i];
        } else if (a == "--state-out" && has_value) {
            o->state_path = argv[++i];
            app.report_layout = true;  // the state written at the end carries the layout check
        } else if (a == "--size" && has_value) {
            int w = 0, h = 0;  // parse_size_pair reads "RxC" as rows x columns: here width, then height
            if (!pl::parse_size_pair(argv[++i], 64, 8192, &w, &h)) {
                std::fprintf(stderr, "poollab-desktop: --size takes WIDTH, an x, then HEIGHT, each 64 to 8192 (for example 700x440)\n");
                return false;
            }
            o->width = w;
            o->height = h;
        } else if (a == "--keys" && has_value) {
            o->keys = argv[++i];
        } else if (a == "--picture" && has_value) {
            o->picture = argv[++i];
        } else if (!a.empty() && a[0] != '-' && o->picture.empty()) {
            o->picture = a;
        } else if (a == "--link" && has_value) {
            platform::set_initial_link(argv[++i]);
        } else if (a == "--scene" && has_value) {
            const std::string name = argv[++i];
            if (!pl::find_scene(name, &app.scenes.shown)) {
                std::fprintf(stderr, "poollab: unknown scene '%s' (%s)\n", name.c_str(), pl::scene_names_text().c_str());
                return false;
            }
        } else {
            usage();
            return false;
        }
    }
    return true;
}

void driver_before_frame(const DriverOptions& o, App& app) {
    const long n = app.frame;
    if (o.keys.empty() || n < 5 || static_cast<size_t>(n - 5) >= o.keys.size()) return;
    switch (const char key = o.keys[static_cast<size_t>(n - 5)]) {  // arrow keys, spelled as characters
        case '<': app.keys.push_back(ShortcutKey::Left); break;
        case '>': app.keys.push_back(ShortcutKey::Right); break;
        case '^': app.keys.push_back(ShortcutKey::Up); break;
        case '_': app.keys.push_back(ShortcutKey::Down); break;
        default: ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(key));
    }
}

bool driver_busy(const DriverOptions& o) { return o.frames > 0; }

bool driver_after_render(const DriverOptions& o, const App& app, int w, int h) {
    if (o.frames <= 0 || app.frame < o.frames) return false;
    if (!o.screenshot_path.empty() && !save_screenshot(o.screenshot_path, w, h)) {
        std::fprintf(stderr, "poollab: could not write %s\n", o.screenshot_path.c_str());
    }
    if (!o.state_path.empty()) {
        // stdio, not a stream: the driver is linked into the web build too, and streams bring C++'s locales (about 20 KB gzipped).
        if (std::FILE* f = std::fopen(o.state_path.c_str(), "w")) {
            std::fputs((app_state_json(app) + "\n").c_str(), f);
            std::fclose(f);
        }
    }
    return true;
}
