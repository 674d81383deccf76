// PoolLab: one main for the browser and the desktop. It owns the window, Dear
// ImGui and the render loop; frame() is called by the browser's animation
// frames on the web and by a loop on the desktop (platform::run).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/shell/app.h"
#include "app/widgets/screenshot.h"
#include "platform/gl.h"
#include "platform/platform.h"

namespace {

// Desktop options for tests and figure making.
struct Options {
    int frames = 0;               // quit after this many frames (0: run until closed)
    std::string screenshot_path;  // PNG of the last frame
    std::string state_path;       // JSON of the final state
    std::string keys;             // shortcut characters to press, one a frame, from frame 5; < > ^ _ are arrows
    std::string picture;          // a picture to open in the picture scene
};

GLFWwindow* g_window = nullptr;
App g_app;
Options g_options;

// Dear ImGui 1.86 reads key state once a frame, so a key pressed and released
// between two frames (a quick tap on a slow machine) would never be seen:
// Enter in the cell editor would be lost. A release that comes in the frame
// of its press is held back until that frame is done.
struct KeyEvent {
    int key, scancode, mods;
};
std::vector<KeyEvent> g_held_releases;
bool g_pressed_this_frame[GLFW_KEY_LAST + 1] = {};

void release_held_keys() {
    for (const KeyEvent& e : g_held_releases) ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, GLFW_RELEASE, e.mods);
    g_held_releases.clear();
    std::fill(std::begin(g_pressed_this_frame), std::end(g_pressed_this_frame), false);
}

void queue_shortcut(int key, int action, int mods) {
    if (action == GLFW_RELEASE || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER))) return;
    switch (key) {
        case GLFW_KEY_SPACE: if (action == GLFW_PRESS) g_app.keys.push_back(ShortcutKey::Space); break;
        case GLFW_KEY_LEFT: g_app.keys.push_back(ShortcutKey::Left); break;
        case GLFW_KEY_RIGHT: g_app.keys.push_back(ShortcutKey::Right); break;
        case GLFW_KEY_HOME: g_app.keys.push_back(ShortcutKey::Home); break;
        case GLFW_KEY_END: g_app.keys.push_back(ShortcutKey::End); break;
        case GLFW_KEY_UP: g_app.keys.push_back(ShortcutKey::Up); break;
        case GLFW_KEY_DOWN: g_app.keys.push_back(ShortcutKey::Down); break;
        case GLFW_KEY_TAB: if (action == GLFW_PRESS) g_app.keys.push_back(ShortcutKey::NextScene); break;
        case GLFW_KEY_F1: if (action == GLFW_PRESS) g_app.keys.push_back(ShortcutKey::Help); break;
        default: break;
    }
}

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    queue_shortcut(key, action, mods);
    if (key >= 0 && key <= GLFW_KEY_LAST) {
        if (action == GLFW_PRESS) g_pressed_this_frame[key] = true;
        if (action == GLFW_RELEASE && g_pressed_this_frame[key]) {
            g_held_releases.push_back({key, scancode, mods});
            return;
        }
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

std::string app_state() { return app_state_json(g_app); }

// The WebGL context: while it is lost nothing is drawn (the page says why) and
// the state waits; when it comes back, every GL object is made again.
bool g_gl_lost = false;
bool g_gl_restored = false;
void on_gl_lost() { g_gl_lost = true; }
void on_gl_restored() { g_gl_restored = true; }

void remake_gl_objects() {
    // The renderer backend starts afresh: 1.86's DestroyDeviceObjects keeps
    // the old buffer sizes and would never size the new buffers.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplOpenGL3_Init(platform::glsl_version());
    app_gpu_lost(g_app);
    app_gpu_start(g_app);
}

}  // namespace

// Opens a picture file by path (the desktop's argument and drops).
void open_picture_file(const std::string& path) {
    std::string bytes, error;
    const size_t slash = path.find_last_of("/\\");
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    g_app.scene = Scene::Image;
    if (!platform::read_local_file(path, &bytes, &error)) {
        image_view_picture_refused(g_app.image, g_app.image_view, error);
        return;
    }
    app_open_picture(g_app, bytes, name, "file");
}

#ifndef __EMSCRIPTEN__
void on_drop(GLFWwindow*, int count, const char** paths) {
    if (count > 0 && paths && paths[0]) open_picture_file(paths[0]);
}
#endif

// Called by the page (web/shell.js) for its postMessage API and for pictures.
extern "C" {
// A picture's bytes from the file picker, a drop or a sample fetch; source is "file" or the sample's name.
void poollab_picture_arrived(const char* bytes, int size, const char* name, const char* source) {
    app_open_picture(g_app, std::string_view(bytes ? bytes : "", bytes && size > 0 ? static_cast<size_t>(size) : 0), name ? name : "",
                     source ? source : "file");
}
// The mouse wheel, in notches (up and right positive). Emscripten 3.1.6's GLFW
// passes raw pixel deltas with the browser's sign and counts both 'wheel' and
// 'mousewheel', which cancel out, so the page forwards wheel events itself.
void poollab_wheel(double dx, double dy) { ImGui_ImplGlfw_ScrollCallback(g_window, dx, dy); }
// A picture the page could not hand over (too large to read, a failed fetch).
void poollab_picture_refused(const char* message) {
    image_view_picture_refused(g_app.image, g_app.image_view, message ? message : "the picture could not be read");
}
// Opens the state a link fragment describes.
void poollab_open_link(const char* fragment) { app_open_link(g_app, fragment ? fragment : ""); }
// "play", "pause", "step N" (N may be negative): the step-through animation.
void poollab_command(const char* command) {
    const std::string c = command ? command : "";
    if (c == "play" && !g_app.steps.playing) pl::steps_play_pause(g_app.steps);
    if (c == "pause") g_app.steps.playing = false;
    if (c.rfind("step ", 0) == 0) {
        const int n = std::atoi(c.c_str() + 5);
        g_app.steps.playing = false;
        pl::steps_seek(g_app.steps, pl::steps_current(g_app.steps) + n);
    }
}
}

