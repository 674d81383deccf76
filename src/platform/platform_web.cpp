// The browser: Emscripten's GLFW on a canvas that fills the page, sized in
// device pixels so text is crisp on HiDPI screens.
//
// The JavaScript below goes through the Closure Compiler with the rest of
// poollab.js, which renames properties written with a dot. Names shared with
// web/shell.js are therefore quoted: Module["onFirstFrame"], not Module.onFirstFrame.
#include <emscripten.h>
#include <cstdlib>
#include <emscripten/html5.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#include "platform/platform.h"

namespace {

platform::Host g_host{};
GLFWwindow* g_window = nullptr;
std::string g_state;

// Drawing on demand: the main loop is paused while the app has nothing to
// draw, and while the figure cannot be seen (scrolled away, a hidden tab).
bool (*g_frame)() = nullptr;
bool g_paused = false;
bool g_visible = true;

void wake() {
    if (g_host.wake) g_host.wake();
    if (g_paused && g_visible) {
        g_paused = false;
        emscripten_resume_main_loop();
    }
}

void web_frame() {
    if (!g_frame() || !g_visible) {
        g_paused = true;
        emscripten_pause_main_loop();
    }
}
int g_css_width = 0, g_css_height = 0;
double g_ratio = 0.0;

void host_size(int* w, int* h) {
    *w = EM_ASM_INT({ return window.innerWidth; });
    *h = EM_ASM_INT({ return window.innerHeight; });
    if (*w < 1) *w = 1;
    if (*h < 1) *h = 1;
}

}  // namespace

// The page's entry points (web/shell.js calls them; web_exports.txt lists them for the link).
extern "C" {
// The page's test hook: JSON of the app's state.
EMSCRIPTEN_KEEPALIVE const char* poollab_state() {
    g_state = g_host.state ? g_host.state() : std::string("{}");
    return g_state.c_str();
}
// Opens the state a link fragment describes (the embedding API's set-state).
EMSCRIPTEN_KEEPALIVE void poollab_open_link(const char* fragment) {
    if (g_host.open_link) g_host.open_link(fragment ? fragment : "");
    wake();
}
// The page saw an event (input, a resize, focus): draw until the app settles.
EMSCRIPTEN_KEEPALIVE void poollab_wake() { wake(); }
// The figure came into view (1) or left it (0): out of view nothing is drawn.
EMSCRIPTEN_KEEPALIVE void poollab_set_visible(int visible) {
    g_visible = visible != 0;
    if (g_visible) wake();
}
// "play", "pause", "step N" (N may be negative).
EMSCRIPTEN_KEEPALIVE void poollab_command(const char* command) {
    if (g_host.command) g_host.command(command ? command : "");
    wake();
}
// A picture's bytes from the file picker, a drop or a sample fetch; source is "file" or the sample's name.
EMSCRIPTEN_KEEPALIVE void poollab_picture_arrived(const char* bytes, int size, const char* name, const char* source) {
    if (!g_host.file_arrived) return;
    g_host.file_arrived(std::string_view(bytes ? bytes : "", bytes && size > 0 ? static_cast<size_t>(size) : 0), name ? name : "",
                        source ? source : "file");
    wake();
}
// A picture the page could not hand over (too large to read, a failed fetch).
EMSCRIPTEN_KEEPALIVE void poollab_picture_refused(const char* message) {
    if (g_host.file_refused) g_host.file_refused(message ? message : "the picture could not be read");
    wake();
}
// The mouse wheel, in notches (up and right positive). Emscripten 3.1.6's GLFW
// passes raw pixel deltas with the browser's sign and counts both 'wheel' and
// 'mousewheel', which cancel out, so the page forwards wheel events itself.
EMSCRIPTEN_KEEPALIVE void poollab_wheel(double dx, double dy) {
    if (g_window) ImGui_ImplGlfw_ScrollCallback(g_window, dx, dy);
    wake();
}
}

