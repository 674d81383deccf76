#pragma once
// Everything that differs between the browser and the desktop, behind one
// small interface. Two implementations: platform_web.cpp (Emscripten) and
// platform_native.cpp (GLFW on X11/Wayland/macOS/Windows); CMake picks one.
#include <string>
#include <string_view>

struct GLFWwindow;

namespace platform {

// Creates the window and its GL context: WebGL2 / OpenGL ES 3 on the web,
// OpenGL 3.3 core on the desktop. On the web it fills the browser window.
GLFWwindow* create_window(const char* title, int width, int height);

// The #version line for GLSL on this platform.
const char* glsl_version();

// Device pixels per logical (CSS) pixel: 2 on a Retina screen. On the desktop
// POOLLAB_SCALE in the environment overrides the monitor's content scale.
float pixel_ratio(GLFWwindow* window);

// Web: makes the canvas follow the browser window and its pixel ratio.
// Desktop: nothing to do.
void follow_host_size(GLFWwindow* window);

// Calls frame() until the app quits: on the browser's animation frames on the
// web, in a loop on the desktop. Drawing is on demand: when frame() returns
// false nothing is drawn until the next event (input, a resize, a message
// from the page, a file) and the host's wake() has been called. On the web a
// figure scrolled out of view or in a hidden tab is not drawn at all until it
// is seen again.
void run(GLFWwindow* window, bool (*frame)());

// Tells the host page the first frame is on screen (hides the loading overlay).
void first_frame_drawn();
// Tells the host page a frame was just rendered, in the same task, so the page
// can read the canvas (a still for printing). Web only.
void frame_drawn();

// Web: the browser may take the WebGL context away (a GPU reset, too many
// contexts) and give it back later. lost() and restored() are called between
// frames; every GL object is gone after a loss. Desktop: never called.
void watch_gl_context(void (*lost)(), void (*restored)());

// Links: the fragment the app was opened with (the page's #..., or the
// desktop's --link), keeping the address bar's fragment in step with the
// state, the full address for a fragment, and copying text for the user.
std::string initial_link();
void set_initial_link(const std::string& fragment);  // desktop: from the command line
void show_link(const std::string& fragment);
std::string link_address(const std::string& fragment);
void copy_text(const std::string& text);

// The state kept between visits (the browser's localStorage; nothing on the
// desktop). Both quietly do nothing where storage is switched off.
std::string load_saved_link();
void save_link(const std::string& fragment);

// Hands a file to the user: a download in the browser, a file in the current
// directory on the desktop (its path is returned there, "" in the browser).
std::string download(const std::string& name, const std::string& mime, const std::string& bytes);

// What the page (web) or the window (desktop) hands the app between frames.
struct Host {
    std::string (*state)();                        // the app's state as JSON, for the page's test hook
    void (*open_link)(const std::string& fragment);  // the page's embedding API: set-state
    void (*command)(const std::string& command);     // ... play, pause, "step N"
    // A file's bytes (the page's picker, a drop, a fetched sample; the
    // desktop's drops and paths); `source` is "file" or the sample's name.
    void (*file_arrived)(std::string_view bytes, const std::string& name, const std::string& source);
    void (*file_refused)(const std::string& message);  // a file that could not be read
    void (*wake)();  // an event came after the app slept: it should draw a few frames
};
// Web: the page's entry points (src/platform/web_exports.txt) call the host,
// and the page's wheel events reach Dear ImGui. Desktop: drops on the window.
void connect_host(GLFWwindow* window, const Host& host);
// Desktop: reads a file by path and hands it (or why not) to the host. Web: refused.
void open_local_file(const std::string& path);

// Pictures in. A bundled sample's bytes: on the desktop they are compiled in
// and returned at once; on the web "" is returned and the page fetches
// samples/NAME.jpg, handing the bytes to poollab_picture_arrived later.
std::string request_sample(const std::string& name);
// Opens the browser's file picker (true), or false on the desktop, which has
// none: there the panel takes a path, and pictures may be dropped on the window.
bool open_picture_dialog();

// Says `text` to screen readers (the page's live region); the canvas itself cannot be read.
void announce(const std::string& text);
// The system asks for less motion (the browser's prefers-reduced-motion; on
// the desktop POOLLAB_REDUCE_MOTION=1). A change of it on the web wakes the app.
bool prefers_reduced_motion();

}  // namespace platform