namespace {

void frame() {
    glfwPollEvents();
    if (g_gl_restored) {
        g_gl_restored = g_gl_lost = false;
        remake_gl_objects();
    }
    if (g_gl_lost) return;
    platform::follow_host_size(g_window);

    const float ratio = platform::pixel_ratio(g_window);
    if (ratio != g_app.ratio) {
        const bool had_fonts = g_app.ratio != 0.0f;
        g_app.fonts = theme_apply(ratio);
        g_app.ratio = ratio;
        if (had_fonts) {  // the first texture is made by the backend's first NewFrame
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    const long n = g_app.frame;
    if (!g_options.keys.empty() && n >= 5 && static_cast<size_t>(n - 5) < g_options.keys.size()) {
        const char key = g_options.keys[static_cast<size_t>(n - 5)];
        switch (key) {  // arrow keys, spelled as characters
            case '<': g_app.keys.push_back(ShortcutKey::Left); break;
            case '>': g_app.keys.push_back(ShortcutKey::Right); break;
            case '^': g_app.keys.push_back(ShortcutKey::Up); break;
            case '_': g_app.keys.push_back(ShortcutKey::Down); break;
            default: ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(key));
        }
    }
    if (!g_app.controls) {  // a view-only figure: the mouse and keys do nothing
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        for (bool& down : io.MouseDown) down = false;
        io.MouseWheel = io.MouseWheelH = 0.0f;
        io.InputQueueCharacters.resize(0);
    }
    ImGui::NewFrame();
    app_frame(g_app, ImGui::GetIO().DeltaTime);
    ImGui::Render();

    int w, h;
    glfwGetFramebufferSize(g_window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (g_app.png_requested) {  // read the frame just drawn, before it is shown
        g_app.png_requested = false;
        const std::string png = screenshot_png(w, h);
        if (!png.empty()) platform::download(std::string("poollab-") + scene_name(g_app.scene) + ".png", "image/png", png);
    }
    if (g_app.frame == 1) platform::first_frame_drawn();
    if (g_options.frames > 0 && g_app.frame >= g_options.frames) {
        if (!g_options.screenshot_path.empty() && !save_screenshot(g_options.screenshot_path, w, h)) {
            std::fprintf(stderr, "poollab: could not write %s\n", g_options.screenshot_path.c_str());
        }
        if (!g_options.state_path.empty()) std::ofstream(g_options.state_path) << app_state() << '\n';
        glfwSetWindowShouldClose(g_window, GLFW_TRUE);
    }
    glfwSwapBuffers(g_window);
    if (g_app.frame == 1) app_gpu_start(g_app);  // what the first frame could do without
    // Only now, after this frame saw them down: on the web key events arrive
    // between frames, not inside glfwPollEvents.
    release_held_keys();
}

bool parse_options(int argc, char** argv, Options* o) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--frames" && has_value) {
            o->frames = std::atoi(argv[++i]);
        } else if (a == "--screenshot" && has_value) {
            o->screenshot_path = argv[++i];
        } else if (a == "--state-out" && has_value) {
            o->state_path = argv[++i];
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
            if (!parse_scene(name, &g_app.scene)) {
                std::fprintf(stderr, "poollab: unknown scene '%s' (steps, shift, fields or image)\n", name.c_str());
                return false;
            }
        } else {
            std::fprintf(stderr,
                         "usage: poollab-desktop [--scene steps|shift|fields|image] [--link FRAGMENT] [--frames N] [--screenshot OUT.png]\n"
                         "                       [--state-out OUT.json] [--keys CHARS] [[--picture] PICTURE]\n"
                         "  CHARS: shortcut keys, one a frame; < > ^ _ are the arrow keys\n"
                         "  PICTURE: a PNG, JPEG, BMP or GIF to open in the picture scene (or drop one on the window)\n"
                         "  POOLLAB_SCALE=2 renders at 2x (as on a HiDPI screen)\n");
            return false;
        }
    }
    return true;
}

void glfw_error(int code, const char* message) { std::fprintf(stderr, "GLFW error %d: %s\n", code, message); }

}  // namespace

int main(int argc, char** argv) {
    if (!parse_options(argc, argv, &g_options)) return 2;
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "poollab: cannot start GLFW (is there a display?)\n");
        return 1;
    }
    g_window = platform::create_window("PoolLab", 1280, 800);
    if (!g_window) {
        std::fprintf(stderr, "poollab: cannot open a window with OpenGL 3.3 / WebGL2\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to save
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    glfwSetKeyCallback(g_window, on_key);  // wraps the backend's key callback
    ImGui_ImplOpenGL3_Init(platform::glsl_version());
    app_init(g_app);
    platform::set_state_provider(app_state);
    platform::watch_gl_context(on_gl_lost, on_gl_restored);
#ifndef __EMSCRIPTEN__
    glfwSetDropCallback(g_window, on_drop);  // the page handles drops on the web (Emscripten's would need a file system)
#endif
    if (!g_options.picture.empty()) open_picture_file(g_options.picture);

    platform::run(g_window, frame);

    app_shutdown(g_app);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(g_window);
    glfwTerminate();
    return 0;
}