namespace platform {

GLFWwindow* create_window(const char* title, int, int) {
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    int w, h;
    host_size(&w, &h);
    double ratio = emscripten_get_device_pixel_ratio();
    GLFWwindow* window = glfwCreateWindow(static_cast<int>(w * ratio), static_cast<int>(h * ratio), title, nullptr, nullptr);
    if (!window) {  // no WebGL2 context: the page says so in words
        EM_ASM({ if (Module["onNoWebGL2"]) Module["onNoWebGL2"](); });
        return nullptr;
    }
    follow_host_size(window);
    return window;
}

const char* glsl_version() { return "#version 300 es"; }

float pixel_ratio(GLFWwindow*) { return static_cast<float>(emscripten_get_device_pixel_ratio()); }

void follow_host_size(GLFWwindow* window) {
    int w, h;
    host_size(&w, &h);
    double ratio = emscripten_get_device_pixel_ratio();
    if (w == g_css_width && h == g_css_height && ratio == g_ratio) return;
    g_css_width = w;
    g_css_height = h;
    g_ratio = ratio;
    // The canvas holds CSS size x ratio device pixels and is shown at CSS size.
    // Not glfwSetWindowSize: Emscripten 3.1.6's GLFW asks for fullscreen when
    // the size equals the screen's (a maximised window). Browser.setCanvasSize,
    // behind this call, tells GLFW through its resize listener all the same.
    (void)window;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    emscripten_set_canvas_size(static_cast<int>(w * ratio + 0.5), static_cast<int>(h * ratio + 0.5));
#pragma clang diagnostic pop
    emscripten_set_element_css_size("#canvas", w, h);
}

void run(GLFWwindow*, bool (*frame)()) {
    g_frame = frame;
    emscripten_set_main_loop(web_frame, 0, true);
}

void frame_drawn() {
    EM_ASM({ if (Module["onFrameDrawn"]) Module["onFrameDrawn"](); });
}

void first_frame_drawn() {
    EM_ASM({ if (Module["onFirstFrame"]) Module["onFirstFrame"](); });
}

void connect_host(GLFWwindow* window, const Host& host) {
    g_window = window;
    g_host = host;
}

void open_local_file(const std::string&) {
    if (g_host.file_refused) g_host.file_refused("the browser reads pictures through the file picker or a drop, not by path");
}

namespace {
void (*g_gl_lost)() = nullptr;
void (*g_gl_restored)() = nullptr;
EM_BOOL on_gl_event(int type, const void*, void*) {
    if (type == EMSCRIPTEN_EVENT_WEBGLCONTEXTLOST && g_gl_lost) g_gl_lost();
    if (type == EMSCRIPTEN_EVENT_WEBGLCONTEXTRESTORED && g_gl_restored) g_gl_restored();
    wake();
    return EM_TRUE;  // preventDefault: without it the browser never gives the context back
}
}  // namespace

void watch_gl_context(void (*lost)(), void (*restored)()) {
    g_gl_lost = lost;
    g_gl_restored = restored;
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, on_gl_event);
    emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, on_gl_event);
}

EM_JS(char*, poollab_location_hash, (), {
    const hash = window.location.hash || "";
    const bytes = lengthBytesUTF8(hash) + 1;
    const out = _malloc(bytes);
    stringToUTF8(hash, out, bytes);
    return out;
});

EM_JS(char*, poollab_location_base, (), {
    const base = window.location.origin + window.location.pathname;
    const bytes = lengthBytesUTF8(base) + 1;
    const out = _malloc(bytes);
    stringToUTF8(base, out, bytes);
    return out;
});

std::string initial_link() {
    char* hash = poollab_location_hash();
    std::string out = hash;
    free(hash);
    return out;
}

void set_initial_link(const std::string&) {}

void show_link(const std::string& fragment) {
    EM_ASM({
        const f = UTF8ToString($0);
        try { history.replaceState(history.state, "", "#" + f); } catch (e) {}
        if (Module["onLinkChanged"]) Module["onLinkChanged"](f);
    }, fragment.c_str());
}

std::string link_address(const std::string& fragment) {
    char* base = poollab_location_base();
    std::string out = std::string(base) + "#" + fragment;
    free(base);
    return out;
}

// The student's own saved state belongs to the full app: a figure inside a
// frame (a course page's) neither reads nor writes it.
EM_JS(char*, poollab_load_saved, (), {
    let saved = "";
    try { if (window.self === window.top) saved = window.localStorage.getItem("poollab.link") || ""; } catch (e) {}
    const bytes = lengthBytesUTF8(saved) + 1;
    const out = _malloc(bytes);
    stringToUTF8(saved, out, bytes);
    return out;
});

std::string load_saved_link() {
    char* saved = poollab_load_saved();
    std::string out = saved;
    free(saved);
    return out;
}

void save_link(const std::string& fragment) {
    EM_ASM({ try { if (window.self === window.top) window.localStorage.setItem("poollab.link", UTF8ToString($0)); } catch (e) {} }, fragment.c_str());
}

std::string download(const std::string& name, const std::string& mime, const std::string& bytes) {
    EM_ASM({
        const data = HEAPU8.slice($2, $2 + $3);
        const blob = new Blob([data], {type: UTF8ToString($1)});
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = UTF8ToString($0);
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }, name.c_str(), mime.c_str(), bytes.data(), bytes.size());
    return {};
}

std::string request_sample(const std::string& name) {
    EM_ASM({ if (Module["fetchSample"]) Module["fetchSample"](UTF8ToString($0)); }, name.c_str());
    return {};
}

bool open_picture_dialog() {
    EM_ASM({ if (Module["openPicturePicker"]) Module["openPicturePicker"](); });
    return true;
}

void announce(const std::string& text) {
    EM_ASM({
        const region = document.getElementById("narration");
        if (region) region.textContent = UTF8ToString($0);
    }, text.c_str());
}

EM_JS(int, poollab_reduced_motion, (), {
    try { return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 1 : 0; } catch (e) { return 0; }
});

bool prefers_reduced_motion() { return poollab_reduced_motion() != 0; }

void copy_text(const std::string& text) {
    EM_ASM({
        const text = UTF8ToString($0);
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
        window["poollab"]["copied"] = text;
    }, text.c_str());
}

}  // namespace platform
